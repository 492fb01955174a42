import type { ServiceUsageResponse, StatsResponse, TipOutcomeCounts } from '#shared/contract/api';

/**
 * How the dashboard reads the exchange's figures: the same words the weekly report prints
 * (server/domain/weekly-report.ts `formatPercent`: one decimal and a percent sign, a dash for "no
 * figure"), the officers and units with the worst timely rate first, the services that stand out.
 * Pure, so the tests pin them.
 */

/** A share 0..1 as `89.9%`; `—` when there is nothing to divide (nothing decided). */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Minutes or hours to one decimal; `—` when nothing happened. */
export function formatDuration(v: number | null): string {
  return v === null ? '—' : v.toFixed(1);
}

/** A rating average 1..5 to two decimals; `—` without ratings. */
export function formatAverage(v: number | null): string {
  return v === null ? '—' : v.toFixed(2);
}

// ---- overdue ------------------------------------------------------------------------------------

/** How late, in whole days from a day on, else whole hours (at least 1). */
export function lateness(dueAt: string, nowMs: number): { unit: 'days' | 'hours'; count: number } {
  const ms = Math.max(0, nowMs - Date.parse(dueAt));
  const hours = Math.max(1, Math.floor(ms / 3_600_000));
  return hours >= 24 ? { unit: 'days', count: Math.floor(hours / 24) } : { unit: 'hours', count: hours };
}

export function rateOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

interface Rated {
  readonly timelyRate: number | null;
  readonly decided: number;
}

/**
 * Lowest rate first (who needs a word first); among equal rates the one with more cases first (the
 * same rate over more cases weighs more); those with no rate (nothing decided) last. Stable for
 * the rest, so the exchange's order (unit code, badge) breaks the remaining ties. By default the
 * timely rate over the applications decided.
 */
export function lowestFirst<T>(rows: readonly T[], rate: (r: T) => number | null = (r) => (r as Rated).timelyRate, weight: (r: T) => number = (r) => (r as Rated).decided): T[] {
  return rows
    .map((row, i) => ({ row, i, rate: rate(row), weight: weight(row) }))
    .sort((a, b) => {
      if (a.rate === null || b.rate === null) return a.rate === b.rate ? a.i - b.i : a.rate === null ? 1 : -1;
      return a.rate - b.rate || b.weight - a.weight || a.i - b.i;
    })
    .map((x) => x.row);
}

// ---- accident clearance per unit ----------------------------------------------------------------

/** The 5-minute target of the quick procedure (DOMAIN.md "Accident clearance"). */
export const CLEARANCE_TARGET_MIN = 5;

export interface ClearanceRow {
  readonly unitCode: string;
  readonly reported: number;
  readonly determined: number;
  readonly referred: number;
  readonly within5: number;
  readonly share: number | null;
  /** From the unit's own stats call (the exchange's byUnit has counts only); null: not asked or none. */
  readonly median: number | null;
  readonly p90: number | null;
}

/**
 * The jurisdiction's units with their clearance, the lowest share within 5 minutes first (units
 * that determined nothing last). `durations` holds the median and p90 of the units that were asked
 * for them one by one.
 */
export function clearanceRows(byUnit: StatsResponse['accidents']['byUnit'], durations: ReadonlyMap<string, { median: number | null; p90: number | null }>): ClearanceRow[] {
  const rows = byUnit.map((u) => ({
    unitCode: u.unitCode,
    reported: u.reported,
    determined: u.determined,
    referred: u.referred,
    within5: u.determinedWithin5Min,
    share: rateOf(u.determinedWithin5Min, u.determined),
    median: durations.get(u.unitCode)?.median ?? null,
    p90: durations.get(u.unitCode)?.p90 ?? null,
  }));
  return lowestFirst(
    rows,
    (r) => r.share,
    (r) => r.determined,
  );
}

// ---- tips ---------------------------------------------------------------------------------------

export const OUTCOMES: readonly (keyof TipOutcomeCounts)[] = ['pending', 'routed', 'case_opened', 'unfounded', 'duplicate'];

/** The categories that received tips, most first, each with its outcome counts (a stacked bar). */
export function tipCategoryBars(byCategory: StatsResponse['tips']['byCategory']): { category: string; received: number; outcomes: TipOutcomeCounts }[] {
  return byCategory.filter((c) => c.received > 0).sort((a, b) => b.received - a.received);
}

// ---- the monthly service table ------------------------------------------------------------------

export type ServiceUsageRow = ServiceUsageResponse['services'][number];

/** Why a service stands out, worst first: a poor rating, then no use at all, then little use. */
const FLAG_ORDER = ['low_rating', 'unused', 'low_use'] as const;

/** Flagged services first (by their worst flag, then the least used), then the rest by use, most first. */
export function orderServices(rows: readonly ServiceUsageRow[]): ServiceUsageRow[] {
  const worst = (r: ServiceUsageRow) => {
    const i = Math.min(...r.flags.map((f) => FLAG_ORDER.indexOf(f)));
    return Number.isFinite(i) ? i : FLAG_ORDER.length;
  };
  return [...rows].sort((a, b) => worst(a) - worst(b) || (a.flags.length > 0 ? a.received - b.received : b.received - a.received) || a.serviceCode.localeCompare(b.serviceCode));
}
