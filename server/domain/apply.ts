import { AppError, type RejectionCode } from '#shared/errors';
import type { Command, CommandResult } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import { AccidentCaseSchema, ApplicationSchema, TipSchema, WorkItemSchema, type WorkItem } from '#shared/domain/items';
import { COMMAND_TYPES_BY_KIND, actionOf, isTerminal, transitionFor } from '#shared/domain/status';
import type { Store } from '../store/store';
import { effectOf } from './effects';
import { inScope, isVisible } from './visibility';

/**
 * Applies officers' commands (DESIGN.md "Sync protocol"). Each command runs atomically (its own
 * transaction, or its own savepoint in a group-committed batch, see command-queue.ts) and its
 * result is stored under its id, so a resend after a dropped response returns
 * the first result and never a second effect. Checks in order: idempotency, existence, scope,
 * kind, version, status machine, claim, body rules; then the effect, a version bump, one change
 * row and one audit row.
 */
export interface ApplyContext {
  readonly store: Store;
  readonly officer: Officer;
  readonly leaseScale: number;
  readonly now?: () => Date;
}

class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

const REJECTION_CODES = new Set<string>(['conflict', 'claim_lost', 'forbidden', 'invalid', 'not_found']);

function hasLiveLease(item: WorkItem, now: Date): boolean {
  return item.claimedBy !== null && item.claimExpiresAt !== null && Date.parse(item.claimExpiresAt) > now.getTime();
}

/**
 * The claim rule of DESIGN.md: only the holder may decide, and "an item claimed before the network
 * went down stays workable offline; the decision lands if no one else took the item meanwhile".
 * So a holder whose lease ran out may still act while the claim is still theirs: anyone else's
 * claim would have changed `claimedBy` and bumped the version. A live lease of someone else blocks
 * a claim; a claim held by someone else (live or not) is `claim_lost` for the former holder.
 */
function check(item: WorkItem, cmd: Command, officer: Officer, now: Date): void {
  if (!COMMAND_TYPES_BY_KIND[item.kind].includes(cmd.type)) throw new Rejection('invalid', `${cmd.type} does not apply to ${item.kind}s`);
  const action = actionOf(cmd);
  const transition = transitionFor(item.kind, action);
  if (!transition) throw new Rejection('invalid', `${action} does not apply to ${item.kind}s`);
  // Checked before the version, so a former holder learns the item was taken rather than "stale".
  if (transition.needsClaim && item.claimedBy !== null && item.claimedBy !== officer.badge) {
    throw new Rejection('claim_lost', `officer ${item.claimedBy} has taken this item over`);
  }
  if (cmd.expectedVersion !== item.version) {
    throw new Rejection('conflict', `the item is at version ${item.version}, not ${cmd.expectedVersion}`);
  }
  if (!transition.from.includes(item.status)) throw new Rejection('invalid', `${action} is not allowed while the item is ${item.status}`);
  if (transition.needsClaim && item.claimedBy === null) throw new Rejection('claim_lost', 'you do not hold a claim on this item; claim it first');
  if (cmd.type === 'claim' && hasLiveLease(item, now) && item.claimedBy !== officer.badge) {
    throw new Rejection('conflict', `officer ${item.claimedBy} holds this item until ${item.claimExpiresAt}`);
  }
}

/** The item schemas without `data`, by kind (see `checkedAfter`). */
const WITHOUT_DATA = {
  application: ApplicationSchema.omit({ data: true }),
  accident: AccidentCaseSchema.omit({ data: true }),
  tip: TipSchema.omit({ data: true }),
} as const;

/**
 * The item after an effect, parsed with its schema, so a bug in an effect cannot write an item
 * the feed cannot parse. Claims, releases and notes leave `data` — the bulk of an item — as the
 * very object the store read and parsed (frozen, store/sqlite/items.ts), so then only the rest is
 * parsed again.
 */
function checkedAfter(before: WorkItem, after: WorkItem): WorkItem {
  if (after.kind !== before.kind || after.data !== before.data) return WorkItemSchema.parse(after);
  const { data, ...rest } = after;
  return { ...WITHOUT_DATA[after.kind].parse(rest), data } as WorkItem;
}

function applyOne(ctx: ApplyContext, cmd: Command, now: Date): CommandResult {
  const { store, officer } = ctx;
  // no PII: no command reads or changes it
  const before = store.getWorkItem(cmd.itemId);
  if (!before) throw new Rejection('not_found', `no item ${cmd.itemId}`);
  if (!inScope(officer, before)) throw new Rejection('forbidden', `${cmd.itemId} is outside your role or jurisdiction`);
  check(before, cmd, officer, now);

  let after: WorkItem;
  try {
    after = effectOf(before, cmd, { store, officer, now, leaseScale: ctx.leaseScale });
  } catch (err) {
    if (err instanceof AppError && REJECTION_CODES.has(err.code)) throw new Rejection(err.code as RejectionCode, err.message);
    throw err;
  }
  const to = transitionFor(before.kind, actionOf(cmd))?.to ?? null;
  after = { ...after, status: (to ?? before.status) as never, version: before.version + 1, updatedAt: now.toISOString() } as WorkItem;
  if (isTerminal(after)) after = { ...after, claimedBy: null, claimExpiresAt: null };
  after = checkedAfter(before, after);

  // Writes only from here on: no Rejection below this line (see runCommand).
  store.updateItem(after, before.unitCode);
  store.appendAudit({
    at: now.toISOString(),
    actor: officer.badge,
    action: actionOf(cmd),
    itemId: after.id,
    detail: { commandId: cmd.id, version: after.version, status: after.status, body: cmd.body },
  });
  return { id: cmd.id, status: 'applied', item: isVisible(officer, after) ? after : null };
}

/**
 * Runs one command inside the caller's transaction when there is one (the command queue's batch;
 * it is then a SAVEPOINT), else in its own. Whatever throws rolls the whole command back.
 * Invariant (when you change applyOne, keep it): every Rejection is raised before the first
 * write, so a rejected command has written nothing by the time its rejection is recorded here,
 * and one savepoint per command is enough (each savepoint copies the pages it touches aside).
 */
export function runCommand(ctx: ApplyContext, cmd: Command): CommandResult {
  const { store, officer } = ctx;
  const now = ctx.now?.() ?? new Date();
  return store.transaction(() => {
    const previous = store.getCommand(cmd.id);
    if (previous) {
      if (previous.officer === officer.badge && previous.itemId === cmd.itemId) return previous.result;
      return { id: cmd.id, status: 'invalid', item: null, message: 'this command id was already used for another command' };
    }
    let result: CommandResult;
    try {
      result = applyOne(ctx, cmd, now);
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      const current = store.getWorkItem(cmd.itemId);
      result = { id: cmd.id, status: err.code, item: current && isVisible(officer, current) ? current : null, message: err.message };
    }
    store.saveCommand({ id: cmd.id, officer: officer.badge, itemId: cmd.itemId, result });
    return result;
  });
}
