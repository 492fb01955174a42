import { parseWithFastPath } from '#shared/contract/fast-path';
import type { RejectionCode } from '#shared/errors';
import type { Command, CommandResult } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import { AccidentCaseSchema, ApplicationSchema, AppointmentSchema, TipSchema, WorkItemSchema, type WorkItem } from '#shared/domain/items';
import { maskIdNumber } from '#shared/rules/masking';
import { actionOf } from '#shared/domain/status';
import { applyCommand, type CommandLookups } from '#shared/rules/commands';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { Repos } from '../store/store';
import { isVisible } from './visibility';
import { issueDocuments } from './determination';
import { recordOutbound } from './outbound';
import { moveGroup } from './tip-group';
import { rememberJson, stringifyOnce } from '../serialized';

/**
 * Applies officers' commands (DESIGN.md "Sync protocol"). Each command runs atomically (its own
 * transaction, or its own savepoint in a group-committed batch, see command-queue.ts) and its
 * result is stored under its id, so a resend after a dropped response returns
 * the first result and never a second effect. Here: idempotency and existence; then the command
 * core (shared/rules/commands.ts: scope, kind, claim, version, status machine, rules, the effect),
 * the schema check of the result, one change row and one audit row.
 */
export interface ApplyContext {
  /** The store, or the transaction the command runs in (the command queue's batch). */
  readonly db: Repos;
  readonly officer: Officer;
  readonly leaseScale: number;
  readonly now?: () => Date;
}

/** The item schemas without `data`, by kind (see `checkedAfter`). */
const WITHOUT_DATA = {
  application: ApplicationSchema.omit({ data: true }),
  accident: AccidentCaseSchema.omit({ data: true }),
  tip: TipSchema.omit({ data: true }),
  appointment: AppointmentSchema.omit({ data: true }),
} as const;

/**
 * The body as the audit keeps it: a hand-over's typed ID number only masked (the audit must show
 * that the ID was checked, and must not become a store of clear numbers).
 */
function auditedBody(cmd: Command): unknown {
  if (cmd.type === 'hand_over') return { idNumberMasked: maskIdNumber(cmd.body.idNumber) };
  return cmd.body;
}

/** A lookup the prefetch did not read for: a bug in `prefetchLookups`, never a missing item. */
function notPrefetched(what: string): never {
  throw new Error(`command lookup of ${what} was not prefetched (apply.ts prefetchLookups)`);
}

/** The lookups of a command that makes none (claims, notes, routes …: most commands). */
const NO_LOOKUPS: CommandLookups = {
  item: (id) => notPrefetched(`item ${id}`),
  attachments: (id) => notPrefetched(`attachments of ${id}`),
  idNumberMatches: (id) => notPrefetched(`the ID number of ${id}`),
};

/**
 * What the command core's lookups (shared/rules/effects.ts) will read for this command, read
 * before the core runs: the core is synchronous (the console runs it too), the store is not.
 * When you give an effect a new lookup, read for it here. Exactly these:
 * - `item`: a tip's link_duplicate, the named tip and, when that is a follower, its primary;
 * - `attachments`: an accident's decision (its determination needs the required photos);
 * - `idNumberMatches`: an application's hand-over, against the applicant's number as intake
 *   stored it.
 */
async function prefetchLookups(db: Repos, before: WorkItem, cmd: Command): Promise<CommandLookups> {
  if (before.kind === 'tip' && cmd.type === 'link_duplicate') {
    const items = new Map<string, WorkItem | undefined>();
    const named = await db.items.getWork(cmd.body.duplicateOf);
    items.set(cmd.body.duplicateOf, named);
    if (named?.kind === 'tip' && named.status === 'duplicate' && named.data.duplicateOf) {
      items.set(named.data.duplicateOf, await db.items.getWork(named.data.duplicateOf));
    }
    return { ...NO_LOOKUPS, item: (id) => (items.has(id) ? items.get(id) : notPrefetched(`item ${id}`)) };
  }
  if (before.kind === 'accident' && cmd.type === 'decide') {
    const attachments: readonly AttachmentMeta[] = await db.items.attachmentsOf([before.id]);
    return { ...NO_LOOKUPS, attachments: (id) => (id === before.id ? attachments : notPrefetched(`attachments of ${id}`)) };
  }
  if (before.kind === 'application' && cmd.type === 'hand_over') {
    const stored = (await db.items.get(before.id))?.pii.applicant?.idNumber;
    return {
      ...NO_LOOKUPS,
      idNumberMatches: (id, typed) => (id === before.id ? stored !== undefined && stored.toUpperCase() === typed.toUpperCase() : notPrefetched(`the ID number of ${id}`)),
    };
  }
  return NO_LOOKUPS;
}

/**
 * The item after an effect, parsed with its schema, so a bug in an effect cannot write an item
 * the feed cannot parse. Claims, releases and notes leave `data` — the bulk of an item — as the
 * very object the store read and parsed (frozen, store/sqlite/items.ts), so then only the rest is
 * parsed again.
 */
function checkedAfter(before: WorkItem, after: WorkItem): WorkItem {
  // through the fast path (shared/contract/fast-path.ts): an effect's item is canonical, so no copy
  if (after.kind !== before.kind || after.data !== before.data) return parseWithFastPath(WorkItemSchema, after);
  const { data, ...rest } = after;
  return { ...parseWithFastPath(WITHOUT_DATA[after.kind], rest), data } as WorkItem;
}

class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

async function applyOne(ctx: ApplyContext, db: Repos, cmd: Command, now: Date): Promise<CommandResult> {
  const { officer } = ctx;
  // no PII: no command reads or changes it (a hand-over's check reads the stored number only)
  const before = await db.items.getWork(cmd.itemId);
  if (!before) throw new Rejection('not_found', `没有事项 ${cmd.itemId}`);
  // the one command core (shared/rules/commands.ts); the store adds what its lookups read
  const lookups = await prefetchLookups(db, before, cmd);
  const outcome = applyCommand(before, cmd, { officer, now, leaseScale: ctx.leaseScale, lookups });
  if (!outcome.ok) throw new Rejection(outcome.code, outcome.message);
  const after = checkedAfter(before, outcome.item);

  // Writes only from here on: no Rejection below this line (see runCommand).
  // The determination document and what the citizen must be told are written with the command,
  // in its savepoint (determination.ts explains why the PDF is made here, not after COMMIT).
  const issued = await issueDocuments(db, officer, before, after);
  await db.items.update(after, before.unitCode, issued.attachments);
  await recordOutbound(db, before, after, now);
  await moveGroup(db, officer.badge, before, after, now);
  await issued.notify(now);
  await db.audit.append({
    at: now.toISOString(),
    actor: officer.badge,
    action: actionOf(cmd),
    itemId: after.id,
    detail: { commandId: cmd.id, version: after.version, status: after.status, body: auditedBody(cmd) },
  });
  if (!isVisible(officer, after)) return { id: cmd.id, status: 'applied', item: null };
  // the item was stringified for the store (its `json` column): the stored result and the answer
  // reuse that text instead of stringifying the item twice more (server/serialized.ts)
  const result: CommandResult = { id: cmd.id, status: 'applied', item: after };
  rememberJson(result, `{"id":${JSON.stringify(cmd.id)},"status":"applied","item":${stringifyOnce(after)}}`);
  return result;
}

/**
 * Runs one command inside the caller's transaction when there is one (the command queue's batch;
 * it is then a SAVEPOINT), else in its own. Whatever throws rolls the whole command back.
 * Invariant (when you change applyOne, keep it): every Rejection is raised before the first
 * write, so a rejected command has written nothing by the time its rejection is recorded here,
 * and one savepoint per command is enough (each savepoint copies the pages it touches aside).
 */
export function runCommand(ctx: ApplyContext, cmd: Command): Promise<CommandResult> {
  const now = ctx.now?.() ?? new Date();
  return ctx.db.transaction((tx) => runIn(tx, ctx, cmd, now));
}

async function runIn(tx: Repos, ctx: ApplyContext, cmd: Command, now: Date): Promise<CommandResult> {
  const { officer } = ctx;
  const previous = await tx.commands.get(cmd.id);
  if (previous) {
    if (previous.officer === officer.badge && previous.itemId === cmd.itemId) return previous.result;
    return { id: cmd.id, status: 'invalid', item: null, message: 'this command id was already used for another command' };
  }
  let result: CommandResult;
  try {
    result = await applyOne(ctx, tx, cmd, now);
  } catch (err) {
    if (!(err instanceof Rejection)) throw err;
    const current = await tx.items.getWork(cmd.itemId);
    result = { id: cmd.id, status: err.code, item: current && isVisible(officer, current) ? current : null, message: err.message };
    // every hand-over attempt is audited, the refused too (a wrong ID at the window is an event)
    if (cmd.type === 'hand_over' && current) {
      await tx.audit.append({
        at: now.toISOString(),
        actor: officer.badge,
        action: 'hand_over_refused',
        itemId: cmd.itemId,
        detail: { commandId: cmd.id, code: err.code, message: err.message, body: auditedBody(cmd) },
      });
    }
  }
  await tx.commands.save({ id: cmd.id, officer: officer.badge, itemId: cmd.itemId, result });
  return result;
}
