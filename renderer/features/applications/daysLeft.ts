import { workingDaysLeft } from '#shared/rules/workdays';

/**
 * workingDaysLeft walks the calendar, and a queue of 100k rows sorts and filters on it, so results
 * are memoised per deadline for the current minute (the answer can only change as time passes).
 */
let cacheMinute = '';
const cache = new Map<string, number>();

export function daysLeftCached(dueIso: string | null, nowIso: string): number | null {
  if (!dueIso) return null;
  const minute = nowIso.slice(0, 16);
  if (minute !== cacheMinute) {
    cache.clear();
    cacheMinute = minute;
  }
  let v = cache.get(dueIso);
  if (v === undefined) {
    v = workingDaysLeft(dueIso, nowIso);
    cache.set(dueIso, v);
  }
  return v;
}

export type Urgency = 'overdue' | 'soon' | 'ok';

/** Red at or past the deadline day, amber within two working days. */
export function urgencyOf(daysLeft: number | null): Urgency {
  if (daysLeft === null) return 'ok';
  if (daysLeft <= 0) return 'overdue';
  if (daysLeft <= 2) return 'soon';
  return 'ok';
}
