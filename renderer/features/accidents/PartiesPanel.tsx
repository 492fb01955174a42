import { Box, Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useTranslation } from 'react-i18next';
import type { AccidentCase, AccidentParty } from '#shared/domain/items';
import { ACTION_TEST_ID, SHORTCUT } from './actions';
import { partyLetter } from './photos';

const FLAGS = ['hasPlate', 'inspectionValid', 'insuranceValid', 'licenceValid'] as const satisfies readonly (keyof AccidentParty)[];

/**
 * The parties side by side: identity as the cache holds it (masked; the eye reveals one party's ID
 * number with a reason, audited on the exchange), plate, vehicle, insurer, the papers the quick
 * procedure needs, and each party's own statement beside the others'.
 */
export function PartiesPanel(props: Readonly<{ item: AccidentCase; canReveal: boolean; onReveal: (partyIdx: number) => void }>) {
  const { t } = useTranslation();
  const { parties } = props.item.data;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${parties.length}, minmax(0, 1fr))`, gap: 1 }} data-testid="parties">
      {parties.map((p, i) => (
        <Box key={i} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 0.75, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }} data-testid={`party-${i}`}>
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'baseline' }}>
            <Typography variant="subtitle2" component="h4">
              {t('accidents:party.short', { party: partyLetter(i, t) })}
            </Typography>
            <Typography variant="subtitle2" sx={{ fontFamily: 'monospace', letterSpacing: 0.5 }} data-testid={`party-plate-${i}`}>
              {p.plate}
            </Typography>
          </Stack>
          <Typography variant="body2" component="div">
            {p.name}
            <Box component="span" sx={{ ml: 0.75, fontVariantNumeric: 'tabular-nums' }} data-testid={`party-id-${i}`}>
              {p.idNumberMasked}
            </Box>
            {props.canReveal && p.idNumberMasked.length > 0 && (
              <Tooltip title={t('workspace:action.withKey', { label: t('accidents:action.reveal'), key: SHORTCUT.reveal })}>
                <IconButton size="small" sx={{ p: 0.25, ml: 0.25, mt: -0.25 }} onClick={() => props.onReveal(i)} aria-label={t('accidents:party.revealOf', { party: partyLetter(i, t) })} data-testid={`${ACTION_TEST_ID.reveal}-${i}`}>
                  <VisibilityIcon sx={{ fontSize: 16 }} />
                </IconButton>
              </Tooltip>
            )}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {p.phoneMasked} · {p.vehicleType} · {p.insurer}
          </Typography>
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
            {FLAGS.map((flag) => (
              <Chip
                key={flag}
                size="small"
                variant="outlined"
                color={p[flag] ? 'success' : 'error'}
                icon={p[flag] ? <CheckIcon /> : <CloseIcon />}
                label={t(`accidents:party.flag.${flag}`)}
                data-testid={`party-flag-${i}-${flag}`}
                data-ok={p[flag] ? 'true' : 'false'}
                sx={{ height: 20, '& .MuiChip-label': { px: 0.5 }, '& .MuiChip-icon': { fontSize: 14, ml: 0.25 } }}
              />
            ))}
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {t('accidents:party.statement')}
          </Typography>
          <Typography variant="body2" sx={{ bgcolor: '#f6f8fb', borderRadius: 1, p: 0.5, flex: 1, wordBreak: 'break-word' }} data-testid={`party-statement-${i}`}>
            {p.statement || t('accidents:party.noStatement')}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
