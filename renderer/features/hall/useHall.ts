import { useEffect, useState } from 'react';
import type { ItemRow, QueueFilter } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import { bridge, onBridgeEvent, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { shanghaiDayOf } from './hall';

/** Rows read at most per list: a hall's day is dozens of bookings, a city's pickups hundreds. */
export const HALL_LIMIT = 500;

export interface HallLists {
  readonly appointments: readonly ItemRow[];
  readonly window: readonly ItemRow[];
  readonly ems: readonly ItemRow[];
  readonly truncated: boolean;
  readonly loaded: boolean;
  readonly error: BridgeCallError | null;
}

const EMPTY: HallLists = { appointments: [], window: [], ems: [], truncated: false, loaded: false, error: null };

/** Bumped by an `items.changed` naming one of `kinds` while `enabled`. */
function useChanged(kinds: readonly ItemKind[], enabled: boolean): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    return onBridgeEvent('items.changed', (e) => {
      if (e.kinds.some((k) => kinds.includes(k))) setN((x) => x + 1);
    });
    // kinds is a constant of the caller
  }, [enabled]);
  return n;
}

const APPROVED: QueueFilter = { col: 'status', op: 'in', value: 'approved' };

/**
 * The window's three lists from the console's cache (items.query: works offline): today's
 * appointments at `hall` in slot order with their items, and the approved applications of the
 * clerk's scope waiting at the window or for EMS, oldest approval first. Reloaded on
 * `items.changed` of their kinds, on a new day and on `tick`; an answer overtaken by a newer
 * request is dropped.
 */
export function useHallLists(hall: string | null, nowMs: number, tick: number, enabled: boolean): HallLists {
  const [state, setState] = useState<HallLists>(EMPTY);
  const apptChanged = useChanged(['appointment'], enabled);
  const appChanged = useChanged(['application'], enabled);
  const day = shanghaiDayOf(nowMs);
  useEffect(() => {
    if (!enabled || hall === null) return;
    let alive = true;
    const api = bridge();
    const load = async (): Promise<HallLists> => {
      const [appts, win, ems] = await Promise.all([
        api['items.query']({
          kind: 'appointment',
          filters: [
            { col: 'unitCode', op: 'equals', value: hall },
            { col: 'dueAt', op: 'after', value: day.start },
            { col: 'dueAt', op: 'before', value: day.end },
          ],
          sort: [{ col: 'dueAt', dir: 'asc' }, { col: 'id', dir: 'asc' }],
          limit: HALL_LIMIT,
        }),
        api['items.query']({ kind: 'application', filters: [APPROVED, { col: 'pickup', op: 'equals', value: 'window' }], sort: [{ col: 'updatedAt', dir: 'asc' }], limit: HALL_LIMIT }),
        api['items.query']({ kind: 'application', filters: [APPROVED, { col: 'pickup', op: 'equals', value: 'ems' }], sort: [{ col: 'updatedAt', dir: 'asc' }], limit: HALL_LIMIT }),
      ]);
      return {
        appointments: appts.rows,
        window: win.rows,
        ems: ems.rows,
        truncated: appts.total > appts.rows.length || win.total > win.rows.length || ems.total > ems.rows.length,
        loaded: true,
        error: null,
      };
    };
    load().then(
      (next) => alive && setState(next),
      (e: unknown) => alive && setState((s) => ({ ...s, loaded: true, error: toBridgeError(e) })),
    );
    return () => {
      alive = false;
    };
  }, [enabled, hall, day.start, day.end, tick, apptChanged, appChanged]);
  return state;
}

