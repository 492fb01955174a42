import Database from 'better-sqlite3';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationIntakeSchema, ChangesResponseSchema, TipIntakeSchema, type ChangesResponse } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { createSqliteStore, DB_FILE } from '../../../server/store/sqlite/index';
import { createApplication, createTip } from '../../../server/domain/intake';
import { readChangesJson } from '../../../server/domain/feed';
import { isVisible } from '../../../server/domain/visibility';
import { scopeOf, type Session } from '../../../server/auth/session';
import type { ChangeRow, Store } from '../../../server/store/store';
import { applicationBody, tipBody } from './fixtures';

/**
 * The compacted change log at store level, on real SQLite files: which rows a write leaves, and a
 * model of consoles syncing through histories of writes and moves (the page code of the route,
 * domain/feed.ts, over the store): whatever happened in between, a console that applies the pages
 * after its cursor holds exactly what its officer may see, each item sent once per sync.
 */
const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-feed-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const officer = (badge: string, role: Officer['role'], unitCode: string): Officer => ({ badge, name: badge, role, unitCode });
const sessionOf = (o: Officer): Session => ({ officer: o, tokenHash: '', scope: scopeOf(o) });
const NOW = new Date('2026-11-20T08:00:00.000Z');

function newTip(store: Store, unit: string): WorkItem {
  const { id } = store.transaction(() => createTip(store, TipIntakeSchema.parse(tipBody(unit)), NOW));
  return store.getWorkItem(id)!;
}
function newApplication(store: Store, unit: string): WorkItem {
  const { id } = store.transaction(() => createApplication(store, ApplicationIntakeSchema.parse(applicationBody(unit)), NOW));
  return store.getWorkItem(id)!;
}

/** The item's next state (version +1), moved to `unitCode` or withdrawn when asked; returns the seq. */
function write(store: Store, id: string, change: { unitCode?: string; withdraw?: boolean } = {}): number {
  const before = store.getWorkItem(id)!;
  let after = { ...before, version: before.version + 1, updatedAt: new Date(NOW.getTime() + before.version * 1000).toISOString() } as WorkItem;
  if (change.unitCode && after.kind === 'tip') after = { ...after, unitCode: change.unitCode, status: 'routed', data: { ...after.data, routedTo: change.unitCode } };
  if (change.withdraw) after = { ...after, status: 'withdrawn' } as WorkItem;
  return store.transaction(() => store.updateItem(after, before.unitCode));
}

function rowsOf(dir: string, itemId: string): { unit: string; seq: number }[] {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true });
  try {
    return db.prepare('SELECT unit_code AS unit, seq FROM changes WHERE item_id = ? ORDER BY unit_code').all(itemId) as { unit: string; seq: number }[];
  } finally {
    db.close();
  }
}

interface Console {
  cursor: number;
  items: Map<string, number>;
}

/** One sync: pages after the cursor until one says there is no more, applied as the console does. */
function sync(store: Store, o: Officer, c: Console, limit: number): { sent: string[]; removed: string[]; pages: ChangesResponse[] } {
  const sent: string[] = [];
  const removed: string[] = [];
  const pages: ChangesResponse[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const page = ChangesResponseSchema.parse(JSON.parse(readChangesJson(store, sessionOf(o), c.cursor, limit).toString('utf8')));
    pages.push(page);
    expect(page.next).toBeGreaterThanOrEqual(c.cursor);
    for (const item of page.items) {
      sent.push(item.id);
      c.items.set(item.id, item.version);
    }
    for (const id of page.removed) {
      removed.push(id);
      c.items.delete(id);
    }
    c.cursor = page.next;
    if (!page.hasMore) return { sent, removed, pages };
  }
  throw new Error('the feed never ended');
}

const counts = (ids: string[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

describe('the compacted change log', () => {
  it('keeps per item one presence row at its unit and one departure row per unit it left, with the seq of the change that made it', () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    try {
      const tip = newTip(store, '410105');
      const intakeSeq = store.latestSeq();
      expect(rowsOf(dir, tip.id)).toEqual([{ unit: '410105', seq: intakeSeq }]);
      const noted = write(store, tip.id);
      expect(noted).toBe(intakeSeq + 1);
      // a write re-sequences the presence row: the history does not pile up
      expect(rowsOf(dir, tip.id)).toEqual([{ unit: '410105', seq: noted }]);
      const toB = write(store, tip.id, { unitCode: '410102' });
      expect(rowsOf(dir, tip.id)).toEqual([
        { unit: '410102', seq: toB },
        { unit: '410105', seq: toB },
      ]);
      const toC = write(store, tip.id, { unitCode: '410300' });
      const later = write(store, tip.id);
      expect(rowsOf(dir, tip.id)).toEqual([
        { unit: '410102', seq: toC },
        { unit: '410105', seq: toB },
        { unit: '410300', seq: later },
      ]);
      // back in A: its departure row is its presence again
      const backToA = write(store, tip.id, { unitCode: '410105' });
      expect(rowsOf(dir, tip.id)).toEqual([
        { unit: '410102', seq: toC },
        { unit: '410105', seq: backToA },
        { unit: '410300', seq: backToA },
      ]);
      expect(store.latestSeq()).toBe(backToA);
    } finally {
      store.close();
    }
  });

  it('keeps the latest seq across a restart and goes on from it', () => {
    const dir = tempDir();
    let store = createSqliteStore(dir);
    expect(store.latestSeq()).toBe(0);
    const tips = [newTip(store, '410105'), newTip(store, '410102')];
    write(store, tips[0]!.id, { unitCode: '410102' });
    const last = write(store, tips[1]!.id);
    // the newest change is on tips[1]; tips[0] holds older seqs only
    write(store, tips[1]!.id);
    const latest = store.latestSeq();
    expect(latest).toBe(last + 1);
    store.close();
    store = createSqliteStore(dir);
    try {
      expect(store.latestSeq()).toBe(latest);
      expect(write(store, tips[0]!.id)).toBe(latest + 1);
    } finally {
      store.close();
    }
  });

  it('brings a console synced in small pages to exactly what its officer may see, whatever writes and moves happened in between', () => {
    const UNITS = ['41010501', '410105', '410102', '410103', '410300', '410305'] as const;
    const OFFICERS = [
      officer('100011', 'intel', '41010501'), // a station under A
      officer('100012', 'intel', '410105'), // district A
      officer('100013', 'intel', '410102'), // district B
      officer('100014', 'intel', '410100'), // the city above A and B
      officer('100015', 'intel', '410300'), // another city
      officer('100016', 'supervisor', '410100'),
      officer('100017', 'clerk', '410105'),
    ];
    const step = fc.oneof(
      { arbitrary: fc.record({ op: fc.constant('write' as const), item: fc.nat(7) }), weight: 4 },
      { arbitrary: fc.record({ op: fc.constant('move' as const), item: fc.nat(7), unit: fc.constantFrom(...UNITS) }), weight: 4 },
      { arbitrary: fc.record({ op: fc.constant('withdraw' as const), item: fc.nat(7) }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('sync' as const), who: fc.nat(OFFICERS.length - 1), limit: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...UNITS), { minLength: 8, maxLength: 8 }), fc.array(step, { minLength: 5, maxLength: 60 }), (startUnits, steps) => {
        const dir = tempDir();
        const store = createSqliteStore(dir);
        try {
          // items 0-5 tips (they move), 6-7 applications (they can be withdrawn)
          const lastSeq = new Map<string, number>();
          const ids = startUnits.map((u, i) => {
            const { id } = i < 6 ? newTip(store, u) : newApplication(store, u.slice(0, 6));
            lastSeq.set(id, store.latestSeq());
            return id;
          });
          const consoles = OFFICERS.map((): Console => ({ cursor: 0, items: new Map() }));
          const visibleNow = (o: Officer) =>
            new Map(ids.map((id) => store.getWorkItem(id)!).filter((item) => isVisible(o, item)).map((item) => [item.id, item.version]));
          const check = (who: number, limit: number) => {
            const o = OFFICERS[who]!;
            const c = consoles[who]!;
            const held = new Map(c.items);
            const from = c.cursor;
            const { sent, removed } = sync(store, o, c, limit);
            const visible = visibleNow(o);
            // each item at most once per sync, as an item or as a removal, never both
            expect([...counts(sent).values()].every((n) => n === 1), `${o.badge} got an item twice`).toBe(true);
            expect([...counts(removed).values()].every((n) => n === 1), `${o.badge} got a removal twice`).toBe(true);
            expect(sent.filter((id) => removed.includes(id))).toEqual([]);
            // exactly the visible items changed after the cursor, at their current state
            expect(new Set(sent)).toEqual(new Set([...visible.keys()].filter((id) => lastSeq.get(id)! > from)));
            // removals only for items out of sight (a console may be told of one it never had)
            for (const id of removed) expect(visible.has(id), id).toBe(false);
            expect(c.items, `${o.badge} after a sync from ${from} holding ${JSON.stringify([...held])}`).toEqual(visible);
          };
          for (const s of steps) {
            if (s.op === 'sync') {
              check(s.who, s.limit);
              continue;
            }
            const id = ids[s.item]!;
            const item = store.getWorkItem(id)!;
            if (item.status === 'withdrawn') continue;
            if (s.op === 'withdraw' && item.kind !== 'application') continue;
            if (s.op === 'move' && item.kind !== 'tip') continue;
            lastSeq.set(id, write(store, id, s.op === 'move' ? { unitCode: s.unit } : s.op === 'withdraw' ? { withdraw: true } : {}));
          }
          // every console, however long offline, catches up; a first sync sends each item once
          for (let who = 0; who < OFFICERS.length; who++) check(who, 3);
          for (let who = 0; who < OFFICERS.length; who++) {
            const fresh: Console = { cursor: 0, items: new Map() };
            const { sent, removed } = sync(store, OFFICERS[who]!, fresh, 2);
            expect(sent.length).toBe(new Set(sent).size);
            expect(removed.length).toBe(new Set(removed).size);
            expect(fresh.items).toEqual(visibleNow(OFFICERS[who]!));
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('a feed page', () => {
  /** A store whose log has rows sharing a seq (a move's two rows, as the log may hold them). */
  function stubStore(rows: ChangeRow[]): Store {
    return {
      transaction: <T>(fn: () => T) => fn(),
      changesAfter: (after: number, limit: number) => rows.filter((r) => r.seq > after).slice(0, limit),
      latestSeq: () => Math.max(...rows.map((r) => r.seq)),
    } as unknown as Store;
  }
  const row = (seq: number, id: string, unitCode: string): ChangeRow => ({
    seq,
    id,
    kind: 'tip',
    unitCode,
    status: 'new',
    json: Buffer.from(JSON.stringify({ id })),
    attachments: Buffer.alloc(0),
  });

  it('never ends inside a seq, so the next page (after that seq) loses none of its rows', () => {
    const o = officer('100014', 'intel', '410100');
    const store = stubStore([row(1, 'T-1', '410105'), row(2, 'T-2', '410105'), row(3, 'T-3', '410105'), row(3, 'T-4', '410102'), row(4, 'T-5', '410105')]);
    const read = (after: number, limit: number) => JSON.parse(readChangesJson(store, sessionOf(o), after, limit).toString('utf8')) as { items: { id: string }[]; next: number; hasMore: boolean };
    const first = read(0, 3);
    expect(first.items.map((i) => i.id)).toEqual(['T-1', 'T-2', 'T-3', 'T-4']);
    expect(first).toMatchObject({ next: 3, hasMore: true });
    expect(read(first.next, 3)).toMatchObject({ items: [{ id: 'T-5' }], next: 4, hasMore: false });
    // a page of one row ending in a shared seq still takes the seq whole
    expect(read(2, 1)).toMatchObject({ items: [{ id: 'T-3' }, { id: 'T-4' }], next: 3, hasMore: true });
    expect(read(3, 1)).toMatchObject({ items: [{ id: 'T-5' }], next: 4, hasMore: false });
  });
});
