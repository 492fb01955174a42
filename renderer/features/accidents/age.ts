import { useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';

/**
 * How long a case has taken, against the seed's headline: a minor accident cleared within five
 * minutes of the report (DOMAIN.md "Accident clearance": minutes from the report to the
 * determination). Open cases count on, live; decided ones show what they took.
 */
export const CLEARANCE_TARGET_MS = 5 * 60_000;

export function ageMs(row: { readonly submittedAt: string; readonly clearedAt?: string | null }, nowMs: number): number {
  const end = row.clearedAt ? Date.parse(row.clearedAt) : nowMs;
  return Math.max(0, end - Date.parse(row.submittedAt));
}

export function overTarget(ms: number): boolean {
  return ms > CLEARANCE_TARGET_MS;
}

/** "4分12秒", "2小时5分", "3天2小时" / "4m 12s", "2h 5m", "3d 2h". */
export function formatAge(ms: number, t: TFunction): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (d > 0) return t('accidents:age.days', { d, h: h % 24 });
  if (h > 0) return t('accidents:age.hours', { h, m: m % 60 });
  return t('accidents:age.minutes', { m, s: s % 60 });
}

// ---- one ticking clock for every live age on screen ----------------------------------------------

const listeners = new Set<() => void>();
let timer: number | null = null;
let tick = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    tick = Date.now();
    timer = window.setInterval(() => {
      tick = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

const noSubscription = () => () => undefined;

/** The time, each second while `live` (one interval for all cells that ask); else a fixed time. */
export function useSecondClock(live: boolean): number {
  return useSyncExternalStore(live ? subscribe : noSubscription, () => (live ? tick : 0));
}
