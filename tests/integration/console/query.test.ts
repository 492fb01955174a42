import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE, ItemQuerySchema, QueueViewSchema, type ItemQuery, type ItemRow, type QueueColumn } from '#shared/contract/bridge';
import type { AccidentCase, Application, ItemKind } from '#shared/domain/items';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { missingPhotos } from '#shared/rules/quickProcedure';
import { openCache, type Cache } from '#db/cache';
import { runMigrations } from '#db/migrate';
import { openDb } from '#db/open';
import { createItemQueries } from '#db/repos/item-query';
import { dispatchBridge } from '#console/dispatch';
import { startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { compareOracle, fixtureItems, inViewOracle, ME, NOW, searchOracle } from './query-fixtures';
import { PASSWORD, startCore, tempDir } from './support';

const ctx = { badge: ME, nowMs: NOW };
const KINDS: ItemKind[] = ['application', 'tip', 'accident'];

describe('items.query over the cache in SQLite', () => {
  let cache: Cache;
  let file: string;
  /** Every row of a kind as items.list shows it: the oracle's input. */
  const everything = new Map<ItemKind, ItemRow[]>();

  const page = (q: ItemQuery) => cache.queue.page(ItemQuerySchema.parse(q), ctx);
  const ids = (q: ItemQuery) => page({ ...q, limit: 1000 }).rows.map((r) => r.id);
  const oracle = (kind: ItemKind, keep: (r: ItemRow) => boolean, sort: ItemQuery['sort'] = []) =>
    everything.get(kind)!.filter(keep).sort(compareOracle(sort ?? [])).map((r) => r.id);

  beforeAll(() => {
    file = join(tempDir(), 'cache.sqlite');
    cache = openCache(file);
    cache.meta.setOwner(ME);
    cache.tx(() => {
      for (const item of fixtureItems()) cache.items.put(item, null);
    });
    for (const kind of KINDS) everything.set(kind, cache.items.list(kind, 0).rows);
  });
  afterAll(() => cache?.close());

  it('answers each view with exactly the rows the view means, in the default order, with the total', () => {
    for (const kind of KINDS) {
      for (const view of QueueViewSchema.options) {
        const expected = oracle(kind, (r) => inViewOracle(view, r));
        const got = page({ kind, view, limit: 1000 });
        expect(got.rows.map((r) => r.id), `${kind}/${view}`).toEqual(expected);
        expect(got.total).toBe(expected.length);
        // limit 0: the count alone (the deadline overview's buckets)
        expect(page({ kind, view, limit: 0 }), `${kind}/${view} count`).toEqual({ rows: [], total: expected.length });
      }
    }
    // the fixtures make every view non-trivial for applications, and urgent for tips
    for (const view of ['mine', 'due_today', 'overdue', 'supplement'] as const) expect(oracle('application', (r) => inViewOracle(view, r)).length).toBeGreaterThan(0);
    expect(oracle('tip', (r) => inViewOracle('urgent', r)).length).toBeGreaterThan(0);
    expect(oracle('accident', (r) => inViewOracle('supplement', r)).length).toBeGreaterThan(0);
  });

  it('quick-searches the Chinese service name, masked ID digits, the id, plates and the tip category name', () => {
    const cases: [ItemKind, string][] = [
      ['application', '护照'],
      ['application', '出生登记'],
      ['application', '0123'],
      ['application', '4101'],
      ['application', 'app-410100-12'],
      ['application', '王芳'],
      ['application', 'exit_passport'],
      ['accident', '豫A10007'],
      ['tip', '诈骗'],
      ['tip', '100%'],
    ];
    for (const [kind, search] of cases) {
      const expected = oracle(kind, (r) => searchOracle(search, r));
      expect(ids({ kind, search }), `${kind} “${search}”`).toEqual(expected);
    }
    expect(ids({ kind: 'application', search: '护照' }).length).toBeGreaterThan(0);
    expect(ids({ kind: 'application', search: 'APP-410100-12' })).toContain('APP-410100-12');
    expect(ids({ kind: 'tip', search: '电信诈骗' }).length).toBeGreaterThan(0);
    // LIKE wildcards in the search are literal characters
    expect(ids({ kind: 'application', search: '%' })).toEqual([]);
    expect(ids({ kind: 'application', search: '_' }).every((id) => everything.get('application')!.find((r) => r.id === id)!.label.includes('_'))).toBe(true);
  });

  it('keeps a search’s hits only while nothing is written: a new, changed or removed item shows in the next answer', () => {
    const search = '王芳';
    const before = page({ kind: 'application', search, limit: 1000 });
    expect(before.total).toBeGreaterThan(0);
    // the same search again (the next block, the item's position) reads the same hits
    expect(page({ kind: 'application', search, limit: 1000 })).toEqual(before);
    const item = fixtureItems().find((i): i is Application => i.kind === 'application' && i.data.applicant.name === '王芳')!;
    const added: Application = { ...item, id: 'APP-410100-99999', version: 1 };
    cache.tx(() => cache.items.put(added, null));
    const afterAdd = page({ kind: 'application', search, limit: 1000 });
    expect(afterAdd.total).toBe(before.total + 1);
    expect(afterAdd.rows.map((r) => r.id)).toContain(added.id);
    expect(cache.queue.indexOf(ItemQuerySchema.parse({ kind: 'application', search }), added.id, ctx).index).toBeGreaterThanOrEqual(0);
    // renamed away from the term, then removed: gone from the answer at once
    cache.tx(() => cache.items.put({ ...added, version: 2, data: { ...added.data, applicant: { ...added.data.applicant, name: '李娜' } } }, null));
    expect(page({ kind: 'application', search, limit: 1000 })).toMatchObject({ total: before.total });
    cache.tx(() => cache.items.remove(added.id));
    expect(page({ kind: 'application', search: '李娜', limit: 1000 }).rows.map((r) => r.id)).not.toContain(added.id);
    expect(page({ kind: 'application', search, limit: 1000 }).rows.map((r) => r.id)).toEqual(before.rows.map((r) => r.id));
  });

  it('applies filters per column (in, equals, contains, startsWith, before/after) and combines them with the view', () => {
    const apps = (keep: (r: ItemRow) => boolean) => oracle('application', keep);
    expect(ids({ kind: 'application', filters: [{ col: 'status', op: 'in', value: 'approved, supplement_requested' }] })).toEqual(
      apps((r) => r.status === 'approved' || r.status === 'supplement_requested'),
    );
    expect(ids({ kind: 'application', filters: [{ col: 'dueAt', op: 'before', value: '2026-11-24T00:00:00.000Z' }] })).toEqual(
      apps((r) => r.dueAt !== null && r.dueAt < '2026-11-24T00:00:00.000Z'),
    );
    expect(
      ids({
        kind: 'application',
        filters: [
          { col: 'submittedAt', op: 'after', value: '2026-11-10T00:00:00.000Z' },
          { col: 'submittedAt', op: 'before', value: '2026-11-20T00:00:00.000Z' },
        ],
      }),
    ).toEqual(apps((r) => r.submittedAt >= '2026-11-10T00:00:00.000Z' && r.submittedAt < '2026-11-20T00:00:00.000Z'));
    expect(ids({ kind: 'application', filters: [{ col: 'label', op: 'contains', value: '护照' }] })).toEqual(ids({ kind: 'application', search: '护照' }));
    expect(ids({ kind: 'application', filters: [{ col: 'label', op: 'equals', value: 'exit_passport_first' }] })).toEqual(
      apps((r) => r.label === 'exit_passport_first'),
    );
    expect(ids({ kind: 'application', filters: [{ col: 'person', op: 'startsWith', value: '王' }] })).toEqual(apps((r) => r.person.startsWith('王')));
    expect(ids({ kind: 'application', view: 'mine', filters: [{ col: 'status', op: 'equals', value: 'submitted' }] })).toEqual(
      apps((r) => r.claimedBy === ME && r.status === 'submitted'),
    );
    expect(ids({ kind: 'tip', filters: [{ col: 'urgency', op: 'in', value: 'critical' }] })).toEqual(oracle('tip', (r) => r.urgency === 'critical'));
    // a filter that makes no sense for its column is bad input, not an empty page
    expect(() => page({ kind: 'application', filters: [{ col: 'dueAt', op: 'contains', value: '2026' }] })).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => page({ kind: 'application', filters: [{ col: 'person', op: 'after', value: '2026-01-01' }] })).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => page({ kind: 'application', filters: [{ col: 'dueAt', op: 'after', value: 'tomorrow' }] })).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('sorts by every column in both directions and pages through it with no row twice and none missing', () => {
    const cols: QueueColumn[] = ['id', 'label', 'person', 'submittedAt', 'dueAt', 'status', 'claimedBy', 'urgency', 'updatedAt'];
    for (const kind of ['application', 'tip'] as const) {
      for (const col of cols) {
        for (const dir of ['asc', 'desc'] as const) {
          const sort = [{ col, dir }];
          const expected = oracle(kind, () => true, sort);
          const seen: string[] = [];
          for (let offset = 0; ; offset += 37) {
            const p = page({ kind, sort, offset, limit: 37 });
            expect(p.total).toBe(expected.length);
            seen.push(...p.rows.map((r) => r.id));
            if (p.rows.length < 37) break;
          }
          expect(seen, `${kind} by ${col} ${dir}`).toEqual(expected);
        }
      }
    }
    // two keys with mixed directions
    const sort = [
      { col: 'status', dir: 'desc' },
      { col: 'dueAt', dir: 'asc' },
    ] as const;
    expect(ids({ kind: 'application', sort: [...sort] })).toEqual(oracle('application', () => true, [...sort]));
  });

  it('sorts and filters accidents by place, photos, missing photos, findings and when they were cleared', () => {
    const cols: QueueColumn[] = ['place', 'photoCount', 'missingPhotos', 'findingCount', 'clearedAt'];
    for (const col of cols) {
      for (const dir of ['asc', 'desc'] as const) {
        const sort = [{ col, dir }];
        expect(ids({ kind: 'accident', sort }), `accident by ${col} ${dir}`).toEqual(oracle('accident', () => true, sort));
      }
    }
    const acc = (keep: (r: ItemRow) => boolean) => oracle('accident', keep);
    expect(acc((r) => (r.findingCount ?? 0) > 0).length).toBeGreaterThan(0);
    expect(ids({ kind: 'accident', filters: [{ col: 'findingCount', op: 'after', value: '1' }] })).toEqual(acc((r) => (r.findingCount ?? 0) >= 1));
    expect(ids({ kind: 'accident', filters: [{ col: 'findingCount', op: 'equals', value: '0' }] })).toEqual(acc((r) => r.findingCount === 0));
    expect(ids({ kind: 'accident', filters: [{ col: 'missingPhotos', op: 'in', value: '9, 12' }] })).toEqual(acc((r) => [9, 12].includes(r.missingPhotos?.length ?? -1)));
    expect(ids({ kind: 'accident', filters: [{ col: 'missingPhotos', op: 'before', value: '10' }] })).toEqual(acc((r) => (r.missingPhotos?.length ?? 0) < 10));
    expect(ids({ kind: 'accident', filters: [{ col: 'clearedAt', op: 'after', value: '2026-11-26T02:00:00.000Z' }] })).toEqual(
      acc((r) => r.clearedAt !== null && r.clearedAt !== undefined && r.clearedAt >= '2026-11-26T02:00:00.000Z'),
    );
    expect(ids({ kind: 'accident', filters: [{ col: 'place', op: 'contains', value: '金水' }] })).toEqual(acc((r) => (r.place ?? '').includes('金水')));
    expect(ids({ kind: 'accident', search: '大学路' })).toEqual(acc((r) => (r.place ?? '').includes('大学路')));
    // a count is a number, and a count is not a time
    expect(() => page({ kind: 'accident', filters: [{ col: 'findingCount', op: 'equals', value: 'many' }] })).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => page({ kind: 'accident', filters: [{ col: 'photoCount', op: 'contains', value: '1' }] })).toThrow(expect.objectContaining({ code: 'invalid' }));
    // other kinds have none of these
    const app = everything.get('application')![0]!;
    expect(app.photoCount).toBeUndefined();
    expect(app.missingPhotos).toBeUndefined();
  });

  it('gives an item’s position in the query’s order, agreeing with the pages, and -1 for an item the query does not match', () => {
    const queries: Omit<ItemQuery, 'offset' | 'limit'>[] = [
      { kind: 'application' },
      { kind: 'application', view: 'overdue', sort: [{ col: 'dueAt', dir: 'desc' }] },
      { kind: 'application', sort: [{ col: 'claimedBy', dir: 'asc' }] },
      { kind: 'application', search: '护照', sort: [{ col: 'label', dir: 'desc' }, { col: 'dueAt', dir: 'asc' }] },
      { kind: 'tip', sort: [{ col: 'urgency', dir: 'desc' }] },
      { kind: 'tip', sort: [{ col: 'dueAt', dir: 'asc' }] },
    ];
    for (const q of queries) {
      const order = ids(q);
      const parsed = ItemQuerySchema.omit({ offset: true, limit: true }).parse(q);
      for (let i = 0; i < order.length; i += Math.max(1, Math.floor(order.length / 25))) {
        expect(cache.queue.indexOf(parsed, order[i]!, ctx), `${JSON.stringify(q)} #${i}`).toEqual({ index: i, total: order.length });
      }
      const last = order.length - 1;
      expect(cache.queue.indexOf(parsed, order[last]!, ctx).index).toBe(last);
      const outside = everything.get(q.kind)!.find((r) => !order.includes(r.id));
      if (outside) expect(cache.queue.indexOf(parsed, outside.id, ctx)).toEqual({ index: -1, total: order.length });
      expect(cache.queue.indexOf(parsed, 'APP-999999-1', ctx).index).toBe(-1);
    }
  });

  it('marks rows with unsent commands and conflicts of the cache owner', () => {
    const [a, b] = everything.get('application')!;
    cache.tx(() => {
      cache.outbox.insert({ id: '00000000-0000-4000-8000-000000000001', badge: ME, itemId: a!.id, type: 'note', body: { text: 'x' }, expectedVersion: 1, createdAt: new Date(NOW).toISOString() });
      cache.conflicts.insert({ commandId: '00000000-0000-4000-8000-000000000002', badge: ME, itemId: b!.id, type: 'note', body: { text: 'y' }, code: 'conflict', message: 'm', createdAt: new Date(NOW).toISOString() });
      // another officer's unsent work does not mark this officer's rows
      cache.outbox.insert({ id: '00000000-0000-4000-8000-000000000003', badge: '100004', itemId: b!.id, type: 'note', body: { text: 'z' }, expectedVersion: 1, createdAt: new Date(NOW).toISOString() });
    });
    const rows = page({ kind: 'application', filters: [{ col: 'id', op: 'in', value: `${a!.id},${b!.id}` }] }).rows;
    expect(rows.map((r) => [r.id, r.pending, r.conflict]).sort()).toEqual(
      [
        [a!.id, true, false],
        [b!.id, false, true],
      ].sort(),
    );
  });

  it('walks an index for the default order and the common views, without sorting in a temp b-tree', () => {
    const plan = (q: ItemQuery) => cache.queue.queryPlan(ItemQuerySchema.parse(q), ctx);
    const expectations: [ItemQuery, string][] = [
      [{ kind: 'application' }, 'items_by_kind_submitted'],
      [{ kind: 'application', sort: [{ col: 'submittedAt', dir: 'desc' }] }, 'items_by_kind_submitted'],
      [{ kind: 'application', sort: [{ col: 'dueAt', dir: 'asc' }] }, 'items_by_kind_due'],
      [{ kind: 'application', view: 'overdue', sort: [{ col: 'dueAt', dir: 'asc' }] }, 'items_by_kind_due'],
      [{ kind: 'application', view: 'mine' }, 'items_by_kind_claimed'],
      // a small view in the default order: the submission index, filtered as it walks
      [{ kind: 'application', view: 'supplement' }, 'items_by_kind_submitted'],
      [{ kind: 'application', sort: [{ col: 'status', dir: 'desc' }] }, 'items_by_kind_status'],
    ];
    for (const [q, index] of expectations) {
      const p = plan(q);
      expect(p, JSON.stringify(q)).toContain(index);
      expect(p, JSON.stringify(q)).not.toContain('TEMP B-TREE');
    }
  });

  it('gathers a search’s hits from the narrow search index and counts from the hits; a page reads few hits and walks the order index over many', () => {
    const searches: ItemQuery[] = [
      { kind: 'application', search: '张' },
      { kind: 'application', search: 'APP-410100-1', view: 'open' },
      { kind: 'tip', search: '电信诈骗' },
      { kind: 'application', search: '4101', sort: [{ col: 'dueAt', dir: 'desc' }] },
    ];
    const fromHits = /SCAN h\b[\s\S]*SEARCH items USING INTEGER PRIMARY KEY/;
    const walks = createItemQueries(openDb(file), { pageFromHits: -1 });
    for (const q of searches) {
      const parsed = ItemQuerySchema.parse(q);
      const lines = cache.queue.queryPlan(parsed, ctx).split('\n');
      const [fill, page, total] = [lines.filter((l) => l.includes('items_by_kind_search')), lines.filter((l) => !l.startsWith('total:')), lines.filter((l) => l.startsWith('total:'))];
      expect(fill.join(), JSON.stringify(q)).toContain('COVERING INDEX items_by_kind_search');
      expect(total.join('\n'), JSON.stringify(q)).toMatch(fromHits);
      // the fixture's searches find fewer than the threshold: the page sorts the hits' rows
      expect(page.join('\n'), JSON.stringify(q)).toMatch(fromHits);
      // over many hits the page walks the order's index instead, with no sort
      const walked = walks.queryPlan(parsed, ctx).split('\n').filter((l) => !l.startsWith('total:') && !l.includes('items_by_kind_search'));
      expect(walked.join('\n'), JSON.stringify(q)).not.toMatch(/TEMP B-TREE|SCAN h\b/);
    }
  });

  it('gives the same pages, totals and positions whether a search’s page reads its hits or walks the order index', () => {
    const walks = createItemQueries(openDb(file), { pageFromHits: -1 });
    const reads = createItemQueries(openDb(file), { pageFromHits: Number.MAX_SAFE_INTEGER });
    const cases: ItemQuery[] = [
      { kind: 'application', search: '王' },
      { kind: 'application', search: '4101', view: 'open', sort: [{ col: 'dueAt', dir: 'desc' }] },
      { kind: 'application', search: 'APP-410100-1', sort: [{ col: 'person', dir: 'asc' }], offset: 10, limit: 25 },
      { kind: 'tip', search: '诈骗', sort: [{ col: 'urgency', dir: 'desc' }] },
      { kind: 'accident', search: '豫A', sort: [{ col: 'submittedAt', dir: 'desc' }] },
    ];
    for (const q of cases) {
      const parsed = ItemQuerySchema.parse({ limit: 1000, ...q });
      const walked = walks.page(parsed, ctx);
      expect(walked.total, JSON.stringify(q)).toBeGreaterThan(0);
      expect(reads.page(parsed, ctx), JSON.stringify(q)).toEqual(walked);
      expect(cache.queue.page(parsed, ctx), JSON.stringify(q)).toEqual(walked);
      const id = walked.rows[Math.floor(walked.rows.length / 2)]!.id;
      expect(reads.indexOf(parsed, id, ctx), JSON.stringify(q)).toEqual(walks.indexOf(parsed, id, ctx));
    }
  });
});

describe('the accident photo columns follow the attachment metadata, whatever writes it and in which order', () => {
  const party = { name: '张*', idNumberMasked: '', phoneMasked: '', plate: '豫A12345', vehicleType: '小型轿车', insurer: '人保财险', hasPlate: true, inspectionValid: true, insuranceValid: true, licenceValid: true, statement: '', situations: [] };
  const accident = (id: string, parties: number, version = 1): AccidentCase => ({
    id,
    kind: 'accident',
    unitCode: '410105',
    version,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: '2026-11-26T05:00:00.000Z',
    dueAt: null,
    updatedAt: '2026-11-26T05:00:00.000Z',
    notes: [],
    status: 'reported',
    data: {
      occurredAt: '2026-11-26T04:50:00.000Z',
      location: { address: '郑州市金水区花园路', lat: 34.78, lng: 113.68 },
      parties: Array.from({ length: parties }, () => party),
      declared: [],
      determination: null,
      photoRequest: null,
      referral: null,
      findings: [],
    },
  });
  let n = 0;
  const photo = (itemId: string, role: string, partyIdx: number | null, contentType: AttachmentMeta['contentType'] = 'image/jpeg'): AttachmentMeta => ({
    sha256: (n++).toString(16).padStart(64, '0'),
    itemId,
    role: role as AttachmentMeta['role'],
    partyIdx,
    contentType,
    size: 100,
    takenAt: null,
    gps: null,
  });
  const full = (itemId: string, parties: number) => [
    photo(itemId, 'front_side', null),
    photo(itemId, 'rear_side', 0),
    photo(itemId, 'collision', null),
    ...Array.from({ length: parties }, (_, i) => ['plate', 'driving_licence', 'vehicle_licence'].map((role) => photo(itemId, role, i))).flat(),
  ];
  const expectColumns = (cache: Cache, id: string) => {
    const row = cache.queue.page(ItemQuerySchema.parse({ kind: 'accident', filters: [{ col: 'id', op: 'equals', value: id }] }), ctx).rows[0]!;
    const item = cache.items.effective(id) as AccidentCase;
    const metas = cache.attachments.forItem(id);
    expect(row.missingPhotos, id).toEqual(missingPhotos(metas, item.data.parties.length));
    expect(row.photoCount, id).toBe(metas.filter((m) => m.contentType.startsWith('image/')).length);
    return row;
  };

  it('recomputes on a feed page (items first, then their metadata), on a re-sent page, on a party added and on removal', () => {
    const cache = openCache(join(tempDir(), 'cache.sqlite'));
    const a = 'ACC-410100-1';
    const b = 'ACC-410100-2';
    // a first page: the items are written before their metadata (electron/console/feed-page.ts)
    cache.tx(() => {
      cache.items.put(accident(a, 2), null, 1);
      cache.items.put(accident(b, 3), null, 1);
      cache.attachments.replaceMetaForPage([], [...full(a, 2).filter((m) => m.role !== 'plate' || m.partyIdx !== 1), ...full(b, 3)]);
    });
    expect(expectColumns(cache, a).missingPhotos).toEqual(['plate#1']);
    expect(expectColumns(cache, b).missingPhotos).toEqual([]);
    // items.list reads them current too, and once read nothing is left marked
    cache.tx(() => cache.attachments.replaceMetaFor([b], full(b, 3).slice(1)));
    expect(cache.items.list('accident', 0).rows.find((r) => r.id === b)?.missingPhotos).toEqual(['front_side']);
    expect(cache.queue.page(ItemQuerySchema.parse({ kind: 'accident', filters: [{ col: 'missingPhotos', op: 'equals', value: '1' }] }), ctx).rows.map((r) => r.id).sort()).toEqual([a, b]);
    // the plate comes with the supplied photos; the determination PDF is not a photo
    cache.tx(() => {
      cache.items.put(accident(a, 2, 2), null, 2);
      cache.attachments.replaceMetaForPage([a], [...full(a, 2), photo(a, 'determination', null, 'application/pdf')]);
    });
    expect(expectColumns(cache, a)).toMatchObject({ missingPhotos: [], photoCount: 9 });
    // a case photo counts for any party, a party photo only with its own index
    cache.tx(() => cache.attachments.replaceMetaFor([a], [photo(a, 'front_side', 1), photo(a, 'plate', null), photo(a, 'plate', 0)]));
    expect(expectColumns(cache, a).missingPhotos).toEqual(['rear_side', 'collision', 'driving_licence#0', 'vehicle_licence#0', 'plate#1', 'driving_licence#1', 'vehicle_licence#1']);
    // a third party joins: its photos are required too
    cache.tx(() => cache.items.put(accident(a, 3, 3), null));
    expect(expectColumns(cache, a).missingPhotos).toContain('plate#2');
    // the case leaves: the cascade takes its metadata, nothing is left half-updated
    cache.tx(() => cache.items.remove(b));
    expect(cache.attachments.forItem(b)).toEqual([]);
    expect(cache.queue.page(ItemQuerySchema.parse({ kind: 'accident' }), ctx).rows.map((r) => r.id)).toEqual([a]);
    cache.close();
  });

  it('backfills the columns of accidents cached before migration 0070', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const old = new Database(file);
    runMigrations(old, { upTo: 60 });
    const item = accident('ACC-410100-7', 2);
    old.prepare(
      `INSERT INTO items (id, kind, server_json, server_version, local_json, rev, status, terminal, unit_code, claimed_by, claim_expires_at,
        submitted_at, due_at, updated_at, label, person, person_id_masked, urgency, label_sort, search_text)
       VALUES (?, 'accident', ?, 1, NULL, 1, 'reported', 0, '410105', NULL, NULL, ?, NULL, ?, '豫A12345 / 豫A12345', '张*、张*', '', NULL, '豫A12345 / 豫A12345', '')`,
    ).run(item.id, JSON.stringify({ ...item, data: { ...item.data, findings: undefined } }), item.submittedAt, item.updatedAt);
    const metas = full(item.id, 2).slice(1);
    metas.forEach((m, i) => old.prepare('INSERT INTO attachment_meta (item_id, sha256, role, ord, meta_json) VALUES (?, ?, ?, ?, ?)').run(m.itemId, m.sha256, m.role, i, JSON.stringify({ partyIdx: m.partyIdx, contentType: m.contentType, size: m.size, takenAt: null, gps: null })));
    old.close();
    const cache = openCache(file);
    expect(expectColumns(cache, item.id)).toMatchObject({ missingPhotos: ['front_side'], photoCount: 8, findingCount: 0, place: '郑州市金水区花园路' });
    expect(cache.queue.page(ItemQuerySchema.parse({ kind: 'accident', search: '花园路' }), ctx).rows.map((r) => r.id)).toEqual([item.id]);
    cache.close();
  });
});

describe('items.query through the bridge, against a real exchange', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange({ demo: true });
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('pages the synced queue, keeps the bridge contract, finds an item’s position and refuses bad arguments', async () => {
    const core = await startCore(tempDir(), exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    const listed = await core['items.list']({ kind: 'application', sinceRev: 0 });
    const first = await dispatchBridge(core, 'items.query', { kind: 'application', limit: 50 });
    expect(first.ok).toBe(true);
    const result = BRIDGE['items.query'].result.parse(first.ok ? first.result : null);
    expect(result.total).toBe(listed.rows.length);
    expect(result.rows).toHaveLength(Math.min(50, listed.rows.length));
    expect(result.rev).toBe(listed.rev);
    const sorted = [...listed.rows].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.id < b.id ? -1 : 1));
    expect(result.rows.map((r) => r.id)).toEqual(sorted.slice(0, 50).map((r) => r.id));

    const target = sorted[Math.floor(sorted.length / 2)]!;
    const at = await dispatchBridge(core, 'items.indexOf', { query: { kind: 'application' }, id: target.id });
    expect(at).toEqual({ ok: true, result: { index: Math.floor(sorted.length / 2), total: sorted.length } });

    // claiming makes the row show up under "mine", marked pending until the exchange answers
    // (the demo data is anchored to the current time, so pick a row that is open and unclaimed now)
    const claimable = sorted.find((r) => r.status === 'submitted' && r.claimedBy === null)!;
    await core['items.command']({ itemId: claimable.id, type: 'claim', body: {} });
    const mine = await core['items.query']({ kind: 'application', view: 'mine' });
    expect(mine.rows.map((r) => r.id)).toContain(claimable.id);

    const bad = await dispatchBridge(core, 'items.query', { kind: 'application', sort: [{ col: 'server_json', dir: 'asc' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const badFilter = await dispatchBridge(core, 'items.query', { kind: 'application', filters: [{ col: 'dueAt', op: 'equals', value: 'x' }] });
    expect(badFilter).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await core.close();
  });
});
