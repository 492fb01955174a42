import { isWorkingDay } from '#shared/rules/workdays';
import type { Rng } from './prng';

/**
 * Demo time: every instant is derived from one anchor (`now`), so the data looks recent when
 * the demo starts, and the same seed and anchor give the same data. Wall times are Asia/Shanghai
 * (UTC+8, no DST); stored instants are UTC ISO.
 */
const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export function shanghaiYmd(ms: number): string {
  return new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** UTC instant (ms) of a Shanghai wall time: `ymd` at `minuteOfDay` minutes past midnight. */
export function shanghaiInstant(ymd: string, minuteOfDay: number): number {
  return Date.parse(`${ymd}T00:00:00.000Z`) - SHANGHAI_MS + minuteOfDay * MINUTE_MS;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class DemoClock {
  readonly nowMs: number;
  private readonly workdays: readonly string[];
  private readonly days: readonly string[];

  constructor(nowIso: string, workingDaysBack = 20) {
    // whole seconds, so the ISO strings carry no stray milliseconds
    this.nowMs = Math.floor(Date.parse(nowIso) / 1000) * 1000;
    if (Number.isNaN(this.nowMs)) throw new RangeError(`bad anchor time ${nowIso}`);
    const workdays: string[] = [];
    const days: string[] = [];
    for (let back = 0; workdays.length < workingDaysBack && back < 120; back++) {
      const ymd = shanghaiYmd(this.nowMs - back * DAY_MS);
      days.push(ymd);
      if (isWorkingDay(ymd)) workdays.push(ymd);
    }
    this.workdays = workdays;
    this.days = days;
  }

  /**
   * An instant on one of the recent days (working days only when `workingOnly`), more often recent
   * than old, at a wall time between `fromMin` and `toMin` minutes past midnight, never after now.
   */
  recent(rng: Rng, opts: { workingOnly: boolean; fromMin: number; toMin: number; maxDaysBack?: number; minAgoMin?: number }): number {
    const list = (opts.workingOnly ? this.workdays : this.days).slice(0, opts.maxDaysBack ?? 20);
    // squared uniform: about a third of the items fall in the newest sixth of the window
    const idx = Math.min(list.length - 1, Math.floor(rng.next() ** 1.6 * list.length));
    const ymd = list[idx] ?? shanghaiYmd(this.nowMs);
    const t = shanghaiInstant(ymd, rng.int(opts.fromMin, opts.toMin)) + rng.int(0, 59) * 1000;
    const latest = this.nowMs - (opts.minAgoMin ?? 3) * MINUTE_MS;
    return t <= latest ? t : latest - rng.int(0, 180) * MINUTE_MS;
  }
}
