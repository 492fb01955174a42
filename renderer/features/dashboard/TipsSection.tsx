import { Box, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { StatsResponse } from '#shared/contract/api';
import { TIP_CATEGORY_NAMES } from '#shared/data/tip-categories';
import type { TipCategory } from '#shared/domain/items';
import { currentLanguage } from '../../app/i18n';
import { formatDuration, OUTCOMES, tipCategoryBars } from './figures';
import { Note } from './Section';

/** One colour per outcome: pending stands out, the finished ones calm. */
export const OUTCOME_COLORS = { pending: '#b26a00', routed: '#4a76b3', case_opened: '#2e7d32', unfounded: '#8d99a8', duplicate: '#c5ccd6' } as const;

/**
 * The tips received in the period by category (most first), each bar cut by what became of them
 * as it stands now, and the time to routing. Test id `tips-chart` with `data-received`.
 */
export function TipsSection(props: Readonly<{ tips: StatsResponse['tips'] }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const bars = tipCategoryBars(props.tips.byCategory);
  const names = Object.fromEntries(OUTCOMES.map((o) => [o, t(`dashboard:tips.outcome.${o}`)])) as Record<string, string>;
  // the count in the axis label: a bar whose last outcome is 0 would carry no label of its own
  const data = bars.map((b) => ({ label: `${TIP_CATEGORY_NAMES[b.category as TipCategory][lang === 'en' ? 'en' : 'zh']} ${b.received}`, received: b.received, ...b.outcomes }));
  const h = props.tips.hoursToRouting;
  return (
    <Box data-testid="tips-chart" data-received={props.tips.received}>
      {data.length === 0 ? (
        <Note>{t('dashboard:tips.empty')}</Note>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(150, 32 * data.length + 60)}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 4 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={lang === 'en' ? 170 : 84} tick={{ fontSize: 12 }} tickLine={false} interval={0} />
            <Tooltip formatter={(value, name) => [value, names[String(name)] ?? name]} />
            <Legend formatter={(value) => names[String(value)] ?? value} itemSorter={(item) => OUTCOMES.indexOf(item.dataKey as (typeof OUTCOMES)[number])} wrapperStyle={{ fontSize: 12 }} />
            {OUTCOMES.map((o) => (
              <Bar key={o} dataKey={o} stackId="outcome" fill={OUTCOME_COLORS[o]} isAnimationActive={false} barSize={18} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
      <Typography variant="body2" color="text.secondary" data-testid="tips-routing">
        {t('dashboard:tips.routing', { median: formatDuration(h.median), p90: formatDuration(h.p90), count: h.count })}
      </Typography>
    </Box>
  );
}
