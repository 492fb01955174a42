import { Box } from '@mui/material';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { BucketSize } from './period';
import type { VolumePoint } from './useDashboard';
import { Note } from './Section';

const ORDER = ['received', 'decided', 'decidedOnTime'];
export const VOLUME_COLORS = { received: '#4a76b3', decided: '#2e7d32', onTime: '#b26a00' } as const;

/** Applications received and decided per bucket, with those decided on time as a line. */
export function VolumeChart(props: Readonly<{ points: readonly VolumePoint[]; size: BucketSize }>) {
  const { t } = useTranslation();
  const total = props.points.reduce((n, p) => n + p.received + p.decided, 0);
  if (props.points.length === 0 || total === 0) return <Note>{t('dashboard:noData')}</Note>;
  const names: Record<string, string> = { received: t('dashboard:volume.received'), decided: t('dashboard:volume.decided'), decidedOnTime: t('dashboard:volume.onTime') };
  return (
    <Box data-testid="volume-chart" data-buckets={props.points.length} data-size={props.size} sx={{ flex: 1, minHeight: 240 }}>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={props.points as VolumePoint[]} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={8} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value, name) => [value, names[String(name)] ?? name]} />
          <Legend formatter={(value) => names[String(value)] ?? value} itemSorter={(item) => ORDER.indexOf(String(item.dataKey))} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="received" fill={VOLUME_COLORS.received} isAnimationActive={false} maxBarSize={22} />
          <Bar dataKey="decided" fill={VOLUME_COLORS.decided} isAnimationActive={false} maxBarSize={22} />
          <Line dataKey="decidedOnTime" stroke={VOLUME_COLORS.onTime} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </Box>
  );
}
