import { TipSchema, type WorkItem } from '#shared/domain/items';
import { followPrimary, groupFieldsChanged } from '#shared/rules/tipRouting';
import type { Repos } from '../store/store';
import { appendNotification, tipOutcomeOf } from './outbound';

/**
 * A duplicate group is routed and closed as one: when a command moves a primary (routed, case
 * opened, closed, its deadline changed), every tip linked to it follows — it mirrors the primary
 * (shared/rules/tipRouting.ts `followPrimary`), gets a new version and a change row, so consoles
 * see it, and its reporter is told the same outcome as the primary's. A tip linked under a tip
 * that has followers of its own brings them along: they are re-pointed at the new primary.
 *
 * Runs in the command's transaction (apply.ts), after the primary was written; writes only.
 */
export async function moveGroup(db: Repos, actor: string, before: WorkItem, after: WorkItem, now: Date): Promise<void> {
  if (after.kind !== 'tip') return;
  const at = now.toISOString();
  // just linked itself: its own followers move under its primary (a follower has none after that,
  // so a later command on it — a reply, a note — looks nothing up)
  if (after.status === 'duplicate') {
    if (before.status === 'duplicate' || !after.data.duplicateOf) return;
    const primary = await db.items.getWork(after.data.duplicateOf);
    if (primary?.kind !== 'tip') return;
    for (const f of await db.items.tipFollowers(after.id)) if (f.kind === 'tip') await write(db, actor, f, followPrimary(f, primary), at, null);
    return;
  }
  if (!groupFieldsChanged(before, after)) return;
  const outcome = before.status !== after.status ? tipOutcomeOf(after.status) : null;
  for (const f of await db.items.tipFollowers(after.id)) {
    if (f.kind !== 'tip') continue;
    await write(db, actor, f, followPrimary(f, after), at, outcome);
    if (outcome) await appendNotification(db, f, 'tip_outcome', { outcome }, now);
  }
}

async function write(db: Repos, actor: string, before: WorkItem, mirrored: WorkItem, at: string, outcome: string | null): Promise<void> {
  const next = TipSchema.parse({ ...mirrored, version: before.version + 1, updatedAt: at });
  await db.items.update(next, before.unitCode);
  await db.audit.append({ at, actor, action: 'group_follow', itemId: next.id, detail: { primary: next.data.duplicateOf, version: next.version, outcome } });
}
