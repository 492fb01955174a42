import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ItemRow } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import { bridge, onBridgeEvent } from '../../app/bridge';
import { useNotify } from '../../app/notify';

export interface ItemRowsState {
  /** Rows to mount the grid with; null until the first load. Later changes go in as transactions. */
  readonly initialRows: ItemRow[] | null;
  /** Re-snapshot (e.g. when the grid remounts for a language switch). */
  readonly snapshot: () => ItemRow[];
  /** Bumped whenever the rows changed, for summaries computed from the snapshot. */
  readonly version: number;
}

/**
 * Keeps a queue in step with the console cache: one full `items.list` (sinceRev 0), then on every
 * `items.changed` event for this kind only the rows changed since the last rev, applied to the grid
 * as a transaction (getRowId keys them), so a 100k-row grid never re-renders wholesale.
 * Pulls are serialised; an event that arrives mid-pull triggers one more pull afterwards.
 */
export function useItemRows(kind: ItemKind, apiRef: RefObject<GridApi<ItemRow> | null>, onChanged: (ids: readonly string[]) => void): ItemRowsState {
  const notify = useNotify();
  const rowsRef = useRef(new Map<string, ItemRow>());
  const revRef = useRef(0);
  const loadedRef = useRef(false);
  const inflight = useRef(false);
  const again = useRef(false);
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  const [initialRows, setInitialRows] = useState<ItemRow[] | null>(null);
  const [version, setVersion] = useState(0);

  const snapshot = useCallback(() => Array.from(rowsRef.current.values()), []);

  const pull = useCallback(async () => {
    if (inflight.current) {
      again.current = true;
      return;
    }
    inflight.current = true;
    try {
      do {
        again.current = false;
        const res = await bridge()['items.list']({ kind, sinceRev: revRef.current });
        revRef.current = res.rev;
        const map = rowsRef.current;
        const add: ItemRow[] = [];
        const update: ItemRow[] = [];
        for (const row of res.rows) (map.has(row.id) ? update : add).push(row);
        for (const row of res.rows) map.set(row.id, row);
        const remove: ItemRow[] = [];
        for (const id of res.removed) {
          const old = map.get(id);
          if (old) remove.push(old);
          map.delete(id);
        }
        const api = apiRef.current;
        if (!loadedRef.current || !api || api.isDestroyed()) {
          loadedRef.current = true;
          setInitialRows(Array.from(map.values()));
        } else if (add.length + update.length + remove.length > 0) {
          api.applyTransaction({ add, update, remove });
        }
        const changed = [...res.rows.map((r) => r.id), ...res.removed];
        if (changed.length > 0) {
          setVersion((v) => v + 1);
          onChangedRef.current(changed);
        }
      } while (again.current);
    } catch (e) {
      notify.error(e);
    } finally {
      inflight.current = false;
    }
  }, [kind, apiRef, notify]);

  useEffect(() => {
    void pull();
    return onBridgeEvent('items.changed', (p) => {
      if (p.kinds.includes(kind)) void pull();
    });
  }, [kind, pull]);

  return { initialRows, snapshot, version };
}
