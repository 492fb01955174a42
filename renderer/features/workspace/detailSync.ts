import type { BridgeEventPayload, BridgeResult, ItemDetail, PendingCommand } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import type { ItemCommand } from './types';

/**
 * When the open item is read again ("load once"). The pane holds the item at a cache rev (from
 * `items.get` or a command's result); the cache only ever moves forward, so:
 * - a command's result is the item as the cache now holds it: shown as is, no reload;
 * - an `items.changed` reloads only if it may concern the open item (its id is in `ids`, or `ids`
 *   is absent: "possibly any") of this kind, and is newer than what is shown — the event of the
 *   officer's own command carries the rev its result already brought, so it reloads nothing;
 * - a response older than what is shown (a slow read overtaken by a command) is dropped.
 */
export function shouldReload(held: { readonly id: string; readonly rev: number } | null, kind: ItemKind, event: BridgeEventPayload<'items.changed'>): boolean {
  if (!held) return false;
  if (!event.kinds.includes(kind)) return false;
  if (event.ids !== undefined && !event.ids.includes(held.id)) return false;
  return event.rev > held.rev;
}

/**
 * Two `items.changed` as one, for an event that arrives while the officer's own command is on its
 * way (its event can overtake its result): the newest rev, every kind, and the ids of both — or
 * none ("possibly any") if either had none. Checked with `shouldReload` once the result is shown.
 */
export function mergeChanged(a: BridgeEventPayload<'items.changed'> | null, b: BridgeEventPayload<'items.changed'>): BridgeEventPayload<'items.changed'> {
  if (!a) return b;
  const kinds = [...new Set([...a.kinds, ...b.kinds])];
  const rev = Math.max(a.rev, b.rev);
  return a.ids === undefined || b.ids === undefined ? { rev, kinds } : { rev, kinds, ids: [...new Set([...a.ids, ...b.ids])] };
}

/** Whether a read of the open item at `incomingRev` may replace what is shown at `heldRev`. */
export function isFresher(heldRev: number | null, incomingRev: number): boolean {
  return heldRev === null || incomingRev >= heldRev;
}

/**
 * The open item after the officer's own command, from the command's result alone: the item and
 * rev as the cache wrote them, the command queued in the outbox (so a claim made offline shows as
 * not yet confirmed until the exchange has it), and the holder's name where the claim changed.
 * Null when the result is not newer than what is shown (a read already brought it).
 */
export function detailAfterCommand(
  prev: ItemDetail,
  result: BridgeResult<'items.command'>,
  cmd: ItemCommand,
  officer: Officer,
  nowIso: string,
): ItemDetail | null {
  if (result.item.id !== prev.item.id || result.rev <= prev.rev) return null;
  const queued: PendingCommand = { id: result.commandId, itemId: result.item.id, type: cmd.type, body: cmd.body, createdAt: nowIso, attempts: 0, state: 'queued', lastError: null };
  const pending = prev.pending.some((p) => p.id === result.commandId) ? prev.pending : [...prev.pending, queued];
  const holder = result.item.claimedBy;
  const claimedByName = holder === null ? null : holder === prev.item.claimedBy ? prev.claimedByName : holder === officer.badge ? officer.name : null;
  return { ...prev, item: result.item, rev: result.rev, claimedByName, pending };
}
