import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BRIDGE, ItemQuerySchema, type ItemQuery } from '#shared/contract/bridge';
import { openCache, type Cache } from '#db/cache';
import { runMigrations } from '#db/migrate';
import { tempDir } from '../console/support';
import { tip } from './tip-fixture';

const ME = '100003';
const ctx = { badge: ME, nowMs: Date.parse('2026-11-26T08:00:00.000Z') };

/** A follower as the exchange sends it: status duplicate, linked to its primary. */
const follower = (id: string, primary: string, over: Parameters<typeof tip>[1] = {}) => tip(id, { ...over, status: 'duplicate', data: { duplicateOf: primary, ...over.data } });

function fresh(): { cache: Cache; file: string } {
  const file = join(tempDir(), 'cache.sqlite');
  return { cache: openCache(file), file };
}

const rows = (cache: Cache, q: Partial<ItemQuery> = {}) => cache.queue.page(ItemQuerySchema.parse({ kind: 'tip', limit: 1000, ...q }), ctx).rows;
const rowOf = (cache: Cache, id: string) => rows(cache, { filters: [{ col: 'id', op: 'equals', value: id }] })[0]!;
const groupSizes = (cache: Cache) => Object.fromEntries(rows(cache).map((r) => [r.id, r.groupSize]));

describe('the tip queue columns (migration 0080)', () => {
  it('carry score, reasons, place, routed unit, primary, candidates and district, and quick search reads the text', () => {
    const { cache } = fresh();
    cache.tx(() => {
      cache.items.put(
        tip('TIP-410100-1', {
          data: {
            category: 'fraud',
            content: '我母亲正在转账给自称公检法的人',
            urgency: { score: 95, level: 'critical', reasons: ['category:fraud', 'keyword:money_moving', 'keyword:imminent'] },
            candidates: [{ tipId: 'TIP-410100-9', score: 0.8, reasons: [{ code: 'phone', value: '13800001111' }] }],
          },
        }),
        null,
      );
      // filed under the city, routed to a division: the district comes from the address
      cache.items.put(tip('TIP-410100-2', { unitCode: '41010096', status: 'routed', data: { routedTo: '41010096', location: { address: '郑州市二七区大学路', lat: null, lng: null } } }), null);
      cache.items.put(tip('TIP-410100-3', { unitCode: '41010501', data: { location: null } }), null);
      cache.items.put(tip('TIP-410100-4', { unitCode: '410100', data: { location: null } }), null);
    });
    expect(rowOf(cache, 'TIP-410100-1')).toMatchObject({
      place: '郑州市金水区花园路12号',
      urgencyScore: 95,
      urgencyReasons: ['category:fraud', 'keyword:money_moving', 'keyword:imminent'],
      routedTo: null,
      duplicateOf: null,
      groupSize: 1,
      candidateCount: 1,
      district: '410105',
    });
    expect(rowOf(cache, 'TIP-410100-2')).toMatchObject({ routedTo: '41010096', district: '410103' });
    // a station's district is its parent; a city tip without an address has none
    expect(rowOf(cache, 'TIP-410100-3').district).toBe('410105');
    expect(rowOf(cache, 'TIP-410100-4').district).toBeNull();
    expect(rows(cache, { search: '公检法' }).map((r) => r.id)).toEqual(['TIP-410100-1']);
    expect(rows(cache, { search: '大学路' }).map((r) => r.id)).toEqual(['TIP-410100-2']);
    expect(rows(cache, { filters: [{ col: 'routedTo', op: 'equals', value: '41010096' }] }).map((r) => r.id)).toEqual(['TIP-410100-2']);
    expect(rows(cache, { filters: [{ col: 'urgencyScore', op: 'after', value: '90' }] }).map((r) => r.id)).toEqual(['TIP-410100-1']);
    expect(rows(cache, { filters: [{ col: 'district', op: 'equals', value: '410105' }] }).map((r) => r.id).sort()).toEqual(['TIP-410100-1', 'TIP-410100-3']);
    cache.close();
  });

  it('count a duplicate group as its followers in the cache + 1, as followers arrive, are linked, and leave', () => {
    const { cache } = fresh();
    const p = 'TIP-410100-10';
    cache.tx(() => {
      cache.items.put(tip(p), null);
      cache.items.put(tip('TIP-410100-11'), null);
    });
    expect(groupSizes(cache)).toEqual({ [p]: 1, 'TIP-410100-11': 1 });
    // a follower arrives before... and after others, in one page
    cache.tx(() => {
      cache.items.put(follower('TIP-410100-12', p), null, 5);
      cache.items.put(follower('TIP-410100-13', p), null, 5);
    });
    expect(groupSizes(cache)).toMatchObject({ [p]: 3, 'TIP-410100-12': 3, 'TIP-410100-13': 3, 'TIP-410100-11': 1 });
    // an optimistic link (the local view) counts at once
    cache.tx(() => cache.items.put(tip('TIP-410100-11'), follower('TIP-410100-11', p)));
    expect(groupSizes(cache)[p]).toBe(4);
    expect(rows(cache, { filters: [{ col: 'duplicateOf', op: 'equals', value: p }] }).map((r) => r.id)).toEqual(['TIP-410100-11', 'TIP-410100-12', 'TIP-410100-13']);
    expect(rows(cache, { filters: [{ col: 'groupSize', op: 'after', value: '2' }] }).length).toBe(4);
    expect(rows(cache, { sort: [{ col: 'groupSize', dir: 'desc' }] }).map((r) => r.groupSize)).toEqual([4, 4, 4, 4]);
    // one leaves the scope, one is rolled back to the exchange's state
    cache.tx(() => {
      cache.items.remove('TIP-410100-13');
      cache.items.put(tip('TIP-410100-11'), null);
    });
    expect(groupSizes(cache)).toEqual({ [p]: 2, 'TIP-410100-11': 1, 'TIP-410100-12': 2 });
    // a follower whose primary is not in the cache is still in a group of two
    cache.tx(() => cache.items.remove(p));
    expect(groupSizes(cache)).toEqual({ 'TIP-410100-11': 1, 'TIP-410100-12': 2 });
    cache.close();
  });

  it('find the tips that name a tip among their candidates', () => {
    const { cache } = fresh();
    const c = (tipId: string) => ({ tipId, score: 0.7, reasons: [{ code: 'venue' as const, value: '金色年华KTV' }] });
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-1'), null);
      cache.items.put(tip('TIP-410100-2', { data: { candidates: [c('TIP-410100-1')] } }), null);
      cache.items.put(tip('TIP-410100-3', { data: { candidates: [c('TIP-410100-2'), c('TIP-410100-1')] } }), null);
      // a prefix of another id is not that id
      cache.items.put(tip('TIP-410100-4', { data: { candidates: [c('TIP-410100-11')] } }), null);
    });
    const proposing = (id: string) => rows(cache, { filters: [{ col: 'candidateOf', op: 'equals', value: id }] }).map((r) => r.id);
    expect(proposing('TIP-410100-1')).toEqual(['TIP-410100-2', 'TIP-410100-3']);
    expect(proposing('TIP-410100-2')).toEqual(['TIP-410100-3']);
    expect(proposing('TIP-410100-3')).toEqual([]);
    expect(rows(cache, { filters: [{ col: 'candidateCount', op: 'equals', value: '2' }] }).map((r) => r.id)).toEqual(['TIP-410100-3']);
    expect(() => rows(cache, { filters: [{ col: 'candidateOf', op: 'contains', value: 'TIP' }] })).toThrow(expect.objectContaining({ code: 'invalid' }));
    cache.close();
  });

  it('cluster the tips received in a period by district and category, in SQL', () => {
    const { cache } = fresh();
    cache.tx(() => {
      cache.items.put(tip('TIP-410100-1', { submittedAt: '2026-11-20T00:00:00.000Z' }), null);
      cache.items.put(tip('TIP-410100-2', { submittedAt: '2026-11-21T00:00:00.000Z' }), null);
      cache.items.put(follower('TIP-410100-3', 'TIP-410100-2', { submittedAt: '2026-11-21T01:00:00.000Z' }), null);
      cache.items.put(tip('TIP-410100-4', { unitCode: '410103', submittedAt: '2026-11-22T00:00:00.000Z', data: { category: 'fire', location: null } }), null);
      cache.items.put(tip('TIP-410100-5', { unitCode: '410100', submittedAt: '2026-11-22T00:00:00.000Z', data: { category: 'fraud', location: null } }), null);
      // outside the period: before it, and at its (exclusive) end
      cache.items.put(tip('TIP-410100-6', { submittedAt: '2026-11-01T00:00:00.000Z' }), null);
      cache.items.put(tip('TIP-410100-7', { submittedAt: '2026-11-25T00:00:00.000Z' }), null);
    });
    expect(cache.queue.tipClusters('2026-11-19T00:00:00.000Z', '2026-11-25T00:00:00.000Z')).toEqual([
      { district: null, category: 'fraud', count: 1 },
      { district: '410103', category: 'fire', count: 1 },
      { district: '410105', category: 'vice', count: 3 },
    ]);
    expect(cache.queue.tipClusters('2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z')).toEqual([]);
    // what the console core hands the renderer (electron/console/handlers/tips.ts) is the bridge's shape
    BRIDGE['tips.clusters'].result.parse({ rows: cache.queue.tipClusters('2026-11-19T00:00:00.000Z', '2026-11-25T00:00:00.000Z') });
    cache.close();
  });

  it('walk an index for the tip queue’s default order (urgency level, score, oldest first)', () => {
    const { cache } = fresh();
    cache.tx(() => {
      for (let i = 1; i <= 50; i++) {
        const level = (['low', 'medium', 'high', 'critical'] as const)[i % 4]!;
        cache.items.put(tip(`TIP-410100-${i}`, { submittedAt: new Date(Date.parse('2026-11-20T00:00:00.000Z') + i * 3_600_000).toISOString(), data: { urgency: { score: i % 7, level, reasons: [] } } }), null);
      }
    });
    const sort = [
      { col: 'urgency', dir: 'desc' },
      { col: 'urgencyScore', dir: 'desc' },
      { col: 'submittedAt', dir: 'asc' },
    ] as const;
    const got = rows(cache, { sort: [...sort] });
    const rank = { low: 1, medium: 2, high: 3, critical: 4 };
    const expected = [...got].sort((a, b) => rank[b.urgency!] - rank[a.urgency!] || b.urgencyScore! - a.urgencyScore! || a.submittedAt.localeCompare(b.submittedAt));
    expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const plan = cache.queue.queryPlan(ItemQuerySchema.parse({ kind: 'tip', sort: [...sort] }), ctx);
    expect(plan).toContain('items_tip_urgency');
    expect(plan).not.toContain('TEMP B-TREE');
    cache.close();
  });

  it('backfill the tips of a cache written before 0080', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const old = new Database(file);
    runMigrations(old, { upTo: 70 });
    const item = tip('TIP-410100-7', { data: { duplicateOf: 'TIP-410100-1', candidates: [{ tipId: 'TIP-410100-1', score: 0.9, reasons: [] }] }, status: 'duplicate' });
    old.prepare(
      `INSERT INTO items (id, kind, server_json, server_version, local_json, rev, status, terminal, unit_code, claimed_by, claim_expires_at,
        submitted_at, due_at, updated_at, label, person, person_id_masked, urgency, label_sort, search_text)
       VALUES (?, 'tip', ?, 1, NULL, 1, 'duplicate', 1, '410105', NULL, NULL, ?, NULL, ?, 'vice', '', '', 'medium', '涉黄赌毒', '')`,
    ).run(item.id, JSON.stringify(item), item.submittedAt, item.updatedAt);
    old.close();
    const cache = openCache(file);
    expect(rowOf(cache, item.id)).toMatchObject({ place: '郑州市金水区花园路12号', urgencyScore: 40, duplicateOf: 'TIP-410100-1', candidateCount: 1, district: '410105', groupSize: 2 });
    expect(rows(cache, { search: '聚众赌博' }).map((r) => r.id)).toEqual([item.id]);
    cache.close();
  });
});
