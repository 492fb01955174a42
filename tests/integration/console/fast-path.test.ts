import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChangesResponseSchema, CommandsRequestSchema, CommandsResponseSchema } from '#shared/contract/api';
import { compileCanonical, safeParseWithFastPath } from '#shared/contract/fast-path';
import { WorkItemSchema } from '#shared/domain/items';
import { createSqliteStore } from '../../../server/store/sqlite/index';
import { readChangesJson } from '../../../server/domain/feed';
import { scopeOf, type Session } from '../../../server/auth/session';
import { DEMO_OFFICERS, ensureDemoOfficers } from '../../../server/officers';
import { ingest, replayActions } from '../../../server/demo';
import { demoActions, generateDemoData } from '../../../server/seed/index';
import { seedAppointments } from '../../../server/seed/appointments';
import type { Store } from '../../../server/store/store';

/**
 * The fast path in front of zod (shared/contract/fast-path.ts) against the schema it stands for,
 * on the pages the exchange really writes: a demo store (every kind, decided, supplemented,
 * referred, linked, with findings, threads and appointments) read page by page by each demo
 * officer, then each page bent at a random place in a random way. Whatever the page, the fast
 * path and the schema path accept and reject the same pages and hand back the same value, and the
 * fast path only ever takes a page zod returns unchanged. The unbent pages all take the fast path,
 * so it is not merely always declining.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

let dir: string;
let store: Store;
const pages: Json[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-path-'));
  store = createSqliteStore(dir);
  await ensureDemoOfficers(store);
  const data = await generateDemoData({ seed: 11, perCity: { '410100': { applications: 40, accidents: 16, tips: 40 } }, photos: 'reuse' });
  const report = await ingest(store, data);
  await replayActions(store, demoActions(data), report.ids, 1);
  await seedAppointments(store, new Date());
  for (const officer of DEMO_OFFICERS.filter((o) => o.unitCode.startsWith('4101'))) {
    const session: Session = { officer, tokenHash: '', scope: scopeOf(officer) };
    for (let after = 0; ; ) {
      const page = JSON.parse((await readChangesJson(store, session, after, 25)).toString('utf8')) as { next: number; hasMore: boolean } & Json;
      pages.push(page);
      if (!page.hasMore) break;
      after = page.next;
    }
  }
}, 120_000);

afterAll(async () => {
  await store?.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every path into a value (keys and indexes), the root first. */
function pathsOf(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((e, i) => pathsOf(e, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, e] of Object.entries(v)) pathsOf(e, [...prefix, k], out);
  return out;
}

type Bend = { op: 'set'; value: unknown } | { op: 'delete' } | { op: 'extra'; key: string; value: unknown };

/** A copy of `v` bent at `at`; a bend that has nowhere to go (the root's key) leaves the copy as it is. */
function bend(v: Json, at: (string | number)[], how: Bend): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  if (at.length === 0) return how.op === 'set' ? how.value : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (how.op === 'set') parent[last] = how.value;
  else if (how.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    // an own key whatever its name, as JSON.parse makes "__proto__" (an assignment would set the prototype)
    const own = { value: how.value, enumerable: true, writable: true, configurable: true };
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, how.key, own);
    else parent[last] = Object.defineProperty({}, how.key, own);
  }
  return copy;
}

/** Values that sit near the edges of the schemas: wrong types, lengths, formats, bounds. */
const edgeValue = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, 1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, 8 * 1024 * 1024 + 1, '', ' ', 'x'.repeat(41), 'x'.repeat(5001)),
  fc.constantFrom<unknown>('2026-11-20T08:00:00.000Z', '2026-13-01T00:00:00Z', '2026-11-20T08:00:00+08:00', '2026-02-29T00:00:00Z', 'APP-410100-1', 'APP-41010-1', '410100', '4101000', '100001', '10001'),
  fc.constantFrom<unknown>('a'.repeat(64), 'A'.repeat(64), 'material:id_card', 'material:ID', 'front_side', 'determination', 'image/jpeg', 'image/gif', 'approved', 'window', 'tip', 'appointment'),
  fc.constantFrom<unknown>([], {}, [null], { kind: 'application' }, ['x']),
  fc.jsonValue({ maxDepth: 2 }),
);
const bendArb = fc.oneof(
  edgeValue.map((value): Bend => ({ op: 'set', value })),
  fc.constant<Bend>({ op: 'delete' }),
  fc.record({ key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'kind', 'id')), value: edgeValue }).map((r): Bend => ({ op: 'extra', ...r })),
);

function agree(schema: z.ZodType, value: unknown): void {
  const slow = schema.safeParse(value);
  const fast = safeParseWithFastPath(schema, value);
  expect(fast.success).toBe(slow.success);
  if (slow.success && fast.success) expect(isDeepStrictEqual(fast.data, slow.data)).toBe(true);
  // the fast path itself: only what zod returns unchanged
  if (compileCanonical(schema)(value)) {
    expect(slow.success).toBe(true);
    expect(isDeepStrictEqual(slow.data, value)).toBe(true);
  }
}

describe('the fast path and the schema path accept and reject the same pages', () => {
  it('reads the exchange’s own pages through the fast path, every kind among them', () => {
    expect(pages.length).toBeGreaterThan(8);
    const kinds = new Set<string>();
    for (const page of pages) {
      expect(compileCanonical(ChangesResponseSchema)(page)).toBe(true);
      agree(ChangesResponseSchema, page);
      for (const item of (page as { items: { kind: string }[] }).items) kinds.add(item.kind);
    }
    expect([...kinds].sort()).toEqual(['accident', 'application', 'appointment', 'tip']);
  });

  it('agrees on pages bent anywhere', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), bendArb, (p, at, how) => {
        const page = pages[p % pages.length]!;
        // a page cut down to its first items keeps the parse cheap and the paths many per item
        const small = { ...(page as Record<string, Json>), items: ((page as { items: Json[] }).items ?? []).slice(0, 3) } as Json;
        const paths = pathsOf(small);
        agree(ChangesResponseSchema, bend(small, paths[at % paths.length]!, how));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 3000) },
    );
  });

  it('agrees on single items and on the schemas with defaults and strict objects', () => {
    const items = pages.flatMap((p) => (p as { items: Json[] }).items);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), bendArb, (i, at, how) => {
        const item = items[i % items.length]!;
        const paths = pathsOf(item);
        agree(WorkItemSchema, bend(item, paths[at % paths.length]!, how));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 3000) },
    );
    // a default filled in (an application stored before `dispatched` existed) is zod's to do
    const application = structuredClone(items.find((it) => (it as { kind: string }).kind === 'application')) as { data: Record<string, unknown> };
    delete application.data.dispatched;
    expect(compileCanonical(WorkItemSchema)(application)).toBe(false);
    expect(safeParseWithFastPath(WorkItemSchema, application)).toMatchObject({ success: true, data: { data: { dispatched: null } } });
    // a strict object's extra key is refused by both; a command result page with one item too
    const strict = z.strictObject({ a: z.number().int() });
    agree(strict, { a: 1 });
    agree(strict, { a: 1, b: 2 });
    expect(compileCanonical(strict)({ a: 1 })).toBe(true);
    agree(CommandsResponseSchema, { results: [] });
  });

  it('agrees on command batches as the exchange’s commands route reads them (uuids, strict bodies)', () => {
    const batch: Json = {
      commands: [
        { id: '0190a5b2-7c3e-7d4f-8a1b-2c3d4e5f6a7b', itemId: 'APP-410100-1', type: 'claim', expectedVersion: 1, body: {} },
        { id: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b', itemId: 'TIP-410100-7', type: 'link_duplicate', expectedVersion: 3, body: { duplicateOf: 'TIP-410100-2' } },
        { id: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5c', itemId: 'TIP-410100-9', type: 'open_case', expectedVersion: 2, body: { caseNumber: 'A410100-2026-17' } },
        { id: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5d', itemId: 'APP-410100-1', type: 'note', expectedVersion: 2, body: { text: ' 已核对 ' } },
      ],
    };
    // a note's text is trimmed by zod: that batch is zod's; without it the batch takes the fast path
    expect(compileCanonical(CommandsRequestSchema)(batch)).toBe(false);
    expect(compileCanonical(CommandsRequestSchema)({ commands: (batch as { commands: Json[] }).commands.slice(0, 3) })).toBe(true);
    fc.assert(
      fc.property(fc.nat(), bendArb, fc.boolean(), (at, how, withNote) => {
        const value = withNote ? batch : { commands: (batch as { commands: Json[] }).commands.slice(0, 3) };
        const paths = pathsOf(value);
        agree(CommandsRequestSchema, bend(value, paths[at % paths.length]!, how));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 3000) },
    );
  });

  it('declines what it cannot judge: refinements, transforms, optional keys', () => {
    expect(compileCanonical(z.string().refine((s) => s.length > 1))('ab')).toBe(false);
    expect(compileCanonical(z.string().transform((s) => s.trim()))(' a ')).toBe(false);
    expect(compileCanonical(z.string().trim())('a')).toBe(false);
    expect(compileCanonical(z.object({ a: z.string().optional() }))({ a: 'x' })).toBe(false);
    expect(compileCanonical(z.union([z.object({ a: z.string() }), z.object({ a: z.string(), b: z.string() })]))({ a: 'x', b: 'y' })).toBe(false);
    expect(compileCanonical(z.email())('a@b.cn')).toBe(false);
    // an object that JSON.parse does not make: zod copies it, so the fast path leaves it to zod
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(compileCanonical(z.object({ a: z.number() }))(bare)).toBe(false);
    // a record's "__proto__" key, as JSON.parse makes it: zod's copy loses it
    agree(z.record(z.string(), z.string()), JSON.parse('{"__proto__":"x","a":"y"}'));
  });
});
