import { Chip, FormControlLabel, MenuItem, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import type { ServiceUsageResponse } from '#shared/contract/api';
import { currentLanguage } from '../../app/i18n';
import { formatAverage, formatPercent, orderServices } from './figures';
import { serviceLabel } from './names';

const FLAG_COLOR = { low_rating: 'error', unused: 'warning', low_use: 'warning' } as const;

/** The month picker and the "only flagged" switch above the table (in the section's heading row). */
export function ServiceUsageControls(props: Readonly<{ months: readonly string[]; month: string; onMonth: (m: string) => void; onlyFlagged: boolean; onOnlyFlagged: (v: boolean) => void }>) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" sx={{ gap: 1.5, alignItems: 'center' }}>
      <FormControlLabel
        control={<Switch size="small" checked={props.onlyFlagged} onChange={(e) => props.onOnlyFlagged(e.target.checked)} slotProps={{ input: { 'data-testid': 'services-only-flagged' } as object }} />}
        label={t('dashboard:services.onlyFlagged')}
      />
      <TextField select label={t('dashboard:services.month')} value={props.month} onChange={(e) => props.onMonth(e.target.value)} sx={{ width: 130 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'services-month' } as object } }}>
        {props.months.map((m) => (
          <MenuItem key={m} value={m}>
            {m}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

/**
 * Every service's use in the month, the ones that stand out first (a poor rating, no use, little
 * use: the exchange's flags) and tinted, each flag in words. Test ids `services-table`,
 * `service-row-<code>` (with `data-flags`), `services-flagged`.
 */
export function ServiceUsageTable(props: Readonly<{ usage: ServiceUsageResponse; onlyFlagged: boolean }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ordered = orderServices(props.usage.services);
  const flagged = ordered.filter((s) => s.flags.length > 0);
  const rows = props.onlyFlagged ? flagged : ordered;
  const heads = ['service', 'received', 'decided', 'timely', 'ratings', 'average', 'flags'] as const;
  return (
    <>
      <Typography variant="body2" color="text.secondary" data-testid="services-flagged" data-count={flagged.length} sx={{ mb: 0.5 }}>
        {t('dashboard:services.flaggedCount', { count: flagged.length })}
      </Typography>
      <TableContainer sx={{ maxHeight: 380 }} data-testid="services-table">
        <Table size="small" stickyHeader aria-label={t('dashboard:services.title')}>
          <TableHead>
            <TableRow>
              {heads.map((h, i) => (
                <TableCell key={h} align={i === 0 || h === 'flags' ? 'left' : 'right'} sx={{ py: 0.5, whiteSpace: 'nowrap' }}>
                  {t(`dashboard:services.${h}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((s) => (
              <TableRow
                key={s.serviceCode}
                data-testid={`service-row-${s.serviceCode}`}
                data-flags={s.flags.join(' ')}
                sx={(theme) => ({ bgcolor: s.flags.includes('low_rating') ? alpha(theme.palette.error.main, 0.06) : s.flags.length > 0 ? alpha(theme.palette.warning.main, 0.07) : undefined })}
              >
                <TableCell sx={{ py: 0.5 }}>{serviceLabel(s.serviceCode, s.name, lang, t)}</TableCell>
                {[s.received, s.decided, formatPercent(s.timelyRate), s.ratings.count, formatAverage(s.ratings.average)].map((v, i) => (
                  <TableCell key={i} align="right" sx={{ py: 0.5, fontVariantNumeric: 'tabular-nums' }}>
                    {v}
                  </TableCell>
                ))}
                <TableCell sx={{ py: 0.25 }}>
                  <Stack direction="row" sx={{ gap: 0.5 }}>
                    {s.flags.map((f) => (
                      <Chip key={f} label={t(`dashboard:services.flag.${f}`)} color={FLAG_COLOR[f]} variant="outlined" />
                    ))}
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
