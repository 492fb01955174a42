/**
 * Feed bench: what a console's first sync reads, and what a write costs the change log.
 * 100k items (server/demo.ts seedBench, through the intake logic), then officer history replayed
 * in-process through the command runner (claim → note → release on Zhengzhou's applications, tips
 * routed between units and out of the city), then the full feed read over HTTP from the real
 * exchange process, counting every item entry sent (not only distinct ones) and removals.
 * `BENCH_ITEMS` shrinks the dataset. Prints its table; writes no results file.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { ROUTES, ChangesResponseSchema } from '#shared/contract/api';
import { CommandSchema } from '#shared/domain/commands';
import type { WorkItem } from '#shared/domain/items';
import { DB_FILE, createSqliteStore } from '#server/store/sqlite/index';
import { runCommand } from '#server/domain/apply';
import { DEMO_OFFICERS, DEMO_PASSWORD } from '#server/officers';
import { HttpClient } from './lib/http';
import { loginAll, loadAverage, round, seedExchange, startSeededExchange } from './lib/fixtures';
import { PROVINCE_SUPERVISOR } from './lib/officers';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 100_000);
const log = (line: string) => console.log(`[feed.bench] ${line}`);
const officer = (badge: string) => DEMO_OFFICERS.find((o) => o.badge === badge)!;

interface FeedCount {
  pages: number;
  entries: number;
  distinct: number;
  removed: number;
  bytes: number;
  ms: number;
}

async function countFeed(http: HttpClient, token: string, limit: number): Promise<FeedCount> {
  const ids = new Set<string>();
  let after = 0;
  const out = { pages: 0, entries: 0, distinct: 0, removed: 0, bytes: 0, ms: 0 };
  const t0 = performance.now();
  for (;;) {
    const res = await http.request('GET', `${ROUTES.changes}?after=${after}&limit=${limit}`, token);
    if (res.status !== 200) throw new Error(`changes after ${after}: ${res.status} ${res.body.slice(0, 200)}`);
    out.bytes += Buffer.byteLength(res.body);
    const page = ChangesResponseSchema.parse(JSON.parse(res.body));
    out.pages++;
    out.entries += page.items.length;
    out.removed += page.removed.length;
    for (const i of page.items) ids.add(i.id);
    after = page.next;
    if (!page.hasMore) break;
  }
  out.ms = performance.now() - t0;
  out.distinct = ids.size;
  return out;
}

const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));

async function readAll(dataDir: string, label: string): Promise<void> {
  const exchange = await startSeededExchange(dataDir);
  const http = new HttpClient(exchange.url, 4);
  try {
    const [sup] = [...(await loginAll(exchange.url, [PROVINCE_SUPERVISOR.badge], 'Bench#2026pw')).values()];
    const demo = await loginAll(exchange.url, ['100001', '100003'], DEMO_PASSWORD);
    for (const [who, token, limit] of [
      ['province supervisor', sup!, 1000],
      ['Zhengzhou clerk 100001', demo.get('100001')!, 500],
      ['Zhengzhou clerk 100001', demo.get('100001')!, 2000],
      ['Zhengzhou intel 100003', demo.get('100003')!, 500],
    ] as const) {
      const f = await countFeed(http, token, limit);
      log(`${label}, ${who}, limit ${limit}: ${JSON.stringify({ ...f, ms: Math.round(f.ms) })}`);
      row(label, who, limit, f.pages, f.entries, f.distinct, f.removed, round(f.ms / 1000, 2), Math.round((f.entries / f.ms) * 1000), round(f.bytes / 2 ** 20));
    }
  } finally {
    http.close();
    await exchange.stop();
  }
}

/** Officer history through the command runner, in transactions of 100 commands; returns ms per command. */
async function replayHistory(dataDir: string): Promise<{ commands: number; ms: number }> {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  const apps = db.prepare("SELECT id FROM items WHERE kind = 'application' AND unit_code >= '4101' AND unit_code < '4102' ORDER BY id").pluck().all() as string[];
  const tips = db.prepare("SELECT id FROM items WHERE kind = 'tip' AND status = 'new' AND unit_code >= '4101' AND unit_code < '4102' ORDER BY id").pluck().all() as string[];
  db.close();
  const store = createSqliteStore(dataDir);
  const clerk = officer('100001');
  const intel = officer('100003');
  type Step = { badge: string; itemId: string; type: string; body: unknown };
  const steps: Step[] = [];
  for (const id of apps) {
    steps.push({ badge: clerk.badge, itemId: id, type: 'claim', body: {} });
    steps.push({ badge: clerk.badge, itemId: id, type: 'note', body: { text: '已电话联系申请人' } });
    steps.push({ badge: clerk.badge, itemId: id, type: 'release', body: {} });
  }
  tips.slice(0, 3000).forEach((id, i) => {
    steps.push({ badge: intel.badge, itemId: id, type: 'claim', body: {} });
    steps.push({ badge: intel.badge, itemId: id, type: 'route', body: { unitCode: '410105', note: '' } });
    steps.push({ badge: intel.badge, itemId: id, type: 'route', body: { unitCode: '410102', note: '' } });
    // a third of them leave the city: removals for Zhengzhou's intel desk
    if (i % 3 === 0) steps.push({ badge: intel.badge, itemId: id, type: 'route', body: { unitCode: '410300', note: '转洛阳' } });
  });
  let applied = 0;
  const t0 = performance.now();
  try {
    for (let i = 0; i < steps.length; i += 100) {
      await store.transaction(async (tx) => {
        for (const s of steps.slice(i, i + 100)) {
          const version = ((await tx.items.getWork(s.itemId)) as WorkItem).version;
          const cmd = CommandSchema.parse({ id: randomUUID(), itemId: s.itemId, expectedVersion: version, type: s.type, body: s.body });
          const r = await runCommand({ db: tx, officer: officer(s.badge), leaseScale: 1 }, cmd);
          if (r.status !== 'applied') throw new Error(`${s.type} on ${s.itemId}: ${r.status} ${r.message ?? ''}`);
          applied++;
        }
      });
    }
  } finally {
    await store.close();
  }
  return { commands: applied, ms: performance.now() - t0 };
}

/** store.items.update alone (same unit, and a unit change), in transactions of 100. */
async function microUpdate(dataDir: string): Promise<{ sameUnitUs: number; movedUs: number }> {
  const store = createSqliteStore(dataDir);
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  const ids = db.prepare("SELECT id FROM items WHERE kind = 'application' ORDER BY id LIMIT 5000").pluck().all() as string[];
  db.close();
  try {
    const time = async (move: boolean): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < ids.length; i += 100) {
        await store.transaction(async (tx) => {
          for (const id of ids.slice(i, i + 100)) {
            const before = (await tx.items.getWork(id))!;
            const unitCode = move ? (before.unitCode === '410105' ? '410102' : '410105') : before.unitCode;
            await tx.items.update({ ...before, unitCode, version: before.version + 1, updatedAt: new Date().toISOString() } as WorkItem, before.unitCode);
          }
        });
      }
      return ((performance.now() - t0) * 1000) / ids.length;
    };
    await time(false); // warm-up
    return { sameUnitUs: round(await time(false), 1), movedUs: round(await time(true), 1) };
  } finally {
    await store.close();
  }
}

log(`seeding ${TOTAL} items… (load ${loadAverage()})`);
const seeded = await seedExchange({ total: TOTAL, officers: [PROVINCE_SUPERVISOR] });
log(`seeded ${seeded.seed.created} items in ${Math.round(seeded.seedMs)} ms`);
try {
  await readAll(seeded.dataDir, 'after intake');
  const h = await replayHistory(seeded.dataDir);
  log(`history: ${h.commands} commands in ${Math.round(h.ms)} ms (${round((h.ms * 1000) / h.commands, 1)} µs each, in-process runCommand)`);
  await readAll(seeded.dataDir, 'after history');
  const db = new Database(path.join(seeded.dataDir, DB_FILE), { readonly: true });
  const changeRows = (db.prepare('SELECT count(*) FROM changes').pluck().get() as number) ?? 0;
  db.close();
  const micro = await microUpdate(seeded.dataDir);
  console.log('\n## feed');
  console.log(`history: ${h.commands} commands, ${round((h.ms * 1000) / h.commands, 1)} µs each (runCommand in-process); change rows now ${changeRows}`);
  console.log(`store.items.update: ${micro.sameUnitUs} µs same unit, ${micro.movedUs} µs unit changed (5000 items, tx of 100)`);
  console.log(['state', 'officer', 'limit', 'pages', 'items sent', 'distinct', 'removed', 's', 'items/s', 'MiB'].join(' | '));
  for (const r of rows) console.log(r.join(' | '));
  console.log(`load average at end ${loadAverage()}`);
} finally {
  fs.rmSync(seeded.dataDir, { recursive: true, force: true });
}
