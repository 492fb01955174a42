import { ItemKindSchema } from '#shared/domain/items';
import { prefixRange } from '../sqlite/items';
import { DETERMINATION_TARGET_MINUTES, nearestRank, ROUTING_TARGET_HOURS } from '../sqlite/stats';
import type { DurationFigures, StatsRepo, StatsRows } from '../store';
import { positional, type Conn } from './db';

/**
 * The figures of a period: sqlite/stats.ts's queries over the same generated columns and partial
 * indexes (pg/migrations.ts), translated: a boolean sum is a FILTERed count, unixepoch an epoch
 * extract. The planner picks the index (PostgreSQL has no INDEXED BY). Groups are ordered as
 * SQLite's sorted GROUP BY hands them out (NULLs first). When you change a query there, change it
 * here too.
 */
const RECEIVED = `SELECT unit_code AS "unitCode", service_code AS "serviceCode", count(*) AS n
  FROM items
  WHERE kind = 'application' AND submitted_at >= @from AND submitted_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code ORDER BY unit_code, service_code NULLS FIRST`;

// On time: decided at or before the deadline (dueAt already moved out by supplements' pauses).
const DECIDED = `SELECT unit_code AS "unitCode", service_code AS "serviceCode", decided_by AS "decidedBy", count(*) AS n,
    count(*) FILTER (WHERE due_at IS NOT NULL AND decided_at <= due_at) AS "onTime", count(*) FILTER (WHERE status = 'rejected') AS rejected
  FROM items
  WHERE kind = 'application' AND decided_at IS NOT NULL AND decided_at >= @from AND decided_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code, decided_by ORDER BY unit_code, service_code NULLS FIRST, decided_by NULLS FIRST`;

const OVERDUE = `SELECT unit_code AS "unitCode", service_code AS "serviceCode", count(*) AS n
  FROM items
  WHERE kind = 'application' AND status = 'submitted' AND due_at < @now AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code ORDER BY unit_code, service_code NULLS FIRST`;

const REPORTED = `SELECT unit_code AS "unitCode", count(*) AS n
  FROM items
  WHERE kind = 'accident' AND submitted_at >= @from AND submitted_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code ORDER BY unit_code`;

/**
 * Seconds since the epoch as a double, then their difference, as SQLite's
 * `unixepoch(x, 'subsec')` arithmetic does: the same doubles, so the same figures to the last bit.
 */
const epoch = (column: string) => `extract(epoch FROM ${column}::timestamptz)::float8`;
const MINUTES = `(${epoch('determined_at')} - ${epoch('submitted_at')}) / 60.0`;
const DETERMINED_WHERE = `kind = 'accident' AND determined_at IS NOT NULL AND determined_at >= @from AND determined_at < @to AND unit_code >= @lo AND unit_code < @hi`;
const DETERMINED = `SELECT unit_code AS "unitCode", count(*) AS n, count(*) FILTER (WHERE ${MINUTES} <= @target) AS within5
  FROM items WHERE ${DETERMINED_WHERE} GROUP BY unit_code ORDER BY unit_code`;
const DETERMINED_SORTED = `SELECT ${MINUTES} AS v FROM items WHERE ${DETERMINED_WHERE} ORDER BY v`;

const REFERRED = `SELECT unit_code AS "unitCode", count(*) AS n
  FROM items
  WHERE kind = 'accident' AND referred_at IS NOT NULL AND referred_at >= @from AND referred_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code ORDER BY unit_code`;

const TIPS = `SELECT unit_code AS "unitCode", tip_category AS category, tip_outcome AS outcome, count(*) AS n
  FROM items
  WHERE kind = 'tip' AND submitted_at >= @from AND submitted_at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, tip_category, tip_outcome ORDER BY unit_code, tip_category NULLS FIRST, tip_outcome NULLS FIRST`;

const HOURS = `(${epoch('routed_at')} - ${epoch('submitted_at')}) / 3600.0`;
const ROUTED_WHERE = `kind = 'tip' AND routed_at IS NOT NULL AND status != 'duplicate' AND routed_at >= @from AND routed_at < @to AND unit_code >= @lo AND unit_code < @hi`;
const ROUTED_SORTED = `SELECT ${HOURS} AS v FROM items WHERE ${ROUTED_WHERE} ORDER BY v`;

const RATINGS = `SELECT unit_code AS "unitCode", service_code AS "serviceCode", count(*) AS n, sum(stars) AS stars
  FROM ratings
  WHERE at >= @from AND at < @to AND unit_code >= @lo AND unit_code < @hi
  GROUP BY unit_code, service_code ORDER BY unit_code, service_code`;

/** The statements, for tests that look at their plans. */
export const PG_STATS_SQL = { RECEIVED, DECIDED, OVERDUE, REPORTED, DETERMINED, DETERMINED_SORTED, REFERRED, TIPS, ROUTED_SORTED, RATINGS } as const;

/** sqlite/stats.ts durationsOf: one sorted column serves the median, the p90 and the count within the target. */
function durationsOf(sorted: readonly number[], target: number): DurationFigures {
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null, withinTarget: 0 };
  let within = 0;
  while (within < n && sorted[within]! <= target) within++;
  return { count: n, median: sorted[nearestRank(0.5, n) - 1]!, p90: sorted[nearestRank(0.9, n) - 1]!, withinTarget: within };
}

interface RatingRow {
  item_id: string;
  kind: string;
  unit_code: string;
  service_code: string;
  stars: number;
  comment: string | null;
  at: string;
}

export function statsRepo(c: Conn): StatsRepo {
  const all = <R>(sql: string, params: Record<string, unknown>) => {
    const { text, values } = positional(sql, params);
    return c.query<R>(text, values);
  };
  return {
    async rows(range) {
      const [lo, hi] = prefixRange(range.unitPrefix);
      const p = { from: range.from, to: range.to, lo, hi };
      // one after another: inside a transaction or read they share one connection
      const applicationsReceived = await all<StatsRows['applicationsReceived'][number]>(RECEIVED, p);
      const applicationsDecided = await all<StatsRows['applicationsDecided'][number]>(DECIDED, p);
      const applicationsOverdue = await all<StatsRows['applicationsOverdue'][number]>(OVERDUE, { now: range.now, lo, hi });
      const accidentsReported = await all<StatsRows['accidentsReported'][number]>(REPORTED, p);
      const accidentsDetermined = await all<StatsRows['accidentsDetermined'][number]>(DETERMINED, { ...p, target: DETERMINATION_TARGET_MINUTES });
      const accidentsReferred = await all<StatsRows['accidentsReferred'][number]>(REFERRED, p);
      const determined = await all<{ v: number }>(DETERMINED_SORTED, p);
      const tipsReceived = await all<StatsRows['tipsReceived'][number]>(TIPS, p);
      const routed = await all<{ v: number }>(ROUTED_SORTED, p);
      const ratings = await all<StatsRows['ratings'][number]>(RATINGS, p);
      return {
        applicationsReceived,
        applicationsDecided,
        applicationsOverdue,
        accidentsReported,
        accidentsDetermined,
        accidentsReferred,
        determinationMinutes: durationsOf(
          determined.map((r) => r.v),
          DETERMINATION_TARGET_MINUTES,
        ),
        tipsReceived,
        routingHours: durationsOf(
          routed.map((r) => r.v),
          ROUTING_TARGET_HOURS,
        ),
        ratings,
      };
    },
    async addRating(r) {
      const n = await c.run(
        'INSERT INTO ratings (item_id, kind, unit_code, service_code, stars, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (item_id) DO NOTHING',
        [r.itemId, r.kind, r.unitCode, r.serviceCode, r.stars, r.comment, r.at],
      );
      return n === 1;
    },
    async getRating(itemId) {
      const [row] = await c.query<RatingRow>('SELECT * FROM ratings WHERE item_id = $1', [itemId]);
      if (!row) return undefined;
      return { itemId: row.item_id, kind: ItemKindSchema.parse(row.kind), unitCode: row.unit_code, serviceCode: row.service_code, stars: row.stars, comment: row.comment, at: row.at };
    },
  };
}
