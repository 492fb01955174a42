import type { Session } from '../auth/session';
import type { Store } from '../store/store';
import { isVisible } from './visibility';

/**
 * One page of the changes feed for one officer, as the UTF-8 JSON of a ChangesResponse. Each item
 * appears once per page, at its current state; an item whose change took it out of the officer's
 * scope (routed away, withdrawn) comes as a removal. `next` is the cursor to ask with next time:
 * the last seq of a full page, or the newest seq overall when the page is not full, so changes
 * outside the scope never keep a long-polling console awake.
 *
 * Items are sent as the JSON stored with them on their last write (validated by WorkItemSchema
 * before it was written, store/sqlite/items.ts `itemJson`): parsing and re-serializing every item
 * was most of the cost of a page. Their attachment metadata likewise (`attachmentsJson`), so a
 * page makes one query.
 */
const ITEMS_OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

export function readChangesJson(store: Store, session: Session, after: number, limit: number): Buffer {
  return store.transaction(() => {
    const rows = store.changesAfter(after, limit + 1, session.scope);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const next = hasMore ? page[page.length - 1]!.seq : Math.max(after, store.latestSeq());
    // every row of one item carries its current state, so the first one stands for all of them
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
