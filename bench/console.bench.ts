/**
 * Console bench: the real console core (createConsoleService) against the real exchange process.
 * (a) initial sync of 100k applications into an empty cache, against raw better-sqlite3 inserting
 * the same rows into the same table shape in this run; (b) delay from a commit on the exchange
 * (another clerk's command, or a citizen's intake) to the item in the cache; (c) RSS of a process
 * that runs only the core over the 100k-item cache. Leaves the dataset for grid.bench.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ROUTES } from '#shared/contract/api';
import { createConsoleService } from '#console/service';
import { openDb } from '#db/open';
import { generateDemoData } from '#server/seed/index';
import { percentile, report, type Figure } from './lib/report';
import { HttpClient } from './lib/http';
import { loadAverage, round, startSeededExchange, tempDir } from './lib/fixtures';
import { CITY, OTHER_CLERK, latestSeq, loginAndSync, markShared, seedShared } from './lib/dataset';
import { intake, login, uploadAttachment } from '../tests/helpers/exchange';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 100_000);
const SAMPLES = 120;
const INTAKE_EVERY = 6;
const RAW_CHUNK = 500;

const log = (line: string) => console.log(`[console.bench] ${line}`);

log(`seeding ${TOTAL} applications in ${CITY}…`);
const shared = await seedShared(TOTAL);
log(`seeded ${shared.created} in ${Math.round(shared.seedMs)} ms`);
const exchange = await startSeededExchange(shared.exchangeDir);
const figures: Figure[] = [];
const context: Record<string, unknown> = {
  items: shared.created,
  dataset: `${shared.created} applications in ${CITY}, synced by clerk 100001 (all in scope)`,
  exchange: 'child process (tests/helpers/exchange.ts startExchange), 127.0.0.1',
  core: 'createConsoleService in this process, default page size (2000, MAX_CHANGES_PAGE in electron/console/context.ts), shell "web"',
  loadAverageAtStart: loadAverage(),
};
let keep = false;
try {
  // (a) initial sync through the real core
  const target = await latestSeq(exchange.url);
  const core = await createConsoleService({ dataDir: shared.consoleDir, exchangeUrl: exchange.url, shell: 'web', demo: false, version: 'bench' });
  const syncMs = await loginAndSync(core, target);
  const cacheFile = path.join(shared.consoleDir, 'cache.sqlite');
  const reader = new Database(cacheFile, { readonly: true });
  const cached = (reader.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  log(`synced ${cached} items in ${Math.round(syncMs)} ms`);
  if (cached !== shared.created) throw new Error(`cache holds ${cached} items, expected ${shared.created}`);
  const syncRate = (cached / syncMs) * 1000;

  // The same rows into the same tables, plain INSERTs in page-sized transactions: the sync writes
  // every item and its attachment list (one row an item since cache migration 0110, the file index
  // attachment_shas following it by trigger — here row by row, where the sync's bulk load builds
  // it once at the end), so the floor does too; the items alone are measured beside it
  const rows = reader.prepare('SELECT * FROM items ORDER BY rowid').all() as Record<string, unknown>[];
  const metaRows = reader.prepare('SELECT * FROM item_attachments').all() as Record<string, unknown>[];
  const shaRows = (reader.prepare('SELECT count(*) AS n FROM attachment_shas').get() as { n: number }).n;
  reader.close();
  const metasOf = new Map<unknown, Record<string, unknown>[]>();
  for (const m of metaRows) {
    const list = metasOf.get(m.item_id);
    if (list) list.push(m);
    else metasOf.set(m.item_id, [m]);
  }
  const rawInsert = (withMeta: boolean): number => {
    const rawDir = tempDir('raw-cache');
    const rawDb = openDb(path.join(rawDir, 'cache.sqlite'));
    const cols = Object.keys(rows[0]!);
    const insert = rawDb.prepare(`INSERT INTO items (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const metaCols = Object.keys(metaRows[0] ?? { item_id: null });
    const insertMeta = rawDb.prepare(`INSERT INTO item_attachments (${metaCols.join(', ')}) VALUES (${metaCols.map(() => '?').join(', ')})`);
    const insertChunk = rawDb.transaction((chunk: Record<string, unknown>[]) => {
      for (const r of chunk) insert.run(cols.map((c) => r[c]));
      if (withMeta) for (const r of chunk) for (const m of metasOf.get(r.id) ?? []) insertMeta.run(metaCols.map((c) => m[c]));
    });
    const r0 = performance.now();
    for (let i = 0; i < rows.length; i += RAW_CHUNK) insertChunk(rows.slice(i, i + RAW_CHUNK));
    const ms = performance.now() - r0;
    rawDb.close();
    fs.rmSync(rawDir, { recursive: true, force: true });
    return ms;
  };
  const rawMs = rawInsert(true);
  const rawItemsMs = rawInsert(false);
  const rawRate = (rows.length / rawMs) * 1000;
  log(`raw insert: ${rows.length} items with ${metaRows.length} attachment lists (${shaRows} file-index rows) in ${Math.round(rawMs)} ms; the items alone ${Math.round(rawItemsMs)} ms`);
  const ratio = syncRate / rawRate;
  figures.push({ metric: `seed ${shared.created} applications (generate + intake)`, value: round(shared.seedMs / 1000, 2), unit: 's' });
  figures.push({ metric: 'initial sync, login → cursor at end', value: round(syncMs / 1000, 2), unit: 's', note: `${cached} items cached` });
  figures.push({ metric: 'initial sync rate', value: Math.round(syncRate), unit: 'items/s', aim: '≥ 50000', met: syncRate >= 50_000 });
  figures.push({
    metric: 'raw better-sqlite3 insert, same rows & tables',
    value: Math.round(rawRate),
    unit: 'items/s',
    note: `items + ${metaRows.length} attachment lists (+ ${shaRows} file-index rows by trigger), ${RAW_CHUNK} items per transaction`,
  });
  figures.push({ metric: 'ratio sync rate ÷ raw insert rate', value: round(ratio, 3), unit: 'ratio', aim: '≥ 0.5', met: ratio >= 0.5 });
  figures.push({ metric: '  raw insert of the item rows alone', value: Math.round((rows.length / rawItemsMs) * 1000), unit: 'rows/s', note: `ratio to it ${round(syncRate / ((rows.length / rawItemsMs) * 1000), 3)}` });

  // (b) commit on the exchange → item in the cache
  const http = new HttpClient(exchange.url, 4);
  const otherToken = await login(exchange.url, OTHER_CLERK.badge, OTHER_CLERK.password);
  const fresh = await generateDemoData({ seed: 4242, perCity: { [CITY]: { applications: Math.ceil(SAMPLES / INTAKE_EVERY), accidents: 0, tips: 0 } }, photos: 'reuse' });
  for (const [, blob] of fresh.blobs) await uploadAttachment(exchange, blob.bytes, blob.contentType);
  const ro = new Database(cacheFile, { readonly: true });
  const pick = ro.prepare(`SELECT id, server_version AS version FROM items WHERE status = 'submitted' ORDER BY random() LIMIT ${SAMPLES}`).all() as { id: string; version: number }[];
  ro.close();
  const cachedVersion = async (id: string): Promise<number> => {
    try {
      return (await core['items.get']({ id })).item.version;
    } catch {
      return 0;
    }
  };
  const arrival = (id: string, version: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${id} v${version} did not reach the cache in 15 s`)), 15_000);
      const check = () => void cachedVersion(id).then((v) => v >= version && done());
      const off = core.on('items.changed', check);
      function done(err?: Error) {
        clearTimeout(timer);
        off();
        if (err) reject(err);
        else resolve();
      }
      check();
    });
  const delays: { kind: 'command' | 'intake'; ms: number }[] = [];
  let intakes = 0;
  for (let i = 0; i < SAMPLES; i++) {
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 50));
    const t0 = performance.now();
    if (i % INTAKE_EVERY === INTAKE_EVERY - 1 && intakes < fresh.applications.length) {
      const res = await intake(exchange, 'application', fresh.applications[intakes++]);
      if (!res.id) throw new Error(`intake refused: ${res.status} ${JSON.stringify(res.body)}`);
      await arrival(res.id, 1);
      delays.push({ kind: 'intake', ms: performance.now() - t0 });
    } else {
      const target = pick[i]!;
      const command = { id: randomUUID(), itemId: target.id, type: 'note', expectedVersion: target.version, body: { text: `延迟测量 ${i}` } };
      const res = await http.request('POST', ROUTES.commands, otherToken, { commands: [command] });
      const result = (JSON.parse(res.body) as { results: { status: string; item: { version: number } }[] }).results[0];
      if (result?.status !== 'applied') throw new Error(`note on ${target.id} not applied: ${res.body.slice(0, 300)}`);
      await arrival(target.id, result.item.version);
      delays.push({ kind: 'command', ms: performance.now() - t0 });
    }
  }
  http.close();
  const all = delays.map((d) => d.ms);
  const p95 = percentile(all, 95);
  log(`delay: ${delays.length} samples, p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  figures.push({ metric: `commit → cache delay p50 (${delays.length} samples)`, value: round(percentile(all, 50), 1), unit: 'ms' });
  figures.push({ metric: 'commit → cache delay p95', value: round(p95, 1), unit: 'ms', aim: '≤ 1000', met: p95 <= 1000 });
  figures.push({ metric: 'commit → cache delay max', value: round(Math.max(...all), 1), unit: 'ms' });
  const intakeDelays = delays.filter((d) => d.kind === 'intake').map((d) => d.ms);
  figures.push({ metric: `  of which intakes p50 (${intakeDelays.length})`, value: round(percentile(intakeDelays, 50), 1), unit: 'ms' });
  await core.close();

  // (c) a process that runs only the core, over the 100k-item cache
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(import.meta.dirname, 'lib', 'console-rss-child.ts'), shared.consoleDir, exchange.url], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (child.status !== 0) throw new Error(`rss child failed (${child.status}): ${child.stderr}`);
  const mem = JSON.parse(child.stdout.trim().split('\n').pop()!) as { resumed: boolean; rows: number; idleRssMiB: number; idleHeapMiB: number; afterListRssMiB: number; afterListHeapMiB: number };
  log(`rss: ${JSON.stringify(mem)}`);
  figures.push({ metric: 'core RSS, 100k cached, idle (after gc)', value: mem.idleRssMiB, unit: 'MiB', aim: '≤ 400', met: mem.idleRssMiB <= 400, note: `heap ${mem.idleHeapMiB} MiB` });
  figures.push({
    metric: 'core RSS after items.list of all rows (gc)',
    value: mem.afterListRssMiB,
    unit: 'MiB',
    aim: '≤ 400',
    met: mem.afterListRssMiB <= 400,
    note: `${mem.rows} rows listed, heap ${mem.afterListHeapMiB} MiB`,
  });

  context.loadAverageAtEnd = loadAverage();
  context.delay = 'from just before the HTTP request (command by clerk 100005, or intake) until core items.get shows the new version; event-driven (items.changed); 10–60 ms idle between samples';
  context.rss = { ...mem, how: 'child process running only createConsoleService on the synced cache (session resumed), gc() twice, process.memoryUsage().rss' };
  report('console', figures, context);
  markShared(cached + intakes);
  keep = true;
} finally {
  await exchange.stop();
  if (!keep) fs.rmSync(path.dirname(shared.exchangeDir), { recursive: true, force: true });
}
