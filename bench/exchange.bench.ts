/**
 * Exchange bench: a store seeded with 100k items (server/demo.ts seedBench, through the intake
 * logic), served by the real exchange process (`node --import tsx server/main.ts`) on 127.0.0.1.
 * (a) changes-feed throughput for a province supervisor, (b) command throughput and latency with
 * 50 and 200 concurrent officers, (c) the ratio of (b) to raw better-sqlite3 transactions doing the
 * same rows, measured in this run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_FILE } from '#server/store/sqlite/index';
import { percentile, report, type Figure } from './lib/report';
import { HttpClient } from './lib/http';
import { loadAverage, loginAll, readFeed, round, seedExchange, startSeededExchange, tempDir } from './lib/fixtures';
import { PROVINCE_SUPERVISOR, assignItems, workerOfficers } from './lib/officers';
import { makeWorker, runLoad, type LoadResult } from './lib/load';
import { rawCommandThroughput } from './lib/raw-exchange';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 100_000);
const LEVELS = [50, 200] as const;
const COMMANDS_PER_LEVEL = Number(process.env.BENCH_COMMANDS ?? 20_000);
const LEVEL_MAX_MS = 15_000;
const WARMUP_COMMANDS = 1_000;
const ITEMS_PER_OFFICER = 8;
const FEED_LIMIT = 1000;
const RAW_COMMANDS = 20_000;

const log = (line: string) => console.log(`[exchange.bench] ${line}`);

const officers = workerOfficers(TOTAL, Math.max(...LEVELS), ITEMS_PER_OFFICER);
log(`seeding ${TOTAL} items (seedBench) and ${officers.length + 1} bench officers…`);
const seeded = await seedExchange({ total: TOTAL, officers: [PROVINCE_SUPERVISOR, ...officers] });
log(`seeded ${seeded.seed.created} items in ${Math.round(seeded.seedMs)} ms (refused ${seeded.seed.refused}); officers in ${Math.round(seeded.officersMs)} ms`);

// the raw baseline works on a copy of the same seeded database (closed, so the WAL is folded in)
const rawDir = tempDir('raw-exchange');
const rawDb = path.join(rawDir, DB_FILE);
fs.copyFileSync(path.join(seeded.dataDir, DB_FILE), rawDb);

const exchange = await startSeededExchange(seeded.dataDir);
const http = new HttpClient(exchange.url, 256);
const figures: Figure[] = [];
const context: Record<string, unknown> = {
  items: TOTAL,
  exchange: 'child process: node --import tsx server/main.ts (tests/helpers/exchange.ts startExchange), 127.0.0.1',
  loadAverageAtStart: loadAverage(),
};
try {
  figures.push({ metric: 'seed 100k items (seedBench: generate + intake)', value: round(seeded.seedMs / 1000, 2), unit: 's' });
  figures.push({ metric: 'seed rate', value: Math.round((seeded.seed.created / seeded.seedMs) * 1000), unit: 'items/s' });

  // (a) the whole feed as a province supervisor
  const [supToken] = [...(await loginAll(exchange.url, [PROVINCE_SUPERVISOR.badge])).values()];
  const feed = await readFeed(http, supToken!, FEED_LIMIT);
  log(`feed: ${feed.items.length} items in ${feed.pages} pages, ${Math.round(feed.ms)} ms, ${(feed.bytes / 2 ** 20).toFixed(1)} MiB`);
  if (feed.items.length !== seeded.seed.created) throw new Error(`the supervisor's feed has ${feed.items.length} items, expected ${seeded.seed.created}`);
  figures.push({ metric: `changes feed, full read (limit ${FEED_LIMIT})`, value: Math.round((feed.items.length / feed.ms) * 1000), unit: 'items/s', note: `${feed.pages} pages, ${round(feed.ms / 1000, 2)} s, ${round(feed.bytes / 2 ** 20)} MiB` });

  // (b) officers working their own items
  const assigned = assignItems(officers, feed.items, ITEMS_PER_OFFICER);
  const t0 = performance.now();
  const tokens = await loginAll(exchange.url, officers.map((o) => o.badge));
  log(`${tokens.size} officers logged in in ${Math.round(performance.now() - t0)} ms`);
  const workers = officers.map((o) => makeWorker(o.badge, tokens.get(o.badge)!, assigned.get(o.badge)!));

  const warm = await runLoad(http, workers.slice(0, LEVELS[0]), { commands: WARMUP_COMMANDS, maxMs: LEVEL_MAX_MS });
  log(`warm-up: ${warm.applied}/${warm.sent} applied`);
  const results = new Map<number, LoadResult>();
  for (const level of LEVELS) {
    const r = await runLoad(http, workers.slice(0, level), { commands: COMMANDS_PER_LEVEL, maxMs: LEVEL_MAX_MS });
    results.set(level, r);
    const perSecond = (r.applied / r.wallMs) * 1000;
    const p95 = percentile(r.latenciesMs, 95);
    log(`${level} officers: ${r.applied}/${r.sent} applied in ${Math.round(r.wallMs)} ms → ${Math.round(perSecond)}/s, p95 ${p95.toFixed(1)} ms, not applied ${JSON.stringify(r.notApplied)}`);
    const aimed = level === 200;
    figures.push({
      metric: `commands/s, ${level} officers`,
      value: Math.round(perSecond),
      unit: 'cmd/s',
      ...(aimed ? { aim: '≥ 2000', met: perSecond >= 2000 } : {}),
      note: `${r.sent} sent in ${round(r.wallMs / 1000, 2)} s`,
    });
    figures.push({ metric: `latency p50, ${level} officers`, value: round(percentile(r.latenciesMs, 50), 2), unit: 'ms' });
    figures.push({ metric: `latency p95, ${level} officers`, value: round(p95, 2), unit: 'ms', ...(aimed ? { aim: '≤ 50', met: p95 <= 50 } : {}) });
    figures.push({ metric: `latency p99, ${level} officers`, value: round(percentile(r.latenciesMs, 99), 2), unit: 'ms' });
    const rejected = r.sent - r.applied;
    figures.push({ metric: `commands not applied, ${level} officers`, value: rejected, unit: 'count', aim: '0', met: rejected === 0, note: rejected ? JSON.stringify(r.notApplied) : '' });
  }
  await exchange.stop();

  // (c) the same rows through raw better-sqlite3, same machine, same run
  const work = officers.map((o) => ({ badge: o.badge, itemIds: assigned.get(o.badge)!.map((i) => i.id) }));
  const raw = rawCommandThroughput(rawDb, work, RAW_COMMANDS);
  log(`raw better-sqlite3: ${raw.commands} transactions in ${Math.round(raw.ms)} ms → ${Math.round(raw.perSecond)}/s`);
  const top = results.get(200)!;
  const topRate = (top.applied / top.wallMs) * 1000;
  figures.push({ metric: 'raw better-sqlite3 command transactions', value: Math.round(raw.perSecond), unit: 'tx/s', note: 'same rows per command, one tx each, no HTTP' });
  figures.push({ metric: 'ratio commands/s (200 officers) ÷ raw tx/s', value: round(topRate / raw.perSecond, 3), unit: 'ratio' });

  context.loadAverageAtEnd = loadAverage();
  context.officers = { levels: LEVELS, itemsPerOfficer: ITEMS_PER_OFFICER, cycle: 'claim → note → release, one command per request, expectedVersion from each result', warmupCommands: WARMUP_COMMANDS };
  context.commandsPerLevel = COMMANDS_PER_LEVEL;
  context.levelMaxMs = LEVEL_MAX_MS;
  context.notApplied = Object.fromEntries([...results].map(([k, r]) => [k, r.notApplied]));
  report('exchange', figures, context);
} finally {
  http.close();
  await exchange.stop();
  fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  fs.rmSync(rawDir, { recursive: true, force: true });
}
