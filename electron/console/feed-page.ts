import type { ChangesResponse } from '#shared/contract/api';
import type { ItemKind } from '#shared/domain/items';
import type { Cache } from '#db/cache';
import type { OutboxRow } from '#db/repos/outbox';
import { cacheLookups, ownerOfficer, viewWith } from './local-view';

/**
 * Writes one changes-feed page into the cache: items, removals, attachment metadata and the
 * cursor. Call inside ONE transaction (a crash never leaves a half page behind the cursor).
 *
 * Lean on purpose — a first sync writes 100k items this way: one rev for the whole page, the
 * cached versions read in one query, the owner's queued commands read once (and not at all when
 * the outbox is empty), tombstones and old attachment metadata dropped with one statement each.
 * Per item it does what `storeServerItem` does: an older state than the cached one is skipped,
 * and the optimistic view is recomputed over the owner's queued commands. A state equal to the
 * cached one is skipped too — the echo of a command result the console has already stored — so
 * it takes no new rev and wakes no open view.
 *
 * Returns the ids of stored items (their attachments are what prefetch looks at), of removed ones,
 * and the kinds touched.
 */
export function writeFeedPage(cache: Cache, page: ChangesResponse): { stored: string[]; removed: string[]; kinds: Set<ItemKind> } {
  const kinds = new Set<ItemKind>();
  const stored: string[] = [];
  const removed: string[] = [];
  if (page.items.length === 0 && page.removed.length === 0) {
    cache.meta.setCursor(page.next);
    return { stored, removed, kinds };
  }
  const rev = cache.meta.bumpRev();
  if (page.items.length > 0) {
    const ids = page.items.map((i) => i.id);
    const have = cache.items.serverVersions(ids);
    const previouslyCached = [...have.keys()];
    // only the cache owner's commands: another officer's unsent work waits for their next login
    const owner = cache.meta.owner();
    const officer = ownerOfficer(cache);
    const queued = new Map<string, OutboxRow[]>();
    if (owner !== null && cache.outbox.count(owner) > 0) {
      for (const r of cache.outbox.queued(owner)) {
        const list = queued.get(r.itemId);
        if (list) list.push(r);
        else queued.set(r.itemId, [r]);
      }
    }
    const skipped: { id: string; kind: ItemKind }[] = [];
    for (const item of page.items) {
      const v = have.get(item.id);
      // a late page after a command result: the cache already holds this state or a newer one
      if (v !== undefined && v >= item.version) {
        skipped.push({ id: item.id, kind: item.kind });
        continue;
      }
      const view = viewWith(item, queued.get(item.id) ?? [], officer, cacheLookups(cache));
      if (v === undefined) cache.items.insertNew(item, view, rev);
      else cache.items.put(item, view, rev);
      have.set(item.id, item.version);
      stored.push(item.id);
      kinds.add(item.kind);
    }
    cache.items.dropTombstones(ids);
    // every page item is cached now (stored, or newer already): its metadata is the page's; the
    // feed sends metadata only for its page's items, anything else has no item to hang on
    const inPage = new Set(ids);
    const pageMeta = page.attachments.filter((m) => inPage.has(m.itemId));
    // A skipped item can still bring new attachments: a command result carries no metadata, so a
    // determination's PDF (attached in the same change) first arrives with the feed's echo. Then
    // the item is announced and its files prefetched, though its state was already cached.
    const gained = skipped.filter(({ id }) => {
      const before = new Set(cache.attachments.forItem(id).map((m) => `${m.sha256}|${m.role}`));
      return pageMeta.some((m) => m.itemId === id && !before.has(`${m.sha256}|${m.role}`));
    });
    cache.attachments.replaceMetaForPage(previouslyCached, pageMeta);
    for (const { id, kind } of gained) {
      cache.items.touch(id);
      stored.push(id);
      kinds.add(kind);
    }
  }
  for (const id of page.removed) {
    const kind = cache.items.remove(id, rev);
    if (kind) {
      kinds.add(kind);
      removed.push(id);
    }
  }
  cache.meta.setCursor(page.next);
  return { stored, removed, kinds };
}
