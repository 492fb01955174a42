import type { ChangesResponse } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import type { Session } from '../auth/session';
import type { Store } from '../store/store';
import { isVisible } from './visibility';

/**
 * One page of the changes feed for one officer. Each item appears once per page, at its current
 * state; an item whose change took it out of the officer's scope (routed away, withdrawn) comes as
 * a removal. `next` is the cursor to ask with next time: the last seq of a full page, or the
 * newest seq overall when the page is not full, so changes outside the scope never keep a
 * long-polling console awake.
 */
export function readChanges(store: Store, session: Session, after: number, limit: number): ChangesResponse {
  return store.transaction(() => {
    const rows = store.changesAfter(after, limit + 1, session.scope);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const next = hasMore ? page[page.length - 1]!.seq : Math.max(after, store.latestSeq());
    const latest = new Map<string, WorkItem>();
    for (const row of page) latest.set(row.item.id, row.item);
    const items: WorkItem[] = [];
    const removed: string[] = [];
    for (const item of latest.values()) {
      if (isVisible(session.officer, item)) items.push(item);
      else removed.push(item.id);
    }
    return { items, removed, attachments: store.attachmentsOf(items.map((i) => i.id)), next, hasMore };
  });
}
