import type { RejectionCode } from '../errors';
import { CLAIM_LEASE_MS, type WorkItem } from '../domain/items';
import type { Officer } from '../domain/officers';
import { COMMAND_TYPES_BY_KIND, isTerminal, transitionFor } from '../domain/status';
import { inScope } from '../domain/visibility';
import { CommandRejected, kindEffect, preconditionOf, type CommandInput, type CommandLookups, type EffectContext } from './effects';

export { CommandRejected, type CommandInput, type CommandLookups } from './effects';

/**
 * THE command core (DESIGN.md "Sync protocol"): what a command does to an item, as one pure
 * function called by every side —
 * - the exchange (server/domain/apply.ts), which adds only what needs its store: idempotency,
 *   the stored item, another item for `link_duplicate` (through `lookups`), writing;
 * - the console's optimistic apply (electron/console/feed-page.ts `viewWith`) and its check before
 *   queueing (electron/console/handlers/items.ts);
 * - the renderer's "may I press this button" (`checkAction`).
 * A rule written twice drifted within weeks here (the route claim, the claim rule's codes), so
 * there is no second copy: when you add a command type, add its body (shared/domain/commands.ts),
 * its transitions (shared/domain/status.ts) and its effect (shared/rules/effects.ts), nothing else.
 *
 * Checks, in order — the first that fails is the rejection, on every side:
 *  1. role and jurisdiction (inScope)                                               → forbidden
 *  2. the command type exists for the kind, and a transition for the action        → invalid
 *  3. a claim-only action on an item someone else holds                             → claim_lost
 *     (before the version, so a former holder learns the item was taken, not "stale")
 *  4. expectedVersion, when the caller gives one (the exchange)                      → conflict
 *  5. the status machine                                                            → invalid
 *  6. a claim-only action on an unclaimed item                                      → claim_lost
 *  7. claiming over someone else's live lease                                       → conflict
 *  8. the action's own rules on the item (missing scans, quick-procedure exclusions,
 *     take-over only by a supervisor of someone else's claim …)                     → invalid / forbidden
 *  9. the body's rules in the effect                                                → invalid / forbidden
 * The claim rule (3, 6, 7) follows DESIGN.md: only the holder may decide, and an item claimed
 * before the network went down stays workable offline — a holder whose lease ran out may still act
 * while the claim is theirs, since anyone else's claim would have changed `claimedBy`.
 */

export interface CommandContext {
  readonly officer: Officer;
  readonly now: Date;
  /** Lease lengths are scaled by this (exchange tests shorten them); 1 elsewhere. */
  readonly leaseScale?: number;
  readonly lookups?: CommandLookups;
}

export interface CommandRejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export type CommandOutcome = { readonly ok: true; readonly item: WorkItem } | ({ readonly ok: false } & CommandRejection);

/** `decide:<outcome>` for decisions, else the command type: the key of the status machine. */
export function actionOfInput(cmd: Pick<CommandInput, 'type' | 'body'>): string {
  return cmd.type === 'decide' ? `decide:${(cmd.body as { outcome: string }).outcome}` : cmd.type;
}

function hasLiveLease(item: WorkItem, now: Date): boolean {
  return item.claimedBy !== null && item.claimExpiresAt !== null && Date.parse(item.claimExpiresAt) > now.getTime();
}

/**
 * Checks 1–8 for an action (`claim`, `decide:approve`, `route` …) without a body: what the
 * renderer asks to enable a button, and the first half of `applyCommand`. Null when allowed.
 */
export function checkAction(item: WorkItem, action: string, ctx: CommandContext, expectedVersion?: number): CommandRejection | null {
  const type = action.startsWith('decide:') ? 'decide' : action;
  const { officer, now } = ctx;
  // scope first: an item outside it tells the caller nothing else about itself
  if (!inScope(officer, item)) return { code: 'forbidden', message: `${item.id} 不在您的岗位或辖区范围内` };
  if (!(COMMAND_TYPES_BY_KIND[item.kind] as readonly string[]).includes(type)) return { code: 'invalid', message: `此类事项没有“${action}”操作` };
  const transition = transitionFor(item.kind, action);
  if (!transition) return { code: 'invalid', message: `此类事项没有“${action}”操作` };
  const heldByOther = item.claimedBy !== null && item.claimedBy !== officer.badge;
  if (transition.needsClaim && heldByOther) return { code: 'claim_lost', message: `此件已由 ${item.claimedBy} 接手` };
  if (expectedVersion !== undefined && expectedVersion !== item.version) {
    return { code: 'conflict', message: `事项已是第 ${item.version} 版，不是第 ${expectedVersion} 版` };
  }
  if (!transition.from.includes(item.status)) return { code: 'invalid', message: `事项当前状态（${item.status}）不允许此操作（${action}）` };
  if (transition.needsClaim && item.claimedBy === null) return { code: 'claim_lost', message: '您尚未认领此件，请先认领' };
  if (action === 'claim' && heldByOther && hasLiveLease(item, now)) {
    return { code: 'conflict', message: `此件已由 ${item.claimedBy} 认领，至 ${item.claimExpiresAt}` };
  }
  try {
    preconditionOf(item, action, effectContext(ctx));
  } catch (err) {
    if (err instanceof CommandRejected) return { code: err.code, message: err.message };
    throw err;
  }
  return null;
}

function effectContext(ctx: CommandContext): EffectContext {
  return { officer: ctx.officer, now: ctx.now, lookups: ctx.lookups, leaseMs: (item) => leaseMs(item, ctx) };
}

function leaseMs(item: WorkItem, ctx: CommandContext): number {
  return Math.max(1, Math.round(CLAIM_LEASE_MS[item.kind] * (ctx.leaseScale ?? 1)));
}

/**
 * The item after `cmd`, or why not. The result is the whole next state: status from the machine,
 * version + 1, updatedAt = now, and no holder once the item is finished. Pure: `item` is not
 * changed (it may be frozen). The caller validates the result with the item schema where a bug
 * must never reach storage (the exchange does).
 */
export function applyCommand(item: WorkItem, cmd: CommandInput, ctx: CommandContext): CommandOutcome {
  const action = actionOfInput(cmd);
  const rejected = checkAction(item, action, ctx, cmd.expectedVersion);
  if (rejected) return { ok: false, ...rejected };
  let after: WorkItem;
  try {
    after = kindEffect(item, cmd, effectContext(ctx));
  } catch (err) {
    if (err instanceof CommandRejected) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
  const to = transitionFor(item.kind, action)?.to ?? null;
  after = { ...after, status: (to ?? item.status) as never, version: item.version + 1, updatedAt: ctx.now.toISOString() } as WorkItem;
  if (isTerminal(after)) after = { ...after, claimedBy: null, claimExpiresAt: null };
  return { ok: true, item: after };
}
