import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StatsResponse } from '#shared/contract/api';
import { currentLanguage } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { formatAverage, lowestFirst } from './figures';
import { serviceLabel, shortUnitName } from './names';
import { RateTable } from './RateTable';
import { Note } from './Section';

/** Under this average a rating bar is drawn in the warning colour (the exchange's low_rating line). */
const LOW_AVERAGE = 3.5;

/**
 * Citizens' ratings given in the period, by service and by unit, the lowest average first (among
 * equal ones the more rated first). Test ids `satisfaction-service(-<code>)`, `satisfaction-unit(-<code>)`.
 */
export function SatisfactionSection(props: Readonly<{ satisfaction: StatsResponse['satisfaction'] }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const s = props.satisfaction;
  if (s.count === 0) return <Note>{t('dashboard:satisfaction.empty')}</Note>;
  const byAverage = <T extends { average: number | null; count: number }>(rows: readonly T[]) =>
    lowestFirst(
      rows,
      (r) => r.average,
      (r) => r.count,
    );
  const table = (kind: 'service' | 'unit') => {
    const rows =
      kind === 'service'
        ? byAverage(s.byService).map((r) => ({ key: r.serviceCode, name: serviceLabel(r.serviceCode, r.name, lang, t), counts: [r.count], rate: r.average }))
        : byAverage(s.byUnit).map((r) => ({ key: r.unitCode, name: shortUnitName(r.unitCode, lang), counts: [r.count], rate: r.average, title: localUnitName(r.unitCode, lang) }));
    return (
      <RateTable
        testId={`satisfaction-${kind}`}
        caption={t(kind === 'service' ? 'dashboard:satisfaction.byService' : 'dashboard:satisfaction.byUnit')}
        nameHeader={t(kind === 'service' ? 'dashboard:satisfaction.byService' : 'dashboard:satisfaction.byUnit')}
        countHeaders={[t('dashboard:satisfaction.count')]}
        rateHeader={t('dashboard:satisfaction.average')}
        rows={rows}
        format={formatAverage}
        fill={(v) => v / 5}
        warnBelow={LOW_AVERAGE}
        maxHeight={220}
      />
    );
  };
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        {t('dashboard:headline.satisfactionHint', { count: s.count })}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr', gap: 1 }}>
        {table('service')}
        {table('unit')}
      </Box>
    </Box>
  );
}
