import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeEventPayload, BridgeResult, ItemDetail } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { bridge, onBridgeEvent, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { detailAfterCommand, isFresher, mergeChanged, shouldReload } from './detailSync';
import type { ItemCommand } from './types';

export interface ItemDetailState {
  /** The open item (null while loading or when nothing is selected). */
  readonly detail: ItemDetail | null;
  readonly error: BridgeCallError | null;
  /** Call before sending a command on the open item: its own event may overtake its result. */
  readonly commandStarted: () => void;
  /** Shows a command's result without reading the item again (see detailSync.ts). */
  readonly applyResult: (result: BridgeResult<'items.command'>, cmd: ItemCommand) => void;
  /** The command was refused: what arrived meanwhile is looked at now. */
  readonly commandFailed: () => void;
}

/**
 * Container hook: the selected item as the cache holds it. Read once when selected, then kept
 * current from command results and from `items.changed` events that concern it (detailSync.ts).
 */
export function useItemDetail(kind: ItemKind, itemId: string | null, officer: Officer): ItemDetailState {
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [error, setError] = useState<BridgeCallError | null>(null);
  const held = useRef<ItemDetail | null>(null);
  const currentId = useRef(itemId);
  currentId.current = itemId;

  const show = useCallback((d: ItemDetail | null) => {
    held.current = d;
    setDetail(d);
  }, []);

  const load = useCallback(
    (id: string) => {
      bridge()
        ['items.get']({ id })
        .then(
          (d) => {
            if (d.item.id !== currentId.current) return; // the officer moved on meanwhile
            const shown = held.current?.item.id === id ? held.current.rev : null;
            if (!isFresher(shown, d.rev)) return;
            show(d);
            setError(null);
          },
          (e: unknown) => id === currentId.current && setError(toBridgeError(e)),
        );
    },
    [show],
  );

  useEffect(() => {
    show(null);
    setError(null);
    if (itemId) load(itemId);
  }, [itemId, load, show]);

  // While the officer's own command is on its way, events wait for its result: the command's own
  // event carries the rev the result brings, and reading the item for it would be a wasted read.
  const inFlight = useRef(0);
  const deferred = useRef<BridgeEventPayload<'items.changed'> | null>(null);
  const consider = useCallback(
    (event: BridgeEventPayload<'items.changed'>) => {
      const d = held.current;
      if (d && shouldReload({ id: d.item.id, rev: d.rev }, kind, event)) load(d.item.id);
    },
    [kind, load],
  );
  const settle = useCallback(() => {
    inFlight.current = Math.max(0, inFlight.current - 1);
    const waiting = deferred.current;
    if (inFlight.current > 0 || !waiting) return;
    deferred.current = null;
    consider(waiting);
  }, [consider]);

  useEffect(
    () =>
      onBridgeEvent('items.changed', (event) => {
        if (inFlight.current > 0) deferred.current = mergeChanged(deferred.current, event);
        else consider(event);
      }),
    [consider],
  );

  const commandStarted = useCallback(() => {
    inFlight.current += 1;
  }, []);

  const applyResult = useCallback(
    (result: BridgeResult<'items.command'>, cmd: ItemCommand) => {
      const prev = held.current;
      const next = prev ? detailAfterCommand(prev, result, cmd, officer, new Date().toISOString()) : null;
      if (next) show(next);
      settle();
    },
    [officer, settle, show],
  );

  return { detail, error, commandStarted, applyResult, commandFailed: settle };
}
