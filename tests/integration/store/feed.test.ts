import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationIntakeSchema, ChangesResponseSchema, TipIntakeSchema } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { createApplication, createTip } from '../../../server/domain/intake';
import { readChangesJson } from '../../../server/domain/feed';
import { isVisible } from '../../../server/domain/visibility';
import { scopeOf, type Session } from '../../../server/auth/session';
import type { Repos, Store } from '../../../server/store/store';
import { applicationBody, tipBody } from '../../helpers/intake-bodies';
import { STORE_KINDS, type StorePlace } from './stores';

/**
 * Store conformance: the change log, items, attachments, blobs and transactions behave the same
 * on SQLite and on PostgreSQL. The feed is checked against a model (what each officer may see)
 * through the route's own page code (domain/feed.ts), and both stores must give the same pages.
 */
const NOW = new Date('2026-11-20T08:00:00.000Z');
const officer = (badge: string, role: Officer['role'], unitCode: string): Officer => ({ badge, name: badge, role, unitCode });
const sessionOf = (o: Officer): Session => ({ officer: o, tokenHash: '', scope: scopeOf(o) });

async function newTip(db: Repos, unit: string): Promise<WorkItem> {
  const { id } = await db.transaction((tx) => createTip(tx, TipIntakeSchema.parse(tipBody(unit)), NOW));
  return (await db.items.getWork(id))!;
}
async function newApplication(db: Repos, unit: string, materials?: { code: string; sha256: string | null }[]): Promise<WorkItem> {
  const body = ApplicationIntakeSchema.parse(applicationBody(unit, materials ? { materials } : {}));
  const { id } = await db.transaction((tx) => createApplication(tx, body, NOW));
  return (await db.items.getWork(id))!;
}

/** The item's next state (version +1), a tip moved to `unitCode`, an application withdrawn when asked; returns the seq. */
async function write(db: Repos, id: string, change: { unitCode?: string; withdraw?: boolean } = {}): Promise<number> {
  const before = (await db.items.getWork(id))!;
  let after = { ...before, version: before.version + 1, updatedAt: new Date(NOW.getTime() + before.version * 1000).toISOString() } as WorkItem;
  if (change.unitCode && after.kind === 'tip') after = { ...after, unitCode: change.unitCode, status: 'routed', data: { ...after.data, routedTo: change.unitCode } };
  if (change.withdraw && after.kind === 'application') after = { ...after, status: 'withdrawn' } as WorkItem;
  return db.transaction((tx) => tx.items.update(after, before.unitCode));
}

/** What a console holds after paging through the feed from `after` with pages of `limit`, applied to `held`. */
async function sync(store: Store, session: Session, held: Map<string, WorkItem>, after: number, limit: number): Promise<number> {
  let cursor = after;
  for (;;) {
    const page = ChangesResponseSchema.parse(JSON.parse((await readChangesJson(store, session, cursor, limit)).toString('utf8')));
    for (const item of page.items) held.set(item.id, item);
    for (const id of page.removed) held.delete(id);
    cursor = page.next;
    if (!page.hasMore) return cursor;
  }
}

async function pages(store: Store, session: Session, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor = 0;
  for (;;) {
    const text = (await readChangesJson(store, session, cursor, limit)).toString('utf8');
    out.push(text);
    const page = ChangesResponseSchema.parse(JSON.parse(text));
    cursor = page.next;
    if (!page.hasMore) return out;
  }
}

const UNITS = ['410100', '410102', '410105', '410300'] as const;
const OFFICERS = [officer('t1', 'intel', '410100'), officer('t2', 'intel', '410105'), officer('t3', 'intel', '410300'), officer('c1', 'clerk', '410102')];

describe.each(STORE_KINDS)('store conformance, items and feed: $name', (kind) => {
  let place: StorePlace;
  let store: Store;
  beforeAll(async () => {
    place = await kind.open('feed');
    store = place.store;
  });
  afterAll(() => place.dispose());

  it('numbers items per kind and city, and never hands a seq out twice', async () => {
    const a = await newApplication(store, '410102');
    const b = await newApplication(store, '410105');
    const c = await newApplication(store, '410300');
    expect(Number(b.id.split('-')[2])).toBe(Number(a.id.split('-')[2]) + 1);
    expect(c.id).toMatch(/^APP-410300-/);
    const seqs = [await write(store, a.id), await write(store, b.id), await write(store, c.id)];
    expect(seqs[1]).toBeGreaterThan(seqs[0]!);
    expect(seqs[2]).toBeGreaterThan(seqs[1]!);
    expect(await store.items.latestSeq()).toBe(seqs[2]);
  });

  it('keeps the item, its PII and its exact JSON, and reads unknown ids as undefined', async () => {
    const app = await newApplication(store, '410100');
    const stored = (await store.items.get(app.id))!;
    expect(stored.item).toEqual(app);
    expect(stored.pii.applicant?.name).toBe('张三');
    expect(await store.items.get('APP-410100-999999')).toBeUndefined();
    expect(await store.items.getWork('nope')).toBeUndefined();
    const rows = await store.items.changesAfter((await store.items.latestSeq()) - 1, 10, { kinds: ['application'], unitPrefix: '410100' });
    expect(rows.map((r) => r.id)).toEqual([app.id]);
    expect(JSON.parse(rows[0]!.json.toString('utf8'))).toEqual(app);
  });

  it('moves and withdrawals reach each officer as removals, and a console that pages through holds exactly what it may see', async () => {
    const tips: WorkItem[] = [];
    for (const unit of ['410100', '410105', '410300']) tips.push(await newTip(store, unit));
    tips.push(await newApplication(store, '410102'));
    await write(store, tips[0]!.id, { unitCode: '410105' });
    await write(store, tips[3]!.id, { withdraw: true });
    for (const o of OFFICERS) {
      const held = new Map<string, WorkItem>();
      await sync(store, sessionOf(o), held, 0, 2);
      for (const t of tips) {
        const now = (await store.items.getWork(t.id))!;
        expect(held.has(t.id), `${o.badge} ${t.id}`).toBe(isVisible(o, now));
        if (held.has(t.id)) expect(held.get(t.id)).toEqual(now);
      }
    }
  });

  it('property: through any history of writes and moves, paging from any cursor leaves each console with exactly what it may see', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ op: fc.constantFrom('new', 'write', 'move', 'withdraw'), unit: fc.constantFrom(...UNITS), pick: fc.nat(), sync: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        async (steps, limit) => {
          const mine: string[] = [];
          const consoles = OFFICERS.map((o) => ({ session: sessionOf(o), held: new Map<string, WorkItem>(), cursor: 0 }));
          // start where the store is now: earlier tests' items are in the feed too
          for (const c of consoles) c.cursor = await sync(store, c.session, c.held, 0, 500);
          for (const step of steps) {
            const target = mine.length > 0 ? mine[step.pick % mine.length]! : null;
            if (step.op === 'new' || target === null) mine.push(step.pick % 2 === 0 ? (await newTip(store, step.unit)).id : (await newApplication(store, step.unit)).id);
            else if (step.op === 'write') await write(store, target);
            else if (step.op === 'move') await write(store, target, { unitCode: step.unit });
            else await write(store, target, { withdraw: true });
            if (step.sync) for (const c of consoles) c.cursor = await sync(store, c.session, c.held, c.cursor, limit);
          }
          for (const c of consoles) {
            c.cursor = await sync(store, c.session, c.held, c.cursor, limit);
            for (const id of mine) {
              const now = (await store.items.getWork(id))!;
              expect(c.held.get(id) ?? null).toEqual(isVisible(c.session.officer, now) ? now : null);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('stores attachments with their blobs and finds the items that list a file', async () => {
    const bytes = crypto.randomBytes(3000);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    await store.blobs.put({ sha256: sha, contentType: 'application/pdf', size: bytes.length, takenAt: null, gps: null }, bytes);
    // a second put of the same file keeps the first
    await store.blobs.put({ sha256: sha, contentType: 'application/pdf', size: bytes.length, takenAt: null, gps: null }, bytes);
    expect(await store.blobs.meta(sha)).toEqual({ sha256: sha, contentType: 'application/pdf', size: 3000, takenAt: null, gps: null });
    expect((await store.blobs.read(sha))!.equals(bytes)).toBe(true);
    expect(await store.blobs.read('0'.repeat(64))).toBeUndefined();
    const app = await newApplication(store, '410102', [{ code: 'id_card', sha256: sha }]);
    expect(await store.items.withBlob(sha)).toEqual([{ id: app.id, kind: 'application', unitCode: '410102', status: app.status }]);
    const metas = await store.items.attachmentsOf([app.id]);
    expect(metas).toHaveLength(1);
    expect(metas[0]).toMatchObject({ itemId: app.id, sha256: sha, size: 3000, contentType: 'application/pdf' });
    const rows = await store.items.changesAfter(0, 100_000, { kinds: ['application'], unitPrefix: '410102' });
    const row = rows.find((r) => r.id === app.id)!;
    expect(JSON.parse(`[${row.attachments.toString('utf8')}]`)).toEqual(metas);
  });

  it('a rejected transaction writes nothing, a rejected savepoint only its own part, and a change is announced after COMMIT only', async () => {
    const seen: number[] = [];
    const off = store.onChange((seq) => seen.push(seq));
    try {
      const before = await store.items.latestSeq();
      await expect(
        store.transaction(async (tx) => {
          await createTip(tx, TipIntakeSchema.parse(tipBody('410100')), NOW);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.items.latestSeq()).toBe(before);
      const kept = await store.transaction(async (tx) => {
        const outer = await createTip(tx, TipIntakeSchema.parse(tipBody('410100')), NOW);
        await expect(
          tx.transaction(async (inner) => {
            await createTip(inner, TipIntakeSchema.parse(tipBody('410105')), NOW);
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        return outer;
      });
      const rows = await store.items.changesAfter(before, 100, { kinds: ['tip'], unitPrefix: '41' });
      expect(rows.map((r) => r.id)).toEqual([kept.id]);
      await expect.poll(() => seen.at(-1)).toBe(await store.items.latestSeq());
    } finally {
      off();
    }
  });

  it('pages the same on a second store over the same data', async () => {
    const other = await place.connect();
    for (const o of OFFICERS) expect(await pages(other, sessionOf(o), 3)).toEqual(await pages(store, sessionOf(o), 3));
  });
});

describe('the two stores agree', () => {
  it('the same history gives byte-identical feed pages on SQLite and PostgreSQL', async () => {
    const places = await Promise.all(STORE_KINDS.map((k) => k.open('agree')));
    try {
      const rng = fc.sample(fc.array(fc.record({ op: fc.constantFrom('new', 'write', 'move'), unit: fc.constantFrom(...UNITS), pick: fc.nat() }), { minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 12 })[0]!;
      for (const p of places) {
        const mine: string[] = [];
        for (const step of rng) {
          const target = mine.length > 0 ? mine[step.pick % mine.length]! : null;
          if (step.op === 'new' || target === null) mine.push(step.unit === '410102' ? (await newApplication(p.store, step.unit)).id : (await newTip(p.store, step.unit)).id);
          else await write(p.store, target, step.op === 'move' ? { unitCode: step.unit } : {});
        }
      }
      for (const o of [...OFFICERS, officer('s1', 'supervisor', '410100')]) {
        const [a, b] = await Promise.all(places.map((p) => pages(p.store, sessionOf(o), 4)));
        // the items' timestamps come from NOW, ids from the per-city counters: nothing differs but the store
        expect(b).toEqual(a);
      }
    } finally {
      for (const p of places) await p.dispose();
    }
  });
});
