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
import type { ChangeRow, Repos, Store } from '../../../server/store/store';
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

async function newTip(store: Store, unit: string): Promise<WorkItem> {
  const { id } = await store.transaction((tx) => createTip(tx, TipIntakeSchema.parse(tipBody(unit)), NOW));
  return (await store.items.getWork(id))!;
}
async function newApplication(store: Store, unit: string): Promise<WorkItem> {
  const { id } = await store.transaction((tx) => createApplication(tx, ApplicationIntakeSchema.parse(applicationBody(unit)), NOW));
  return (await store.items.getWork(id))!;
}

/** The item's next state (version +1), moved to `unitCode` or withdrawn when asked; returns the seq. */
async function write(store: Store, id: string, change: { unitCode?: string; withdraw?: boolean } = {}): Promise<number> {
  const before = (await store.items.getWork(id))!;
  let after = { ...before, version: before.version + 1, updatedAt: new Date(NOW.getTime() + before.version * 1000).toISOString() } as WorkItem;
  if (change.unitCode && after.kind === 'tip') after = { ...after, unitCode: change.unitCode, status: 'routed', data: { ...after.data, routedTo: change.unitCode } };
  if (change.withdraw) after = { ...after, status: 'withdrawn' } as WorkItem;
  return store.transaction((tx) => tx.items.update(after, before.unitCode));
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
async function sync(store: Store, o: Officer, c: Console, limit: number): Promise<{ sent: string[]; removed: string[]; pages: ChangesResponse[] }> {
  const sent: string[] = [];
  const removed: string[] = [];
  const pages: ChangesResponse[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const page = ChangesResponseSchema.parse(JSON.parse((await readChangesJson(store, sessionOf(o), c.cursor, limit)).toString('utf8')));
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
  it('keeps per item one presence row at its unit and one departure row per unit it left, with the seq of the change that made it', async () => {
    const dir = tempDir();
    const store = createSqliteStore(dir);
    try {
      const tip = await newTip(store, '410105');
      const intakeSeq = await store.items.latestSeq();
      expect(rowsOf(dir, tip.id)).toEqual([{ unit: '410105', seq: intakeSeq }]);
      const noted = await write(store, tip.id);
      expect(noted).toBe(intakeSeq + 1);
      // a write re-sequences the presence row: the history does not pile up
      expect(rowsOf(dir, tip.id)).toEqual([{ unit: '410105', seq: noted }]);
      const toB = await write(store, tip.id, { unitCode: '410102' });
      expect(rowsOf(dir, tip.id)).toEqual([
        { unit: '410102', seq: toB },
        { unit: '410105', seq: toB },
      ]);
      const toC = await write(store, tip.id, { unitCode: '410300' });
      const later = await write(store, tip.id);
      expect(rowsOf(dir, tip.id)).toEqual([
        { unit: '410102', seq: toC },
        { unit: '410105', seq: toB },
        { unit: '410300', seq: later },
      ]);
      // back in A: its departure row is its presence again
      const backToA = await write(store, tip.id, { unitCode: '410105' });
      expect(rowsOf(dir, tip.id)).toEqual([
        { unit: '410102', seq: toC },
        { unit: '410105', seq: backToA },
        { unit: '410300', seq: backToA },
      ]);
      expect(await store.items.latestSeq()).toBe(backToA);
    } finally {
      await store.close();
    }
  });

  it('keeps the latest seq across a restart and goes on from it', async () => {
    const dir = tempDir();
    let store = createSqliteStore(dir);
    expect(await store.items.latestSeq()).toBe(0);
    const tips = [await newTip(store, '410105'), await newTip(store, '410102')];
    await write(store, tips[0]!.id, { unitCode: '410102' });
    const last = await write(store, tips[1]!.id);
    // the newest change is on tips[1]; tips[0] holds older seqs only
    await write(store, tips[1]!.id);
    const latest = await store.items.latestSeq();
    expect(latest).toBe(last + 1);
    await store.close();
    store = createSqliteStore(dir);
    try {
      expect(await store.items.latestSeq()).toBe(latest);
      expect(await write(store, tips[0]!.id)).toBe(latest + 1);
    } finally {
      await store.close();
    }
  });

  it('brings a console synced in small pages to exactly what its officer may see, whatever writes and moves happened in between', async () => {
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
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...UNITS), { minLength: 8, maxLength: 8 }), fc.array(step, { minLength: 5, maxLength: 60 }), async (startUnits, steps) => {
        const dir = tempDir();
        const store = createSqliteStore(dir);
        try {
          // items 0-5 tips (they move), 6-7 applications (they can be withdrawn)
          const lastSeq = new Map<string, number>();
          const ids: string[] = [];
          for (const [i, u] of startUnits.entries()) {
            const { id } = i < 6 ? await newTip(store, u) : await newApplication(store, u.slice(0, 6));
            lastSeq.set(id, await store.items.latestSeq());
            ids.push(id);
          }
          const consoles = OFFICERS.map((): Console => ({ cursor: 0, items: new Map() }));
          const visibleNow = async (o: Officer) => {
            const items: WorkItem[] = [];
            for (const id of ids) items.push((await store.items.getWork(id))!);
            return new Map(items.filter((item) => isVisible(o, item)).map((item) => [item.id, item.version]));
          };
          const check = async (who: number, limit: number) => {
            const o = OFFICERS[who]!;
            const c = consoles[who]!;
            const held = new Map(c.items);
            const from = c.cursor;
            const { sent, removed } = await sync(store, o, c, limit);
            const visible = await visibleNow(o);
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
              await check(s.who, s.limit);
              continue;
            }
            const id = ids[s.item]!;
            const item = (await store.items.getWork(id))!;
            if (item.status === 'withdrawn') continue;
            if (s.op === 'withdraw' && item.kind !== 'application') continue;
            if (s.op === 'move' && item.kind !== 'tip') continue;
            lastSeq.set(id, await write(store, id, s.op === 'move' ? { unitCode: s.unit } : s.op === 'withdraw' ? { withdraw: true } : {}));
          }
          // every console, however long offline, catches up; a first sync sends each item once
          for (let who = 0; who < OFFICERS.length; who++) await check(who, 3);
          for (let who = 0; who < OFFICERS.length; who++) {
            const fresh: Console = { cursor: 0, items: new Map() };
            const { sent, removed } = await sync(store, OFFICERS[who]!, fresh, 2);
            expect(sent.length).toBe(new Set(sent).size);
            expect(removed.length).toBe(new Set(removed).size);
            expect(fresh.items).toEqual(await visibleNow(OFFICERS[who]!));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('a feed page', () => {
  /** A store whose log has rows sharing a seq (a move's two rows, as the log may hold them). */
  function stubStore(rows: ChangeRow[]): Store {
    const items = {
      changesAfter: (after: number, limit: number) => Promise.resolve(rows.filter((r) => r.seq > after).slice(0, limit)),
      latestSeq: () => Promise.resolve(Math.max(...rows.map((r) => r.seq))),
    };
    const store = { items, read: <T>(fn: (tx: Repos) => Promise<T>) => fn(store as unknown as Repos) };
    return store as unknown as Store;
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

  it('never ends inside a seq, so the next page (after that seq) loses none of its rows', async () => {
    const o = officer('100014', 'intel', '410100');
    const store = stubStore([row(1, 'T-1', '410105'), row(2, 'T-2', '410105'), row(3, 'T-3', '410105'), row(3, 'T-4', '410102'), row(4, 'T-5', '410105')]);
    const read = async (after: number, limit: number) => JSON.parse((await readChangesJson(store, sessionOf(o), after, limit)).toString('utf8')) as { items: { id: string }[]; next: number; hasMore: boolean };
    const first = await read(0, 3);
    expect(first.items.map((i) => i.id)).toEqual(['T-1', 'T-2', 'T-3', 'T-4']);
    expect(first).toMatchObject({ next: 3, hasMore: true });
    expect(await read(first.next, 3)).toMatchObject({ items: [{ id: 'T-5' }], next: 4, hasMore: false });
    // a page of one row ending in a shared seq still takes the seq whole
    expect(await read(2, 1)).toMatchObject({ items: [{ id: 'T-3' }, { id: 'T-4' }], next: 3, hasMore: true });
    expect(await read(3, 1)).toMatchObject({ items: [{ id: 'T-5' }], next: 4, hasMore: false });
  });
});
