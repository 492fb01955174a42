import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StatsResponse } from '#shared/contract/api';
import { formatDateTime } from '../../app/format';
import { formatAverage, formatDuration, formatPercent } from './figures';

interface Figure {
  readonly testId: string;
  readonly label: string;
  readonly value: string;
  readonly hint: string;
  /** Shown in the warning colour (a rate under 90 %, anything overdue). */
  readonly warn?: boolean;
}

/** Below this the timely rate and the 5-minute share are shown in the warning colour. */
const WARN_RATE = 0.9;

/**
 * The big numbers of the period. Each value's element has its own test id and holds exactly the
 * figure as formatted (`timely-rate` → `89.9%`), so a test can compare it with its own count.
 */
export function Headline(props: Readonly<{ stats: StatsResponse | null }>) {
  const { t } = useTranslation();
  const s = props.stats;
  const a = s?.applications;
  const acc = s?.accidents;
  const dash = '—';
  const figures: Figure[] = [
    { testId: 'received-count', label: t('dashboard:headline.received'), value: a ? String(a.received) : dash, hint: a ? t('dashboard:headline.receivedHint') : '' },
    { testId: 'decided-count', label: t('dashboard:headline.decided'), value: a ? String(a.decided) : dash, hint: a ? t('dashboard:headline.decidedHint', { approved: a.approved, rejected: a.rejected }) : '' },
    {
      testId: 'timely-rate',
      label: t('dashboard:headline.timely'),
      value: a ? formatPercent(a.timelyRate) : dash,
      hint: a ? t('dashboard:headline.timelyHint', { onTime: a.decidedOnTime, decided: a.decided }) : '',
      warn: a?.timelyRate != null && a.timelyRate < WARN_RATE,
    },
    { testId: 'overdue-open', label: t('dashboard:headline.overdue'), value: a ? String(a.overdueOpen) : dash, hint: s ? t('dashboard:headline.overdueHint', { time: formatDateTime(s.asOf) }) : '', warn: (a?.overdueOpen ?? 0) > 0 },
    {
      testId: 'share-within-5',
      label: t('dashboard:headline.clearance'),
      value: acc ? formatPercent(acc.shareWithin5Min) : dash,
      hint: acc ? t('dashboard:headline.clearanceHint', { determined: acc.determined, median: formatDuration(acc.minutesToDetermination.median) }) : '',
      warn: acc?.shareWithin5Min != null && acc.shareWithin5Min < WARN_RATE,
    },
    { testId: 'tips-received', label: t('dashboard:headline.tips'), value: s ? String(s.tips.received) : dash, hint: s ? t('dashboard:headline.tipsHint', { routed: s.tips.outcomes.routed, pending: s.tips.outcomes.pending }) : '' },
    {
      testId: 'satisfaction-average',
      label: t('dashboard:headline.satisfaction'),
      value: s ? formatAverage(s.satisfaction.average) : dash,
      hint: s ? t('dashboard:headline.satisfactionHint', { count: s.satisfaction.count }) : '',
    },
  ];
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 1 }}>
      {figures.map((f) => (
        <Paper key={f.testId} variant="outlined" sx={{ px: 1.5, py: 1, minWidth: 0 }}>
          <Typography component="dt" variant="body2" color="text.secondary" noWrap title={f.label}>
            {f.label}
          </Typography>
          <Typography component="dd" data-testid={f.testId} sx={{ m: 0, fontSize: 28, fontWeight: 600, lineHeight: 1.25, color: f.warn ? 'warning.main' : 'text.primary', fontVariantNumeric: 'tabular-nums' }}>
            {f.value}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p" noWrap title={f.hint} sx={{ minHeight: '1.5em' }}>
            {f.hint}
          </Typography>
        </Paper>
      ))}
    </Box>
  );
}
