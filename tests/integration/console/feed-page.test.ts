import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { WorkItem } from '#shared/domain/items';
import { openCache } from '#db/cache';
import { writeFeedPage } from '#console/feed-page';
import { fixtureItems, ME } from './query-fixtures';
import { tempDir } from './support';

const meta = (itemId: string, ch: string, role = 'scene'): AttachmentMeta => ({
  sha256: ch.repeat(64),
  itemId,
  role,
  partyIdx: null,
  contentType: 'image/jpeg',
  size: 10,
  takenAt: null,
  gps: null,
});
const page = (items: WorkItem[], extra: { removed?: string[]; attachments?: AttachmentMeta[]; next?: number } = {}) => ({
  items,
  removed: extra.removed ?? [],
  attachments: extra.attachments ?? [],
  next: extra.next ?? 1,
  hasMore: false,
});

const createdAtOf = (): string => new Date().toISOString();

describe('writing a changes-feed page into the cache', () => {
  it('stores a page under one rev with its attachment metadata, skips states older than the cached one, and drops removed items', () => {
    const cache = openCache(join(tempDir(), 'cache.sqlite'));
    cache.meta.setOwner(ME);
    const [a, b, c] = fixtureItems() as [WorkItem, WorkItem, WorkItem];
    const first = cache.tx(() => writeFeedPage(cache, page([a, b, c], { attachments: [meta(a.id, 'a'), meta(a.id, 'b', 'plate'), meta(b.id, 'c')], next: 10 })));
    expect(first.stored).toEqual([a.id, b.id, c.id]);
    expect([...first.kinds]).toEqual(['application']);
    const revs = new Set([a, b, c].map((i) => cache.items.get(i.id)!.rev));
    expect(revs.size).toBe(1);
    expect(cache.meta.rev()).toBe([...revs][0]);
    expect(cache.meta.cursor()).toBe(10);
    // in the feed's order, whole metadata back
    expect(cache.attachments.forItem(a.id)).toEqual([meta(a.id, 'a'), meta(a.id, 'b', 'plate')]);

    // the cache already holds a newer b (a command result came first): the page's older b is skipped
    cache.tx(() => cache.items.put({ ...b, version: b.version + 5 } as WorkItem, null));
    const second = cache.tx(() =>
      writeFeedPage(cache, page([{ ...a, version: a.version + 1 } as WorkItem, b], { removed: [c.id], attachments: [meta(a.id, 'd')], next: 11 })),
    );
    expect(second.stored).toEqual([a.id]);
    expect(cache.items.get(b.id)!.server.version).toBe(b.version + 5);
    expect(cache.items.get(a.id)!.server.version).toBe(a.version + 1);
    // a's metadata is the page's now, b's went with the page (it was in it), c is gone with a tombstone
    expect(cache.attachments.forItem(a.id).map((m) => m.sha256[0])).toEqual(['d']);
    expect(cache.attachments.forItem(b.id)).toEqual([]);
    expect(cache.items.get(c.id)).toBeUndefined();
    expect(cache.items.isRemoved(c.id)).toBe(true);
    expect(cache.items.list('application', 0).removed).toEqual([]);

    // c comes back: its tombstone goes
    cache.tx(() => writeFeedPage(cache, page([c], { next: 12 })));
    expect(cache.items.isRemoved(c.id)).toBe(false);

    // an empty page moves the cursor and nothing else
    const rev = cache.meta.rev();
    cache.tx(() => writeFeedPage(cache, page([], { next: 13 })));
    expect([cache.meta.rev(), cache.meta.cursor()]).toEqual([rev, 13]);
    cache.close();
  });

  it('shows the owner’s queued commands over a new server state, and not another officer’s', () => {
    const cache = openCache(join(tempDir(), 'cache.sqlite'));
    cache.meta.setOwner(ME);
    // the view runs the command core, which needs the owner's role and unit (kept with their session)
    cache.sessions.saveOnlineLogin({
      officer: { badge: ME, name: '测试民警', role: 'clerk', unitCode: '410100' },
      token: null,
      tokenExpiresAt: null,
      verifier: null,
      lastOnlineLoginAt: createdAtOf(),
    });
    const item = fixtureItems().find((i) => i.kind === 'application' && i.status === 'submitted' && i.claimedBy === null)!;
    const other = fixtureItems().find((i) => i.kind === 'application' && i.status === 'submitted' && i.claimedBy === null && i.id !== item.id)!;
    cache.tx(() => writeFeedPage(cache, page([item, other])));
    const createdAt = new Date().toISOString();
    cache.outbox.insert({ id: '00000000-0000-4000-8000-000000000001', badge: ME, itemId: item.id, type: 'claim', body: {}, expectedVersion: item.version, createdAt });
    cache.outbox.insert({ id: '00000000-0000-4000-8000-000000000002', badge: '100004', itemId: other.id, type: 'claim', body: {}, expectedVersion: other.version, createdAt });
    const note = { at: createdAt, by: '100009', text: '另一位民警的备注' };
    cache.tx(() =>
      writeFeedPage(cache, page([{ ...item, version: item.version + 1, notes: [note] } as WorkItem, { ...other, version: other.version + 1 } as WorkItem])),
    );
    const mine = cache.items.get(item.id)!;
    expect(mine.server.claimedBy).toBeNull();
    expect(mine.local?.claimedBy).toBe(ME);
    expect(mine.local?.notes).toEqual([note]);
    expect(cache.items.get(other.id)!.local).toBeNull();
    cache.close();
  });

  it('announces an item whose cached state it skips when the page brings it a new attachment (a determination PDF after the command result)', () => {
    const cache = openCache(join(tempDir(), 'cache.sqlite'));
    cache.meta.setOwner(ME);
    const [a] = fixtureItems() as [WorkItem];
    cache.tx(() => writeFeedPage(cache, page([a], { attachments: [meta(a.id, 'a')] })));
    // the echo of the same version with the same metadata: nothing to announce
    const echo = cache.tx(() => writeFeedPage(cache, page([a], { attachments: [meta(a.id, 'a')], next: 2 })));
    expect(echo.stored).toEqual([]);
    const before = cache.items.get(a.id)!.rev;
    const gained = cache.tx(() => writeFeedPage(cache, page([a], { attachments: [meta(a.id, 'a'), meta(a.id, 'e', 'evidence')], next: 3 })));
    expect(gained.stored).toEqual([a.id]);
    expect(cache.items.get(a.id)!.rev).toBeGreaterThan(before);
    expect(cache.attachments.forItem(a.id).map((m) => m.sha256[0])).toEqual(['a', 'e']);
    cache.close();
  });
});
