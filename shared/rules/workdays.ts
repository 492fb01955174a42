/**
 * Working-day arithmetic for statutory time limits, on the Asia/Shanghai calendar (UTC+8, no DST).
 *
 * Conventions (every caller relies on them; change them only together with the tests):
 * - The day something is submitted does not count: a limit of N working days ends at the end
 *   (23:59:59.999 Shanghai) of the N-th working day AFTER the submission date, whatever the hour.
 * - Holidays and make-up working days come from shared/data/holidays.ts. Dates in years that are
 *   not in the calendar use the weekends-only rule (Mon–Fri work), so a deadline far in the
 *   future may move once that year's notice is added.
 * - Instants are UTC ISO strings in and out; dates are YYYY-MM-DD Shanghai calendar dates.
 */
import { HOLIDAY_CALENDAR } from '../data/holidays';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const HOLIDAYS = new Set<string>();
const MAKEUP_WORKDAYS = new Set<string>();
for (const year of Object.values(HOLIDAY_CALENDAR)) {
  for (const d of year.holidays) HOLIDAYS.add(d);
  for (const d of year.workdays) MAKEUP_WORKDAYS.add(d);
}

/** Years with a calendar in shared/data/holidays.ts. */
export const CALENDAR_YEARS: readonly number[] = Object.keys(HOLIDAY_CALENDAR).map(Number).sort();

function parseInstant(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO instant: ${iso}`);
  return t;
}

/** Shanghai calendar date (YYYY-MM-DD) of a UTC instant. */
export function shanghaiDate(iso: string): string {
  return new Date(parseInstant(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date; the arithmetic below runs on these. */
function dayNumber(ymd: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) throw new RangeError(`not a YYYY-MM-DD date: ${ymd}`);
  const t = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a calendar date: ${ymd}`);
  return Math.round(t / DAY_MS);
}

function ymdOf(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNo(dayNo: number): boolean {
  const ymd = ymdOf(dayNo);
  if (MAKEUP_WORKDAYS.has(ymd)) return true;
  if (HOLIDAYS.has(ymd)) return false;
  const weekday = new Date(dayNo * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether a Shanghai calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(ymd: string): boolean {
  return isWorkingDayNo(dayNumber(ymd));
}

/** UTC ISO of 23:59:59.999 Shanghai time on a date. */
export function endOfShanghaiDay(ymd: string): string {
  return new Date((dayNumber(ymd) + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1).toISOString();
}

/**
 * End of the `days`-th working day after the Shanghai date of `fromIso`.
 * `days` ≤ 0 gives the end of the submission date itself (a limit of zero means "same day").
 */
export function addWorkingDays(fromIso: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  let dayNo = dayNumber(shanghaiDate(fromIso));
  for (let left = days; left > 0; ) {
    dayNo += 1;
    if (isWorkingDayNo(dayNo)) left -= 1;
  }
  return endOfShanghaiDay(ymdOf(dayNo));
}

/**
 * Working days in the Shanghai dates after `fromIso`'s date up to and including `toIso`'s date;
 * negative (the same count, negated) when `toIso` lies on an earlier date. Round trip:
 * `workingDaysBetween(x, addWorkingDays(x, n)) === n` for n ≥ 0.
 */
export function workingDaysBetween(fromIso: string, toIso: string): number {
  const a = dayNumber(shanghaiDate(fromIso));
  const b = dayNumber(shanghaiDate(toIso));
  if (b < a) return -workingDaysBetween(toIso, fromIso);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingDayNo(d)) n += 1;
  return n;
}

/**
 * Working days left until a deadline as the officer reads it: 0 on the due date itself, 1 when it
 * is due on the next working day. Once past `dueIso` the result is negative — at least -1 even on
 * the weekend right after a Friday deadline, so "overdue" is always `< 0`.
 */
export function workingDaysLeft(dueIso: string, nowIso: string): number {
  if (parseInstant(nowIso) <= parseInstant(dueIso)) return workingDaysBetween(nowIso, dueIso);
  return -Math.max(1, workingDaysBetween(dueIso, nowIso));
}

/**
 * Statutory deadline of an application: the limit counts from the day after submission and is
 * pushed out by the working days the clock was paused while the citizen supplied material (补正).
 */
export function statutoryDueAt(submittedIso: string, limitDays: number, pausedWorkingDays: number): string {
  return addWorkingDays(submittedIso, limitDays + Math.max(0, pausedWorkingDays));
}
