import { Box, Typography } from '@mui/material';
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';

export const DEADLINE_BUCKETS = ['overdue', 'today', 'soon', 'later'] as const;
export type DeadlineBucket = (typeof DEADLINE_BUCKETS)[number];

const COLOR: Readonly<Record<DeadlineBucket, string>> = { overdue: '#c62828', today: '#e65100', soon: '#b26a00', later: '#2e7d32' };

/** Open applications by working days left: what the clerk's day looks like before picking one. */
export function DeadlineOverview(props: Readonly<{ counts: Readonly<Record<DeadlineBucket, number>> }>) {
  const { t } = useTranslation();
  const data = DEADLINE_BUCKETS.map((b) => ({ bucket: b, label: t(`overview.${b}`), count: props.counts[b] }));
  return (
    <Box data-testid="deadline-overview">
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {t('overview.title')}
      </Typography>
      <BarChart width={380} height={170} data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
        <XAxis type="number" hide allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={112} tickLine={false} axisLine={false} />
        <Bar dataKey="count" isAnimationActive={false} barSize={22}>
          {data.map((d) => (
            <Cell key={d.bucket} fill={COLOR[d.bucket]} />
          ))}
          <LabelList dataKey="count" position="right" />
        </Bar>
      </BarChart>
    </Box>
  );
}
