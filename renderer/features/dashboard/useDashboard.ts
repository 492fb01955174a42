import { useEffect, useState } from 'react';
import type { ServiceUsageResponse, StatsResponse } from '#shared/contract/api';
import type { ItemRow } from '#shared/contract/bridge';
import { covers } from '#shared/domain/units';
import { bridge, onBridgeEvent, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { bucketsOf, type BucketSize, type Range } from './period';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: BridgeCallError | null;
  readonly loading: boolean;
}

/**
 * Runs `load` whenever `key` changes (null: not now — offline, or the screen hidden), keeping the
 * last figures on screen while the next ones come, and dropping an answer that a newer key has
 * overtaken (a quick change of unit must not show the previous unit's figures last).
 */
function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: false });
  useEffect(() => {
    if (key === null) return;
    let alive = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => alive && setState({ data, error: null, loading: false }),
      (e: unknown) => alive && setState((s) => ({ data: s.data, error: toBridgeError(e), loading: false })),
    );
    return () => {
      alive = false;
    };
    // `load` is rebuilt every render; `key` names everything it depends on
  }, [key]);
  return state;
}

/** Runs `tasks` at most `limit` at a time (each bucket is one stats request to the exchange). */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

export interface VolumePoint {
  readonly label: string;
  readonly from: string;
  readonly received: number;
  readonly decided: number;
  readonly decidedOnTime: number;
}

export interface DashboardQuery {
  readonly unit: string;
  readonly range: Range;
  /** Bumped by "refresh". */
  readonly tick: number;
}

/** The period's figures (one stats.get). */
export function useStats(q: DashboardQuery, enabled: boolean): Loaded<StatsResponse> {
  const key = enabled ? `${q.unit} ${q.range.from} ${q.range.to} ${q.tick}` : null;
  return useLoad(key, () => bridge()['stats.get']({ unit: q.unit, from: q.range.from, to: q.range.to }));
}

/**
 * Applications received and decided per day (week, month) of the period. The stats carry no time
 * series, so each bucket is a stats.get of its own: at most MAX_BUCKETS requests, four at a time.
 */
export function useVolume(q: DashboardQuery, enabled: boolean): Loaded<{ size: BucketSize; points: VolumePoint[] }> {
  const key = enabled ? `${q.unit} ${q.range.from} ${q.range.to} ${q.tick}` : null;
  return useLoad(key, async () => {
    const { size, buckets } = bucketsOf(q.range);
    const points = await pooled(
      buckets.map((b) => async () => {
        const s = await bridge()['stats.get']({ unit: q.unit, from: b.from, to: b.to });
        return { label: b.label, from: b.from, received: s.applications.received, decided: s.applications.decided, decidedOnTime: s.applications.decidedOnTime };
      }),
      4,
    );
    return { size, points };
  });
}

/**
 * Median and p90 of the accident clearance per unit: the exchange's byUnit has counts only, so the
 * units that determined anything are asked one by one (the unit itself is left out: its own row
 * counts only what was filed at it, its stats would be the whole jurisdiction's).
 */
export function useClearanceDurations(q: DashboardQuery, stats: StatsResponse | null, enabled: boolean): Loaded<Map<string, { median: number | null; p90: number | null }>> {
  const units = (stats?.accidents.byUnit ?? []).filter((u) => u.determined > 0 && u.unitCode !== q.unit).map((u) => u.unitCode);
  const key = enabled && stats && stats.unit.code === q.unit ? `${q.unit} ${q.range.from} ${q.range.to} ${q.tick} ${units.join(',')}` : null;
  return useLoad(key, async () => {
    const answers = await pooled(
      units.map((unit) => async () => {
        const s = await bridge()['stats.get']({ unit, from: q.range.from, to: q.range.to });
        return [unit, { median: s.accidents.minutesToDetermination.median, p90: s.accidents.minutesToDetermination.p90 }] as const;
      }),
      4,
    );
    return new Map(answers);
  });
}

export function useServiceUsage(unit: string, month: string, tick: number, enabled: boolean): Loaded<ServiceUsageResponse> {
  return useLoad(enabled ? `${unit} ${month} ${tick}` : null, () => bridge()['stats.services']({ unit, month }));
}

/** At most this many overdue rows are read from the cache; the count says how many there are. */
const OVERDUE_LIMIT = 1000;

/**
 * The overdue applications still open in the console's cache (the queue's `overdue` view: the
 * clock runs and the deadline has passed), earliest deadline first, narrowed to the unit chosen.
 * Works offline; reloads when applications change in the cache.
 */
export function useOverdue(unit: string, tick: number, enabled: boolean): Loaded<{ rows: ItemRow[]; truncated: boolean }> {
  const [changed, setChanged] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    return onBridgeEvent('items.changed', (e) => {
      if (e.kinds.includes('application')) setChanged((n) => n + 1);
    });
  }, [enabled]);
  return useLoad(enabled ? `${unit} ${tick} ${changed}` : null, async () => {
    const page = await bridge()['items.query']({ kind: 'application', view: 'overdue', sort: [{ col: 'dueAt', dir: 'asc' }], limit: OVERDUE_LIMIT });
    const rows = page.rows.filter((r) => covers(unit, r.unitCode));
    return { rows, truncated: page.total > page.rows.length };
  });
}
