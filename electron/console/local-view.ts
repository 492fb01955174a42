import { COMMAND_BODIES } from '#shared/domain/commands';
import { WorkItemSchema, type WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { applyCommand, type CommandInput, type CommandLookups, type CommandOutcome } from '#shared/rules/commands';
import type { Cache } from '#db/cache';
import type { OutboxRow } from '#db/repos/outbox';

/**
 * The officer's optimistic view of an item: the exchange's state with the queued commands of the
 * outbox applied in order, through the same command core the exchange runs
 * (shared/rules/commands.ts), at the time each command was made. A command the core refuses on the
 * view (the exchange will refuse it too) leaves the view as it was; the exchange's answer then
 * turns it into a conflict. Held commands wait behind a conflict and are not shown.
 */
export function viewWith(base: WorkItem, queued: readonly OutboxRow[], officer: Officer | undefined, lookups?: CommandLookups): WorkItem | null {
  if (queued.length === 0 || !officer) return null;
  let view: WorkItem = base;
  for (const r of queued) {
    const body = COMMAND_BODIES[r.type].safeParse(r.body);
    if (!body.success) continue;
    const out = applyLocal(view, { type: r.type, body: body.data } as CommandInput, officer, new Date(r.createdAt), lookups);
    if (out.ok) view = out.item;
  }
  return view;
}

/**
 * One command on the officer's view, as the console checks it before queueing and applies it
 * after: the command core with the cache as its lookups (the cache holds exactly what the officer
 * may see, which is what the exchange checks `link_duplicate` against), and a result that is a
 * valid item (the exchange validates what it writes; the cache stores nothing its readers cannot parse).
 */
export function applyLocal(view: WorkItem, cmd: CommandInput, officer: Officer, now: Date, lookups?: CommandLookups): CommandOutcome {
  const out = applyCommand(view, cmd, { officer, now, lookups });
  if (!out.ok) return out;
  const valid = WorkItemSchema.safeParse(out.item);
  return valid.success ? { ok: true, item: valid.data } : { ok: false, code: 'invalid', message: '操作后的事项数据无效' };
}

/** The cache as the command core's lookups. */
export function cacheLookups(cache: Cache): CommandLookups {
  return { item: (id) => cache.items.effective(id), attachments: (id) => cache.attachments.forItem(id) };
}

/** The cache owner as an officer (role and unit: the core needs them), from their stored session. */
export function ownerOfficer(cache: Cache): Officer | undefined {
  const owner = cache.meta.owner();
  return owner === null ? undefined : cache.sessions.get(owner)?.officer;
}

/**
 * Recomputes an item's optimistic view over the owner's queued commands. Call inside the
 * transaction that changed the server state or the outbox. Returns the rev written.
 */
export function rebaseItem(cache: Cache, itemId: string, server?: WorkItem): number | undefined {
  const base = server ?? cache.items.get(itemId)?.server;
  if (!base) return undefined;
  // only the cache owner's commands: another officer's unsent work waits for their next login
  const owner = cache.meta.owner();
  const queued = cache.outbox.forItem(itemId).filter((r) => r.state === 'queued' && r.badge === owner);
  return cache.items.put(base, viewWith(base, queued, ownerOfficer(cache), cacheLookups(cache)));
}

/**
 * Stores a server state (and recomputes the view: the caller changed the outbox) unless the cache
 * already holds a newer one (a late page after a command result).
 */
export function storeServerItem(cache: Cache, item: WorkItem): void {
  const have = cache.items.serverVersion(item.id);
  if (have !== undefined && have > item.version) {
    rebaseItem(cache, item.id);
    return;
  }
  rebaseItem(cache, item.id, item);
}
