import { Box, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { StatsResponse } from '#shared/contract/api';
import { currentLanguage } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { CLEARANCE_TARGET_MIN, formatDuration, formatPercent, type ClearanceRow } from './figures';
import { Note } from './Section';
import { shortUnitName } from './names';

const COLORS = { median: '#4a76b3', p90: '#9fb8d9' } as const;

/**
 * Accident clearance against the 5-minute target: the period's median, p90 and share within 5
 * minutes, the units' medians and p90s as bars beside the target line, and a table per unit
 * (lowest share first). Test ids `clearance-median`, `clearance-p90`, `clearance-share`, `clearance-row-<unit>`.
 */
export function ClearanceSection(props: Readonly<{ accidents: StatsResponse['accidents']; rows: readonly ClearanceRow[] }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const a = props.accidents;
  const m = a.minutesToDetermination;
  const minutes = (v: number | null) => (v === null ? '—' : t('dashboard:clearance.minutes', { value: formatDuration(v) }));
  const chart = props.rows.filter((r) => r.median !== null).map((r) => ({ label: shortUnitName(r.unitCode, lang), median: r.median, p90: r.p90 }));
  const names: Record<string, string> = { median: t('dashboard:clearance.median'), p90: t('dashboard:clearance.p90') };
  return (
    <Box>
      <Stack direction="row" component="dl" sx={{ m: 0, gap: 3, mb: 1, flexWrap: 'wrap' }}>
        {(
          [
            ['clearance-median', t('dashboard:clearance.median'), minutes(m.median)],
            ['clearance-p90', t('dashboard:clearance.p90'), minutes(m.p90)],
            ['clearance-share', t('dashboard:clearance.share'), formatPercent(a.shareWithin5Min)],
          ] as const
        ).map(([id, label, value]) => (
          <div key={id}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" data-testid={id} sx={{ m: 0, fontSize: 20, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
              {value}
            </Typography>
          </div>
        ))}
      </Stack>
      {props.rows.length === 0 ? (
        <Note>{t('dashboard:noData')}</Note>
      ) : (
        <>
          {chart.length > 0 && (
            <ResponsiveContainer width="100%" height={Math.max(120, 26 * chart.length + 56)}>
              <BarChart data={chart} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 4 }}>
                <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                <XAxis type="number" tick={{ fontSize: 12 }} allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={lang === 'en' ? 130 : 100} tick={{ fontSize: 12 }} tickLine={false} interval={0} />
                <Tooltip formatter={(value, name) => [minutes(Number(value)), names[String(name)] ?? name]} />
                <Legend formatter={(value) => names[String(value)] ?? value} wrapperStyle={{ fontSize: 12 }} />
                <ReferenceLine x={CLEARANCE_TARGET_MIN} stroke="#c62828" strokeDasharray="4 2" label={{ value: `${CLEARANCE_TARGET_MIN}`, position: 'top', fontSize: 11, fill: '#c62828' }} />
                <Bar dataKey="median" fill={COLORS.median} isAnimationActive={false} barSize={9} />
                <Bar dataKey="p90" fill={COLORS.p90} isAnimationActive={false} barSize={9} />
              </BarChart>
            </ResponsiveContainer>
          )}
          <TableContainer sx={{ maxHeight: 240 }}>
            <Table size="small" stickyHeader aria-label={t('dashboard:clearance.title')}>
              <TableHead>
                <TableRow>
                  {(['unit', 'reported', 'determined', 'referred', 'within', 'shareShort', 'medianShort', 'p90Short'] as const).map((h, i) => (
                    <TableCell key={h} align={i === 0 ? 'left' : 'right'} sx={{ py: 0.5, px: 1, lineHeight: 1.3, verticalAlign: 'bottom' }}>
                      {t(`dashboard:clearance.${h}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {props.rows.map((r) => (
                  <TableRow key={r.unitCode} data-testid={`clearance-row-${r.unitCode}`}>
                    <TableCell sx={{ py: 0.5, px: 1, maxWidth: 160 }}>
                      <Typography variant="body2" noWrap title={localUnitName(r.unitCode, lang)}>
                        {shortUnitName(r.unitCode, lang)}
                      </Typography>
                    </TableCell>
                    {[r.reported, r.determined, r.referred, r.within5, formatPercent(r.share), formatDuration(r.median), formatDuration(r.p90)].map((v, i) => (
                      <TableCell key={i} align="right" sx={{ py: 0.5, px: 1, fontVariantNumeric: 'tabular-nums' }}>
                        {v}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Typography variant="caption" color="text.secondary">
            {t('dashboard:clearance.perUnitNote')}
          </Typography>
        </>
      )}
    </Box>
  );
}
