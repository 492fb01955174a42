import { useMemo, useState } from 'react';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/session';
import { openItemHash } from '../workspace/openRequest';
import { ClearanceSection } from './ClearanceSection';
import { clearanceRows, lowestFirst } from './figures';
import { Filters } from './Filters';
import { Headline } from './Headline';
import { jurisdictionOf } from './jurisdiction';
import { shortUnitName } from './names';
import { OverdueList } from './OverdueList';
import { dayStart, monthOf, presetRange, recentMonths, recentWeeks, type PeriodId, type Range } from './period';
import { RateTable } from './RateTable';
import { SatisfactionSection } from './SatisfactionSection';
import { Note, Section } from './Section';
import { ServiceUsageControls, ServiceUsageTable } from './ServiceUsageTable';
import { TipsSection } from './TipsSection';
import { useClearanceDurations, useOverdue, useServiceUsage, useStats, useVolume } from './useDashboard';
import { VolumeChart } from './VolumeChart';
import { WeeklyReport } from './WeeklyReport';

/** Weeks offered for the report and months for the service table. */
const REPORT_WEEKS = 12;
const USAGE_MONTHS = 12;

/**
 * The supervisors' dashboards (issue 10): the figures of a unit of the officer's jurisdiction over
 * a period, from the exchange (stats.get, stats.services: online only), the overdue applications
 * from the console's cache (offline too), and the weekly report to download. The figures are
 * fetched only while the screen is shown; the last ones stay while the next load.
 */
export function DashboardPage(props: Readonly<Pick<RouteProps, 'online' | 'active'>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { session } = useSession();
  const officer = session.officer;
  const units = useMemo(() => jurisdictionOf(officer), [officer]);
  const nowMs = useNow();
  // presets move at Shanghai midnight, not every minute
  const today = dayStart(nowMs);

  const [unit, setUnit] = useState(() => units[0]?.code ?? officer.unitCode);
  const [period, setPeriod] = useState<PeriodId>('this_week');
  const [custom, setCustom] = useState<Range | null>(null);
  const [tick, setTick] = useState(0);
  const [month, setMonth] = useState(() => monthOf(nowMs));
  const [onlyFlagged, setOnlyFlagged] = useState(false);

  const range = useMemo(() => (period === 'custom' ? (custom ?? presetRange('this_week', today)) : presetRange(period, today)), [period, custom, today]);
  const query = useMemo(() => ({ unit, range, tick }), [unit, range, tick]);
  const online = props.online;
  const enabled = props.active && online;

  const stats = useStats(query, enabled);
  const volume = useVolume(query, enabled);
  const s = stats.data;
  const durations = useClearanceDurations(query, s, enabled);
  const usage = useServiceUsage(unit, month, tick, enabled);
  const overdue = useOverdue(unit, tick, props.active);
  const weeks = useMemo(() => recentWeeks(today, REPORT_WEEKS), [today]);
  const months = useMemo(() => recentMonths(today, USAGE_MONTHS), [today]);

  const onPeriod = (p: PeriodId, r?: Range) => {
    if (p === 'custom') {
      // choosing "custom" keeps the period shown until the officer applies days of their own
      setCustom(r ?? custom ?? range);
    }
    setPeriod(p);
  };

  const a = s?.applications;
  // a section without figures yet: loading, or waiting for the network
  const waiting = <Note>{online ? t('dashboard:loading') : t('dashboard:waiting')}</Note>;
  return (
    <Box data-testid="dashboard-page" sx={{ flex: 1, minHeight: 0, overflowY: 'auto', p: 1.5, bgcolor: 'background.default' }}>
      <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1.5, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h1">
          {t('app:nav.dashboard')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="dashboard-unit-name">
          {localUnitName(unit, lang)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {t('dashboard:subtitle')}
        </Typography>
      </Stack>
      <Filters units={units} unit={unit} onUnit={setUnit} period={period} range={range} onPeriod={onPeriod} onRefresh={() => setTick((n) => n + 1)} nowMs={nowMs} disabled={!online} />
      {!online && (
        <Alert severity="info" role="status" data-testid="dashboard-offline" sx={{ mt: 1 }}>
          {t('dashboard:offline')}
        </Alert>
      )}
      {stats.error && (
        <Box sx={{ mt: 1 }} data-testid="dashboard-error">
          <ErrorAlert error={stats.error} />
        </Box>
      )}
      <Box sx={{ mt: 1.5 }} data-testid="dashboard-headline" data-loading={stats.loading || undefined} data-unit={s?.unit.code} data-from={s?.from} data-to={s?.to}>
        <Headline stats={s} />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' }, gap: 1.5, mt: 1.5 }}>
        <Section id="report" title={t('dashboard:report.title')} wide>
          <WeeklyReport unit={unit} weeks={weeks} online={online} />
        </Section>
        <Section id="volume" title={volume.data ? `${t('dashboard:volume.title')} · ${t(`dashboard:volume.size.${volume.data.size}`)}` : t('dashboard:volume.title')} loading={volume.loading} error={volume.error}>
          {volume.data ? <VolumeChart points={volume.data.points} size={volume.data.size} /> : waiting}
        </Section>
        <Section id="timely" title={t('dashboard:timely.title')} loading={stats.loading}>
          {!a && waiting}
          {a && a.decided === 0 && <Note>{t('dashboard:timely.noneDecided')}</Note>}
          {a && a.decided > 0 && (
            <Stack sx={{ gap: 1 }}>
              <RateTable
                testId="timely-unit"
                caption={t('dashboard:timely.byUnit')}
                nameHeader={t('dashboard:timely.unit')}
                countHeaders={[t('dashboard:timely.decided'), t('dashboard:timely.onTime')]}
                rateHeader={t('dashboard:timely.rate')}
                rows={lowestFirst(a.byUnit).map((u) => ({ key: u.unitCode, name: shortUnitName(u.unitCode, lang), title: localUnitName(u.unitCode, lang), counts: [u.decided, u.decidedOnTime], rate: u.timelyRate }))}
                maxHeight={210}
              />
              <RateTable
                testId="timely-officer"
                caption={t('dashboard:timely.byOfficer')}
                nameHeader={t('dashboard:timely.officer')}
                countHeaders={[t('dashboard:timely.decided'), t('dashboard:timely.onTime')]}
                rateHeader={t('dashboard:timely.rate')}
                rows={lowestFirst(a.byOfficer).map((o) => ({ key: o.badge, name: o.name, sub: o.badge, counts: [o.decided, o.decidedOnTime], rate: o.timelyRate }))}
                maxHeight={210}
              />
            </Stack>
          )}
        </Section>
        <Section id="overdue" title={t('dashboard:overdue.title')} loading={overdue.loading} error={overdue.error}>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
            {t('dashboard:overdue.hint')}
          </Typography>
          {overdue.data && <OverdueList rows={overdue.data.rows} truncated={overdue.data.truncated} nowMs={nowMs} onOpen={(id) => (window.location.hash = openItemHash('applications', id))} />}
        </Section>
        <Section id="clearance" title={t('dashboard:clearance.title')} loading={stats.loading || durations.loading} error={durations.error}>
          {s ? <ClearanceSection accidents={s.accidents} rows={clearanceRows(s.accidents.byUnit, durations.data ?? new Map())} /> : waiting}
        </Section>
        <Section id="tips" title={t('dashboard:tips.title')} loading={stats.loading}>
          {s ? <TipsSection tips={s.tips} /> : waiting}
        </Section>
        <Section id="satisfaction" title={t('dashboard:satisfaction.title')} loading={stats.loading}>
          {s ? <SatisfactionSection satisfaction={s.satisfaction} /> : waiting}
        </Section>
        <Section
          id="services"
          title={t('dashboard:services.title')}
          wide
          loading={usage.loading}
          error={usage.error}
          action={<ServiceUsageControls months={months} month={month} onMonth={setMonth} onlyFlagged={onlyFlagged} onOnlyFlagged={setOnlyFlagged} />}
        >
          {usage.data ? <ServiceUsageTable usage={usage.data} onlyFlagged={onlyFlagged} /> : waiting}
        </Section>
      </Box>
    </Box>
  );
}
