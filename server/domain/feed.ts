import type { Session } from '../auth/session';
import type { Store } from '../store/store';
import { isVisible } from './visibility';

/**
 * One page of the changes feed for one officer, as the UTF-8 JSON of a ChangesResponse. The change
 * log is compacted (store/sqlite/items.ts feedSql): an item comes once, at its current state, as
 * long as it does not change again, so a first sync reads each item in scope once and a later one
 * what changed since; an item that left the officer's scope (routed away, withdrawn) comes as a
 * removal. `next` is the cursor to ask with next time: the last seq of a full page, or the newest
 * seq overall when the page is not full, so changes outside the scope never keep a long-polling
 * console awake.
 *
 * Items are sent as the JSON stored with them on their last write (validated by WorkItemSchema
 * before it was written, store/sqlite/items.ts `itemJson`): parsing and re-serializing every item
 * was most of the cost of a page. Their attachment metadata likewise (`attachmentsJson`), so a
 * page makes one query.
 */
const ITEMS_OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');
/** The most change-log rows one seq names (store/sqlite/items.ts `recordChange`). */
const ROWS_PER_SEQ = 2;

/** Read in one snapshot (`store.read`): the page and `next` agree with each other. */
export function readChangesJson(store: Store, session: Session, after: number, limit: number): Promise<Buffer> {
  return store.read(async (tx) => {
    // A seq names at most ROWS_PER_SEQ rows (a move: arrived here, left there), and `next` is a
    // seq, so a page never ends inside one: the next page starts after it and would lose the
    // rest. The store passes one of them to any officer, so this only guards that invariant.
    const rows = await tx.items.changesAfter(after, limit + ROWS_PER_SEQ, session.scope);
    let end = Math.min(rows.length, limit);
    while (end < rows.length && rows[end]!.seq === rows[end - 1]!.seq) end++;
    const hasMore = rows.length > end;
    const page = hasMore ? rows.slice(0, end) : rows;
    const next = hasMore ? page[page.length - 1]!.seq : Math.max(after, await tx.items.latestSeq());
    // the store sends an item at most once per query; one entry per item all the same
    const seen = new Set<string>();
    const parts: Buffer[] = [ITEMS_OPEN];
    const attachments: Buffer[] = [];
    const removed: string[] = [];
    for (const row of page) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (isVisible(session.officer, row)) {
        if (parts.length > 1) parts.push(COMMA);
        parts.push(row.json);
        if (row.attachments.length > 0) {
          if (attachments.length > 0) attachments.push(COMMA);
          attachments.push(row.attachments);
        }
      } else removed.push(row.id);
    }
    parts.push(Buffer.from(`],"removed":${JSON.stringify(removed)},"attachments":[`), ...attachments, Buffer.from(`],"next":${next},"hasMore":${hasMore}}`));
    return Buffer.concat(parts);
  });
}
