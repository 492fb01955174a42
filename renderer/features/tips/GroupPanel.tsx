import { Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import type { GroupMember } from './useTipRelations';

/**
 * The duplicate group the open tip is in: its primary, then the linked reports by arrival. A group
 * is routed and closed as one: the followers mirror the primary (the exchange moves them) and
 * every reporter hears the outcome.
 */
export function GroupPanel(props: Readonly<{ tip: Tip; members: readonly GroupMember[] }>) {
  const { t } = useTranslation();
  return (
    <Stack spacing={0.25} data-testid="group" data-size={props.members.length}>
      <Typography variant="caption" color="text.secondary">
        {t('tips:group.explain', { count: props.members.length })}
      </Typography>
      {props.members.map((m) => (
        <Stack key={m.row.id} direction="row" spacing={0.75} sx={{ alignItems: 'center' }} data-testid={`group-member-${m.row.id}`} data-primary={m.primary ? 'true' : 'false'}>
          <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: m.row.id === props.tip.id ? 700 : 400 }}>
            {m.row.id}
          </Typography>
          {m.primary && <Chip size="small" label={t('tips:group.primary')} color="primary" variant="outlined" sx={{ height: 18 }} />}
          {m.row.id === props.tip.id && <Chip size="small" label={t('tips:group.thisOne')} sx={{ height: 18 }} />}
          <Box component="span" sx={{ color: 'text.secondary', fontSize: 12 }}>
            {formatDateTime(m.row.submittedAt)} · {t(`domain:status.tip.${m.row.status}`)}
          </Box>
        </Stack>
      ))}
    </Stack>
  );
}
