import type { Statements } from './db';
import { prefixRange } from './items';
import type { DurationFigures, StatsRange, StatsRows } from '../store';

/**
 * The statistics of a period by SQL over the stats indexes of migration 0110: every query walks
 * one partial, covering index from the period's first instant (`INDEXED BY`, so the plan cannot
 * drift to a scan of the unit index), filters the unit range inside the index entries and groups
 * what remains. No item row is read and no item JSON parsed: the grouped rows are all that leaves.
 *
 * Periods are `[from, to)` over UTC ISO instants with milliseconds, the stored form (intake and
 * commands write `toISOString()`), so string comparison is time order.
 * When you change a column or index of 0110, change its query here, and the other way round.
 */
const RECEIVED = `SELECT unit_code AS unitCode, service_code AS serviceCode, count(*) AS n
  FROM items INDEXED BY items_stats_received
  WHERE kind = 'application' AND submitted_at >= @from AND submitted_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code`;

// On time: decided at or before the deadline (dueAt already moved out by supplements' pauses).
const DECIDED = `SELECT unit_code AS unitCode, service_code AS serviceCode, decided_by AS decidedBy, count(*) AS n,
    sum(due_at IS NOT NULL AND decided_at <= due_at) AS onTime, sum(status = 'rejected') AS rejected
  FROM items INDEXED BY items_stats_decided
  WHERE kind = 'application' AND decided_at IS NOT NULL AND decided_at >= @from AND decided_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code, decided_by`;

const OVERDUE = `SELECT unit_code AS unitCode, service_code AS serviceCode, count(*) AS n
  FROM items INDEXED BY items_stats_open
  WHERE kind = 'application' AND status = 'submitted' AND due_at < @now AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code`;

const REPORTED = `SELECT unit_code AS unitCode, count(*) AS n
  FROM items INDEXED BY items_stats_received
  WHERE kind = 'accident' AND submitted_at >= @from AND submitted_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code`;

/** Minutes from the report (submission) to the determination, as the subsecond difference. */
const MINUTES = `(unixepoch(determined_at, 'subsec') - unixepoch(submitted_at, 'subsec')) / 60.0`;
const DETERMINED_WHERE = `kind = 'accident' AND determined_at IS NOT NULL AND determined_at >= @from AND determined_at < @to AND unit_code >= @lo AND unit_code < @hi`;
const DETERMINED = `SELECT unit_code AS unitCode, count(*) AS n, sum(${MINUTES} <= @target) AS within5
  FROM items INDEXED BY items_stats_determined WHERE ${DETERMINED_WHERE} GROUP BY unit_code`;
const DETERMINED_SORTED = `SELECT ${MINUTES} AS v FROM items INDEXED BY items_stats_determined WHERE ${DETERMINED_WHERE} ORDER BY v`;

const REFERRED = `SELECT unit_code AS unitCode, count(*) AS n
  FROM items INDEXED BY items_stats_referred
  WHERE kind = 'accident' AND referred_at IS NOT NULL AND referred_at >= @from AND referred_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code`;

const TIPS = `SELECT unit_code AS unitCode, tip_category AS category, tip_outcome AS outcome, count(*) AS n
  FROM items INDEXED BY items_stats_received
  WHERE kind = 'tip' AND submitted_at >= @from AND submitted_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, tip_category, tip_outcome`;

const HOURS = `(unixepoch(routed_at, 'subsec') - unixepoch(submitted_at, 'subsec')) / 3600.0`;
const ROUTED_WHERE = `kind = 'tip' AND routed_at IS NOT NULL AND status != 'duplicate' AND routed_at >= @from AND routed_at < @to AND unit_code >= @lo AND unit_code < @hi`;
const ROUTED_SORTED = `SELECT ${HOURS} AS v FROM items INDEXED BY items_stats_routed WHERE ${ROUTED_WHERE} ORDER BY v`;

const RATINGS = `SELECT unit_code AS unitCode, service_code AS serviceCode, count(*) AS n, sum(stars) AS stars
  FROM ratings INDEXED BY ratings_by_at
  WHERE at >= @from AND at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code`;

/** The accident clearance target (DOMAIN.md: vehicles off the road within 5 minutes). */
export const DETERMINATION_TARGET_MINUTES = 5;
/** The routing figure's target, hours (the quickest category's routing deadline). */
export const ROUTING_TARGET_HOURS = 24;

/** The statements, for tests that assert their plans. */
export const STATS_SQL = { RECEIVED, DECIDED, OVERDUE, REPORTED, DETERMINED, DETERMINED_SORTED, REFERRED, TIPS, ROUTED_SORTED, RATINGS } as const;

/** 1-based nearest rank of percentile `p` among `n` sorted values. */
export function nearestRank(p: number, n: number): number {
  return Math.max(1, Math.ceil(p * n));
}

/**
 * Percentiles of durations read sorted (one column of doubles: a province's year of accidents is
 * ~200k values, ~2 MB), so one sort serves the median, the p90 and the count within the target.
 */
function durationsOf(sorted: readonly number[], target: number): DurationFigures {
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null, withinTarget: 0 };
  let within = 0;
  while (within < n && sorted[within]! <= target) within++;
  return { count: n, median: sorted[nearestRank(0.5, n) - 1]!, p90: sorted[nearestRank(0.9, n) - 1]!, withinTarget: within };
}

export function statsQueries(s: Statements) {
  const sorted = (sql: string, params: Record<string, string>) => (s.get(sql).all(params) as { v: number }[]).map((r) => r.v);
  return {
    statsRows(range: StatsRange): StatsRows {
      const [lo, hi] = prefixRange(range.unitPrefix);
      const p = { from: range.from, to: range.to, lo, hi };
      return {
        applicationsReceived: s.get(RECEIVED).all(p) as StatsRows['applicationsReceived'],
        applicationsDecided: s.get(DECIDED).all(p) as StatsRows['applicationsDecided'],
        applicationsOverdue: s.get(OVERDUE).all({ now: range.now, lo, hi }) as StatsRows['applicationsOverdue'],
        accidentsReported: s.get(REPORTED).all(p) as StatsRows['accidentsReported'],
        accidentsDetermined: s.get(DETERMINED).all({ ...p, target: DETERMINATION_TARGET_MINUTES }) as StatsRows['accidentsDetermined'],
        accidentsReferred: s.get(REFERRED).all(p) as StatsRows['accidentsReferred'],
        determinationMinutes: durationsOf(sorted(DETERMINED_SORTED, p), DETERMINATION_TARGET_MINUTES),
        tipsReceived: s.get(TIPS).all(p) as StatsRows['tipsReceived'],
        routingHours: durationsOf(sorted(ROUTED_SORTED, p), ROUTING_TARGET_HOURS),
        ratings: s.get(RATINGS).all(p) as StatsRows['ratings'],
      };
    },
  };
}
