/**
 * PostgreSQL bench (issue 12): the same load against (a) the SQLite exchange, (b) one exchange
 * instance on PostgreSQL and (c) two instances on the same database with the load split between
 * them, all in one run on one seeded history, with (b) and (c) as ratios of (a).
 *
 * Seeding: seedBench into a SQLite data folder (bench/lib/fixtures.ts), copied into PostgreSQL
 * with the migration tool (scripts/exchange-to-postgres.ts: copy, then its check) before the
 * SQLite exchange changes anything, so every configuration starts from the same rows. Exchanges
 * are the real process (`node --import tsx server/main.ts`, EXCHANGE_DATABASE_URL for PostgreSQL).
 * PostgreSQL is a throwaway cluster of the machine's own (tests/helpers/postgres.ts) with its
 * durable defaults: fsync and synchronous_commit on, so a commit waits for its WAL flush — the
 * SQLite store's WAL + synchronous=NORMAL does not fsync per commit (a process crash loses
 * nothing, an OS crash the last commits), so (a) pays less for durability than (b) and (c).
 *
 * Per configuration: a first sync (two consoles reading the whole feed at once, as province
 * supervisors, split across the instances in (c)) and a closed loop of 200 officers doing
 * claim → note → release (bench/lib/load.ts), each officer on the instance its half is given in (c).
 * Everything shares this machine's two cores: the load generator, the exchange process(es) and
 * PostgreSQL's backends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { report, percentile, type Figure } from './lib/report';
import { HttpClient } from './lib/http';
import { loadAverage, loginAll, readFeed, round, seedExchange, tempDir } from './lib/fixtures';
import { OTHER_SUPERVISOR, PROVINCE_SUPERVISOR, assignItems, workerOfficers } from './lib/officers';
import { makeWorker, runLoad, type LoadResult, type Worker } from './lib/load';
import { startExchange, type ExchangeHandle } from '../tests/helpers/exchange';
import { createTestDatabase, startPostgres } from '../tests/helpers/postgres';
import { copyExchange } from '../scripts/exchange-to-postgres/copy';
import { checkCopy } from '../scripts/exchange-to-postgres/check';
import type { WorkItem } from '#shared/domain/items';
import { DB_FILE } from '#server/store/sqlite/index';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 20_000);
const OFFICERS = 200;
const ITEMS_PER_OFFICER = 8;
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 8_000);
const WARMUP_COMMANDS = 1_000;
const RUN_MAX_MS = 15_000;
const FEED_LIMIT = 1000;
const CMD_AIM = 2000;

const log = (line: string) => console.log(`[postgres.bench] ${line}`);

interface Instance {
  readonly exchange: ExchangeHandle;
  readonly http: HttpClient;
}

interface Measured {
  readonly feed: { items: number; ms: number; pages: number };
  readonly load: LoadResult;
}

/** Two supervisors' first syncs at once, the n-th on instance n mod count; items/s over both. */
async function firstSync(instances: readonly Instance[], tokens: readonly string[], expected: number): Promise<Measured['feed']> {
  const t0 = performance.now();
  const reads = await Promise.all(tokens.map((token, n) => readFeed(instances[n % instances.length]!.http, token, FEED_LIMIT)));
  const ms = performance.now() - t0;
  for (const r of reads) if (r.items.length !== expected) throw new Error(`a first sync read ${r.items.length} items, expected ${expected}`);
  return { items: reads.reduce((n, r) => n + r.items.length, 0), ms, pages: reads.reduce((n, r) => n + r.pages, 0) };
}

/** The closed loop with the workers split evenly over the instances (each instance its own share, at once). */
async function commandLoad(instances: readonly Instance[], workers: readonly Worker[], commands: number): Promise<LoadResult> {
  const shares = instances.map((_, i) => workers.filter((_, w) => w % instances.length === i));
  const t0 = performance.now();
  const parts = await Promise.all(shares.map((share, i) => runLoad(instances[i]!.http, share, { commands: Math.round((commands * share.length) / workers.length), maxMs: RUN_MAX_MS })));
  const wallMs = performance.now() - t0;
  const notApplied: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.notApplied)) notApplied[k] = (notApplied[k] ?? 0) + v;
  return {
    sent: parts.reduce((n, p) => n + p.sent, 0),
    applied: parts.reduce((n, p) => n + p.applied, 0),
    notApplied,
    latenciesMs: parts.flatMap((p) => p.latenciesMs),
    wallMs,
    responseBytes: parts.reduce((n, p) => n + p.responseBytes, 0),
    typicalBody: null,
  };
}

async function measure(label: string, instances: readonly Instance[], feedTokens: readonly string[], workers: readonly Worker[]): Promise<Measured> {
  const feed = await firstSync(instances, feedTokens, TOTAL_ITEMS);
  log(`${label}: first sync ×${feedTokens.length}: ${feed.items} items in ${Math.round(feed.ms)} ms (${feed.pages} pages)`);
  const warm = await commandLoad(instances, workers, WARMUP_COMMANDS);
  log(`${label}: warm-up ${warm.applied}/${warm.sent} applied`);
  const load = await commandLoad(instances, workers, COMMANDS);
  log(`${label}: ${load.applied}/${load.sent} applied in ${Math.round(load.wallMs)} ms → ${Math.round((load.applied / load.wallMs) * 1000)}/s, p95 ${percentile(load.latenciesMs, 95).toFixed(1)} ms, not applied ${JSON.stringify(load.notApplied)}`);
  return { feed, load };
}

const workersFor = (tokens: ReadonlyMap<string, string>, assigned: ReadonlyMap<string, WorkItem[]>): Worker[] =>
  [...assigned].map(([badge, items]) => makeWorker(badge, tokens.get(badge)!, items));

const officers = workerOfficers(TOTAL, OFFICERS, ITEMS_PER_OFFICER);
const supervisors = [PROVINCE_SUPERVISOR, OTHER_SUPERVISOR];
log(`seeding ${TOTAL} items (seedBench) and ${officers.length + supervisors.length} bench officers…`);
const seeded = await seedExchange({ total: TOTAL, officers: [...supervisors, ...officers] });
const TOTAL_ITEMS = seeded.seed.created;
log(`seeded ${TOTAL_ITEMS} items in ${Math.round(seeded.seedMs)} ms`);

const cluster = await startPostgres({ durable: true });
const db = await createTestDatabase(cluster.adminUrl, 'bench');
const pgDataDir = tempDir('pg-exchange');
const running: Instance[] = [];
const start = async (dataDir: string, env: Record<string, string> = {}): Promise<Instance> => {
  // EXCHANGE_LOG unset, as bench/lib/fixtures.ts startSeededExchange
  const exchange = await startExchange({ dataDir, env: { EXCHANGE_INTAKE_KEY: 'bench-intake-key', ...env } });
  const instance = { exchange, http: new HttpClient(exchange.url, 256) };
  running.push(instance);
  return instance;
};
const stop = async (instance: Instance): Promise<void> => {
  instance.http.close();
  await instance.exchange.stop();
};

const figures: Figure[] = [];
const context: Record<string, unknown> = { items: TOTAL_ITEMS, loadAverageAtStart: loadAverage() };
try {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const settings = Object.fromEntries(
    await Promise.all(
      ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'max_connections'].map(async (name) => [name, (await admin.query(`SHOW ${name}`)).rows[0][name] as string]),
    ),
  );
  log(`PostgreSQL ${settings.server_version}: fsync=${settings.fsync} synchronous_commit=${settings.synchronous_commit} full_page_writes=${settings.full_page_writes} wal_level=${settings.wal_level} shared_buffers=${settings.shared_buffers} (throwaway cluster on this machine's disk, Unix socket)`);
  context.postgres = { ...settings, where: 'throwaway cluster (tests/helpers/postgres.ts startPostgres({ durable: true })), Unix socket, same machine' };

  // the copy, before the SQLite exchange writes anything, so both start from one history
  const copied = await copyExchange(seeded.dataDir, db.url);
  const check = await checkCopy(seeded.dataDir, db.url);
  if (!check.ok) throw new Error(`the copy differs:\n${check.lines.join('\n')}`);
  log(`copied into PostgreSQL in ${round(copied.ms / 1000, 2)} s and checked (${check.lines.length} comparisons alike)`);
  figures.push({ metric: `copy ${TOTAL_ITEMS} items SQLite → PostgreSQL (exchange-to-postgres)`, value: round(copied.ms / 1000, 2), unit: 's', note: `${(copied.blobBytes / 2 ** 20).toFixed(1)} MiB of blobs; then checked alike` });

  const badges = officers.map((o) => o.badge);
  const results = new Map<string, Measured>();

  // (a) SQLite
  const sqlite = await start(seeded.dataDir);
  const sqliteFeedTokens = [...(await loginAll(sqlite.exchange.url, supervisors.map((s) => s.badge))).values()];
  // the officers' items, from a first sync (the same rows on every configuration)
  const all = await readFeed(sqlite.http, sqliteFeedTokens[0]!, FEED_LIMIT);
  const assigned = assignItems(officers, all.items, ITEMS_PER_OFFICER);
  results.set('sqlite', await measure('(a) SQLite', [sqlite], sqliteFeedTokens, workersFor(await loginAll(sqlite.exchange.url, badges), assigned)));
  await stop(sqlite);

  // (b) one PostgreSQL instance; (c) two, the second started beside it on the same database
  const env = { EXCHANGE_DATABASE_URL: db.url };
  const first = await start(pgDataDir, env);
  // the exchange really is on PostgreSQL: on SQLite it would have made a database in its data folder
  if (fs.existsSync(path.join(pgDataDir, DB_FILE))) throw new Error('the exchange made a SQLite database instead of opening EXCHANGE_DATABASE_URL: server/main.ts does not call openStore yet');
  // tokens live in the database: one login serves both instances
  const pgFeedTokens = [...(await loginAll(first.exchange.url, supervisors.map((s) => s.badge))).values()];
  const pgWorkers = workersFor(await loginAll(first.exchange.url, badges), assigned);
  // the same unmeasured first read as (a) had before its run
  await readFeed(first.http, pgFeedTokens[0]!, FEED_LIMIT);
  results.set('pg1', await measure('(b) PostgreSQL, 1 instance', [first], pgFeedTokens, pgWorkers));
  const second = await start(pgDataDir, env);
  results.set('pg2', await measure('(c) PostgreSQL, 2 instances', [first, second], pgFeedTokens, pgWorkers));
  await admin.end();

  const base = results.get('sqlite')!;
  const rate = (m: Measured) => (m.load.applied / m.load.wallMs) * 1000;
  const feedRate = (m: Measured) => (m.feed.items / m.feed.ms) * 1000;
  for (const [key, label] of [
    ['sqlite', '(a) SQLite'],
    ['pg1', '(b) PostgreSQL, 1 instance'],
    ['pg2', '(c) PostgreSQL, 2 instances'],
  ] as const) {
    const m = results.get(key)!;
    const notApplied = m.load.sent - m.load.applied;
    figures.push({ metric: `${label}: first sync, 2 consoles at once`, value: Math.round(feedRate(m)), unit: 'items/s', note: `${m.feed.items} items, ${m.feed.pages} pages of ${FEED_LIMIT}, ${round(m.feed.ms / 1000, 2)} s` });
    figures.push({
      metric: `${label}: commands/s, ${OFFICERS} officers`,
      value: Math.round(rate(m)),
      unit: 'cmd/s',
      aim: `≥ ${CMD_AIM}`,
      met: rate(m) >= CMD_AIM,
      note: `${m.load.sent} sent in ${round(m.load.wallMs / 1000, 2)} s; p50 ${round(percentile(m.load.latenciesMs, 50), 2)} / p95 ${round(percentile(m.load.latenciesMs, 95), 2)} / p99 ${round(percentile(m.load.latenciesMs, 99), 2)} ms`,
    });
    figures.push({ metric: `${label}: commands not applied`, value: notApplied, unit: 'count', aim: '0', met: notApplied === 0, note: notApplied ? JSON.stringify(m.load.notApplied) : '' });
    if (key !== 'sqlite') {
      figures.push({ metric: `${label}: ratio commands/s ÷ SQLite`, value: round(rate(m) / rate(base), 3), unit: 'ratio' });
      figures.push({ metric: `${label}: ratio first sync items/s ÷ SQLite`, value: round(feedRate(m) / feedRate(base), 3), unit: 'ratio' });
    }
  }
  context.loadAverageAtEnd = loadAverage();
  context.officers = { count: OFFICERS, itemsPerOfficer: ITEMS_PER_OFFICER, cycle: 'claim → note → release, one command per request (bench/lib/load.ts runLoad)', commands: COMMANDS, warmupCommands: WARMUP_COMMANDS, split: '(c): officer i on instance i mod 2' };
  context.feed = { consoles: supervisors.length, limit: FEED_LIMIT, split: '(c): one console per instance' };
  context.order = '(a), then (b), then (c) on the same PostgreSQL rows (b left them, items carry (b)’s notes); the SQLite and PostgreSQL histories start alike (copied before (a))';
  context.exchange = 'child processes: node --import tsx server/main.ts (tests/helpers/exchange.ts startExchange), 127.0.0.1; PostgreSQL pool 10 per instance';
  context.sqlite = 'WAL, synchronous=NORMAL (server/store/sqlite/db.ts): no fsync per commit';
  report('postgres', figures, context);
} finally {
  for (const instance of running) await stop(instance).catch(() => undefined);
  await db.drop().catch(() => undefined);
  await cluster.stop();
  fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  fs.rmSync(pgDataDir, { recursive: true, force: true });
}
