import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { unhandledTip, WorkItemSchema, type WorkItem } from '#shared/domain/items';
import { openCache, type Cache } from '#db/cache';
import { tempDir } from '../console/support';

function tip(id: string, version = 1, status: 'new' | 'closed' = 'new'): WorkItem {
  return WorkItemSchema.parse({
    id,
    kind: 'tip',
    unitCode: '410100',
    status,
    version,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-11-26T08:00:00.000Z',
    dueAt: null,
    updatedAt: '2026-11-26T08:00:00.000Z',
    notes: [],
    data: {
      category: 'fraud',
      content: '有人冒充客服诈骗',
      location: null,
      reporter: { anonymous: false, nameMasked: '张*', phoneMasked: '138****5678' },
      urgency: { score: 60, level: 'high', reasons: [] },
      candidates: [],
      ...unhandledTip(),
    },
  });
}

function freshCache(): { cache: Cache; file: string } {
  const file = join(tempDir(), 'cache.sqlite');
  return { cache: openCache(file), file };
}

describe('items repository', () => {
  it('lists only rows changed since a rev and the ids removed since then', () => {
    const { cache } = freshCache();
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-1'), null);
      cache.items.put(tip('TIP-410100-2'), null);
    });
    const first = cache.items.list('tip', 0);
    expect(first.rows.map((r) => r.id)).toEqual(['TIP-410100-1', 'TIP-410100-2']);
    expect(first.rows[0]).toMatchObject({ label: 'fraud', person: '张*', urgency: 'high', pending: false, conflict: false });
    expect(cache.items.list('application', 0).rows).toEqual([]);

    cache.tx(() => {
      cache.items.put(tip('TIP-410100-2', 2), null);
      cache.items.remove('TIP-410100-1');
    });
    const next = cache.items.list('tip', first.rev);
    expect(next.rows.map((r) => [r.id, r.version])).toEqual([['TIP-410100-2', 2]]);
    expect(next.removed).toEqual(['TIP-410100-1']);
    expect(cache.items.list('tip', next.rev)).toEqual({ rows: [], removed: [], rev: next.rev });
    cache.close();
  });

  it('shows the optimistic view in lists while the server state is kept beside it', () => {
    const { cache } = freshCache();
    const server = tip('TIP-410100-1');
    cache.tx(() => cache.items.put(server, { ...server, status: 'closed' } as WorkItem));
    expect(cache.items.list('tip', 0).rows[0]?.status).toBe('closed');
    expect(cache.items.get('TIP-410100-1')?.server.status).toBe('new');
    cache.close();
  });

  it('answers "changed since rev" from the kind+rev index', () => {
    const { cache, file } = freshCache();
    cache.close();
    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT id FROM items WHERE kind = 'tip' AND rev > 5 ORDER BY rev")
      .all()
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain('items_by_kind_rev');
    db.close();
  });
});

describe('outbox repository', () => {
  const cmd = (id: string, itemId: string, expectedVersion: number) => ({
    id,
    badge: '100003',
    itemId,
    type: 'note' as const,
    body: { text: id },
    expectedVersion,
    createdAt: '2026-11-26T08:00:00.000Z',
  });
  const U = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

  it('keeps commands in the order they were made and holds an item chain without touching others', () => {
    const { cache } = freshCache();
    cache.tx(() => {
      cache.outbox.insert(cmd(U(1), 'TIP-410100-1', 1));
      cache.outbox.insert(cmd(U(2), 'TIP-410100-2', 1));
      cache.outbox.insert(cmd(U(3), 'TIP-410100-1', 2));
    });
    expect(cache.outbox.queued('100003').map((r) => r.id)).toEqual([U(1), U(2), U(3)]);
    cache.outbox.holdItem('TIP-410100-1', '100003', { code: 'conflict', message: 'x' });
    expect(cache.outbox.queued('100003').map((r) => r.id)).toEqual([U(2)]);
    expect(cache.outbox.list('100003').map((r) => r.state)).toEqual(['held', 'queued', 'held']);
    cache.close();
  });

  it('releases held commands behind the queue with their chain of expected versions recomputed', () => {
    const { cache } = freshCache();
    cache.tx(() => {
      cache.outbox.insert(cmd(U(1), 'TIP-410100-1', 1));
      cache.outbox.insert(cmd(U(2), 'TIP-410100-1', 2));
    });
    cache.outbox.holdItem('TIP-410100-1', '100003', { code: 'conflict', message: 'x' });
    cache.outbox.insert(cmd(U(3), 'TIP-410100-1', 7));
    cache.tx(() => cache.outbox.releaseHeld('TIP-410100-1', '100003', 7));
    expect(cache.outbox.queued('100003').map((r) => [r.id, r.expectedVersion])).toEqual([
      [U(3), 7],
      [U(1), 8],
      [U(2), 9],
    ]);
    cache.close();
  });
});

describe('attachments repository', () => {
  it('orders eviction candidates: files of finished items first, then least recently used', () => {
    const { cache } = freshCache();
    const meta = (itemId: string, sha: string) => ({
      sha256: sha,
      itemId,
      role: 'evidence' as const,
      partyIdx: null,
      contentType: 'image/jpeg' as const,
      size: 10,
      takenAt: null,
      gps: null,
    });
    const [a, b, c] = ['a', 'b', 'c'].map((ch) => ch.repeat(64)) as [string, string, string];
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-1'), null);
      cache.items.put(tip('TIP-410100-2', 1, 'closed'), null);
      cache.attachments.replaceMetaFor(['TIP-410100-1', 'TIP-410100-2'], [meta('TIP-410100-1', a), meta('TIP-410100-1', b), meta('TIP-410100-2', c)]);
      cache.attachments.recordFile(a, 10, 'image/jpeg', 3);
      cache.attachments.recordFile(b, 10, 'image/jpeg', 1);
      cache.attachments.recordFile(c, 10, 'image/jpeg', 9);
    });
    expect(cache.attachments.evictionCandidates().map((f) => [f.sha256[0], f.finished])).toEqual([
      ['c', true],
      ['b', false],
      ['a', false],
    ]);
    // metadata goes with its item (foreign key cascade)
    cache.tx(() => cache.items.remove('TIP-410100-1'));
    expect(cache.attachments.forItem('TIP-410100-1')).toEqual([]);
    expect(cache.attachments.evictionCandidates().every((f) => f.finished)).toBe(true);
    cache.close();
  });
});
