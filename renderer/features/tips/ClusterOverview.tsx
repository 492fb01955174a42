import { useEffect, useMemo, useState } from 'react';
import { Box, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../app/bridge';
import { useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { CATEGORY_COLOR, clusterBars, PERIODS, type ClusterRows, type PeriodDays } from './clusters';
import { CATEGORY_ORDER, categoryName } from './reasons';

/** The tips received in the last `days`, counted by the console core from the cache (offline too). */
/**
 * The period shown: at least `days` whole days back from now, in hours (a period of days does not
 * move by the minute): from the start of the hour `days` days ago to the end of this hour.
 */
export function clusterPeriod(days: PeriodDays, nowMs: number): { from: string; to: string } {
  const hourStart = Math.floor(nowMs / 3_600_000) * 3_600_000;
  return { from: new Date(hourStart - days * 86_400_000).toISOString(), to: new Date(hourStart + 3_600_000).toISOString() };
}

function useClusters(days: PeriodDays, active: boolean, refreshTick: number): { rows: ClusterRows | null; period: { from: string; to: string } } {
  const [rows, setRows] = useState<ClusterRows | null>(null);
  const hour = Math.floor(useNow() / 3_600_000);
  const period = useMemo(() => clusterPeriod(days, hour * 3_600_000), [days, hour]);
  useEffect(() => {
    if (!active) return;
    let alive = true;
    bridge()
      ['tips.clusters'](period)
      .then(
        (r) => alive && setRows(r.rows),
        () => undefined, // a convenience beside the queue, which shows the real error
      );
    return () => {
      alive = false;
    };
  }, [period, active, refreshTick]);
  return { rows, period };
}

/**
 * Where tips cluster, in the review pane while no tip is open: stacked bars by district, one
 * colour per category, over 7, 30 or 90 days, from the cache (nothing is fetched for it).
 * Test ids `tip-clusters` (with `data-total`, `data-from`, `data-to`), `cluster-period-<days>`, `cluster-total`.
 */
export function ClusterOverview(props: Readonly<{ refreshTick: number; active: boolean }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [days, setDays] = useState<PeriodDays>(30);
  const { rows, period } = useClusters(days, props.active, props.refreshTick);
  const bars = useMemo(() => (rows ? clusterBars(rows, lang, t('tips:clusters.unknownDistrict')) : []), [rows, lang, t]);
  const present = CATEGORY_ORDER.filter((c) => bars.some((b) => (b.counts[c] ?? 0) > 0));
  const data = bars.map((b) => ({ label: b.label, ...Object.fromEntries(present.map((c) => [c, b.counts[c] ?? 0])) }));
  const total = bars.reduce((n, b) => n + b.total, 0);
  return (
    <Box data-testid="tip-clusters" data-total={total} data-from={period.from} data-to={period.to}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography variant="subtitle2" component="h3" sx={{ color: 'text.primary' }}>
          {t('tips:clusters.title')}
        </Typography>
        <ToggleButtonGroup exclusive size="small" value={days} onChange={(_e, v: PeriodDays | null) => v && setDays(v)} aria-label={t('tips:clusters.period')}>
          {PERIODS.map((p) => (
            <ToggleButton key={p} value={p} data-testid={`cluster-period-${p}`} sx={{ px: 1, py: 0.25, whiteSpace: 'nowrap' }}>
              {t('tips:clusters.days', { count: p })}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }} data-testid="cluster-total">
        {rows === null ? t('workspace:pane.loading') : t('tips:clusters.total', { count: total, days })}
      </Typography>
      {bars.length > 0 && (
        <ResponsiveContainer width="100%" height={Math.max(180, 34 * bars.length + 70)}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={lang === 'en' ? 96 : 72} tick={{ fontSize: 12 }} tickLine={false} interval={0} />
            <Tooltip formatter={(value, name) => [value, categoryName(String(name), lang)]} />
            <Legend formatter={(value) => categoryName(String(value), lang)} wrapperStyle={{ fontSize: 12 }} />
            {present.map((c) => (
              <Bar key={c} dataKey={c} stackId="tips" fill={CATEGORY_COLOR[c]} isAnimationActive={false} barSize={18} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </Box>
  );
}
