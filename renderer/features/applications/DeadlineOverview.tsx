import { Box, Typography } from '@mui/material';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/hooks';
import { useDeadlineCounts } from './useDeadlineCounts';

export const DEADLINE_BUCKETS = ['overdue', 'today', 'soon', 'later'] as const;
export type DeadlineBucket = (typeof DEADLINE_BUCKETS)[number];

const COLOR: Readonly<Record<DeadlineBucket, string>> = { overdue: '#c62828', today: '#e65100', soon: '#b26a00', later: '#2e7d32' };

/** Applications by working days left: what the clerk's day looks like before picking one. */
export function DeadlineChart(props: Readonly<{ counts: Readonly<Record<DeadlineBucket, number>> }>) {
  const { t } = useTranslation();
  const data = DEADLINE_BUCKETS.map((b) => ({ bucket: b, label: t(`applications:overview.${b}`), count: props.counts[b] }));
  return (
    <Box data-testid="deadline-overview">
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {t('applications:overview.title')}
      </Typography>
      <ResponsiveContainer width="100%" height={170}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={112} tickLine={false} axisLine={false} />
          <Bar dataKey="count" isAnimationActive={false} barSize={22}>
            {data.map((d) => (
              <Cell key={d.bucket} fill={COLOR[d.bucket]} />
            ))}
            <LabelList dataKey="count" position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** Container for the review pane's empty state: counts while nothing is selected, per minute. */
export function DeadlineOverview(props: Readonly<{ refreshTick: number; active: boolean }>) {
  const now = useNow();
  const counts = useDeadlineCounts(props.active, props.refreshTick, Math.floor(now / 60_000) * 60_000);
  return counts && <DeadlineChart counts={counts} />;
}
