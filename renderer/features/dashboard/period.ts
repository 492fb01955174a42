/**
 * The dashboard's periods in Asia/Shanghai days (UTC+8 all year, no DST, so a fixed offset is
 * exact), as the `[from, to)` UTC instants GET /api/v1/stats takes. Weeks are ISO weeks (Monday
 * first) like the weekly report's `YYYY-Www`: the exchange computes the same bounds in
 * server/domain/stats.ts `isoWeekRange` (when you change one, change the other; the unit tests
 * pin both to the same weeks).
 */
const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export type PeriodId = 'this_week' | 'last_week' | 'this_month' | 'last_30_days' | 'custom';
export const PERIOD_IDS: readonly PeriodId[] = ['this_week', 'last_week', 'this_month', 'last_30_days', 'custom'];

/** UTC ISO instants, `from` inclusive, `to` exclusive. */
export interface Range {
  readonly from: string;
  readonly to: string;
}

/** The longest custom period: a year and a day (a leap year's whole year fits). */
export const MAX_CUSTOM_DAYS = 366;

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** The Shanghai calendar day an instant falls on. */
function shanghaiYmd(ms: number): Ymd {
  const local = new Date(ms + SHANGHAI_MS);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

/** UTC instant of Shanghai midnight starting a day (days past the month's end roll over). */
function midnight(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) - SHANGHAI_MS;
}

/** Start of the Shanghai day `ms` falls in. */
export function dayStart(ms: number): number {
  const { y, m, d } = shanghaiYmd(ms);
  return midnight(y, m, d);
}

/** Monday 00:00 Shanghai of the week `ms` falls in. */
function weekStart(ms: number): number {
  const start = dayStart(ms);
  const weekday = (new Date(start + SHANGHAI_MS).getUTCDay() + 6) % 7; // Monday 0
  return start - weekday * DAY_MS;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** `YYYY-MM-DD` of the Shanghai day `ms` falls in. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
}

/**
 * The bounds of a preset period: this week and this month run from their first day to the end of
 * today (days to come hold nothing yet), last week is Monday to Monday, the last 30 days are
 * today and the 29 days before it.
 */
export function presetRange(id: Exclude<PeriodId, 'custom'>, nowMs: number): Range {
  const tomorrow = dayStart(nowMs) + DAY_MS;
  switch (id) {
    case 'this_week':
      return { from: iso(weekStart(nowMs)), to: iso(tomorrow) };
    case 'last_week': {
      const monday = weekStart(nowMs);
      return { from: iso(monday - 7 * DAY_MS), to: iso(monday) };
    }
    case 'this_month': {
      const { y, m } = shanghaiYmd(nowMs);
      return { from: iso(midnight(y, m, 1)), to: iso(tomorrow) };
    }
    case 'last_30_days':
      return { from: iso(tomorrow - 30 * DAY_MS), to: iso(tomorrow) };
  }
}

export type CustomRangeProblem = 'invalid' | 'order' | 'too_long' | 'future';

/** A day typed as `YYYY-MM-DD` that exists in the calendar, as its Shanghai midnight; else null. */
function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = midnight(y, mo, d);
  const back = shanghaiYmd(ms);
  return back.y === y && back.m === mo && back.d === d ? ms : null;
}

/**
 * A custom period from its first to its last day, both whole days: `[first 00:00, last + 1 00:00)`.
 * Refused: a day that does not exist, the last before the first, longer than MAX_CUSTOM_DAYS, or a
 * first day after today (nothing can have happened then).
 */
export function customRange(firstDay: string, lastDay: string, nowMs: number): { ok: true; range: Range } | { ok: false; problem: CustomRangeProblem } {
  const first = parseDate(firstDay);
  const last = parseDate(lastDay);
  if (first === null || last === null) return { ok: false, problem: 'invalid' };
  if (last < first) return { ok: false, problem: 'order' };
  if (first > dayStart(nowMs)) return { ok: false, problem: 'future' };
  const to = last + DAY_MS;
  if (Math.round((to - first) / DAY_MS) > MAX_CUSTOM_DAYS) return { ok: false, problem: 'too_long' };
  return { ok: true, range: { from: iso(first), to: iso(to) } };
}

/** The last day of a range as `YYYY-MM-DD` (its `to` is the next day's midnight). */
export function lastDayOf(range: Range): string {
  return shanghaiDate(Date.parse(range.to) - 1);
}

// ---- the chart's buckets ------------------------------------------------------------------------

export type BucketSize = 'day' | 'week' | 'month';
export interface Bucket extends Range {
  /** `MM-DD` of its first day (days and weeks) or `YYYY-MM` (months). */
  readonly label: string;
}

/** At most this many buckets: each is one stats call, so a long period gets weeks, then months. */
export const MAX_BUCKETS = 31;

/**
 * The period cut into Shanghai days, weeks (from Monday; the first and last may be partial) or
 * months, whichever is the finest that gives at most MAX_BUCKETS; never past `to`.
 */
export function bucketsOf(range: Range): { size: BucketSize; buckets: Bucket[] } {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const cut = (next: (ms: number) => number, label: (ms: number) => string): Bucket[] => {
    const out: Bucket[] = [];
    for (let start = from; start < to; ) {
      const end = Math.min(next(start), to);
      out.push({ from: iso(start), to: iso(end), label: label(start) });
      start = end;
    }
    return out;
  };
  const days = Math.ceil((to - from) / DAY_MS);
  if (days <= MAX_BUCKETS) return { size: 'day', buckets: cut((ms) => dayStart(ms) + DAY_MS, (ms) => shanghaiDate(ms).slice(5)) };
  if (Math.ceil((to - weekStart(from)) / (7 * DAY_MS)) <= MAX_BUCKETS) {
    return { size: 'week', buckets: cut((ms) => weekStart(ms) + 7 * DAY_MS, (ms) => shanghaiDate(ms).slice(5)) };
  }
  const nextMonth = (ms: number) => {
    const { y, m } = shanghaiYmd(ms);
    return midnight(y, m + 1, 1);
  };
  return { size: 'month', buckets: cut(nextMonth, (ms) => shanghaiDate(ms).slice(0, 7)) };
}

// ---- ISO weeks and months (the weekly report, the monthly service table) -------------------------

/** The ISO week `ms` falls in, in Shanghai time: `2026-W49`. */
export function isoWeekOf(ms: number): string {
  const { y, m, d } = shanghaiYmd(ms);
  const day = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(y, m - 1, d - day + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** `[Monday 00:00, next Monday 00:00)` Shanghai of an ISO week `YYYY-Www`; null when it is not one. */
export function isoWeekRange(week: string): Range | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  const start = monday1 + (n - 1) * 7 * DAY_MS - SHANGHAI_MS;
  if (n < 1 || isoWeekOf(start) !== week) return null; // week 53 of a year with 52
  return { from: iso(start), to: iso(start + 7 * DAY_MS) };
}

/** The `count` weeks up to and including this one, newest first. */
export function recentWeeks(nowMs: number, count: number): string[] {
  const monday = weekStart(nowMs);
  return Array.from({ length: count }, (_, i) => isoWeekOf(monday - i * 7 * DAY_MS));
}

/** `YYYY-MM` of the Shanghai month `ms` falls in. */
export function monthOf(ms: number): string {
  return shanghaiDate(ms).slice(0, 7);
}

/** The `count` months up to and including this one, newest first. */
export function recentMonths(nowMs: number, count: number): string[] {
  const { y, m } = shanghaiYmd(nowMs);
  return Array.from({ length: count }, (_, i) => monthOf(midnight(y, m - i, 1)));
}
