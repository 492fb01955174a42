/**
 * Exchange bench: a store seeded with 100k items (server/demo.ts seedBench, through the intake
 * logic), served by the real exchange process (`node --import tsx server/main.ts`) on 127.0.0.1.
 * (a) changes-feed throughput for a province supervisor, (b) command throughput and latency with
 * 50 and 200 concurrent officers (closed loop), (c) the same 200-connection closed loop against a
 * bare Fastify route in its own process (bench/lib/bare-fastify.ts), and the ratio of (b) to it,
 * (d) an open loop — 2,000 commands/s offered by 200 officers on their own schedules, latency from
 * each command's scheduled time (no coordinated omission), 5 runs, median of the runs' p95 and p99 —
 * and (e) the ratio of (b) to raw better-sqlite3 transactions doing the same rows, all in this run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_FILE } from '#server/store/sqlite/index';
import { percentile, report, type Figure } from './lib/report';
import { HttpClient } from './lib/http';
import { loadAverage, loginAll, readFeed, round, seedExchange, startSeededExchange, tempDir } from './lib/fixtures';
import { PROVINCE_SUPERVISOR, assignItems, workerOfficers } from './lib/officers';
import { makeWorker, runLoad, runOpenLoop, type LoadResult, type OpenLoopResult, type Worker } from './lib/load';
import { rawCommandThroughput } from './lib/raw-exchange';

const TOTAL = Number(process.env.BENCH_ITEMS ?? 100_000);
const LEVELS = [50, 200] as const;
const COMMANDS_PER_LEVEL = Number(process.env.BENCH_COMMANDS ?? 20_000);
const LEVEL_MAX_MS = 15_000;
const WARMUP_COMMANDS = 1_000;
const ITEMS_PER_OFFICER = 8;
const FEED_LIMIT = 1000;
const RAW_COMMANDS = 20_000;
const BARE_CONNECTIONS = 200;
const OPEN_RATE = 2_000;
const OPEN_OFFICERS = 200;
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 5);
const OPEN_RUN_MS = Number(process.env.BENCH_OPEN_MS ?? 5_000);
const OPEN_WARMUP_MS = 2_000;
const median = (xs: readonly number[]) => percentile(xs, 50);

const log = (line: string) => console.log(`[exchange.bench] ${line}`);

/**
 * The bare-Fastify baseline as a child process started like the exchange (`node --import tsx`),
 * answering `reply` (a real command result) to every command batch.
 */
async function startBareFastify(reply: string): Promise<{ url: string; stop(): Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '..');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-fastify.ts'], {
    cwd: root,
    env: { ...process.env, BARE_REPLY_JSON: reply },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^BARE_READY (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`bare fastify exited (${code}):\n${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Workers with their own copy of the items' versions (the baseline's replies must not move the real ones). */
const detached = (ws: readonly Worker[]): Worker[] => ws.map((w) => ({ ...w, items: w.items.map((i) => ({ ...i })) }));

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

  // (c) the same closed loop against a bare Fastify route, same client, same request bodies
  const top = results.get(200)!;
  const topRate = (top.applied / top.wallMs) * 1000;
  const sampleReply = top.typicalBody ?? '{"results":[]}';
  const bare = await startBareFastify(sampleReply);
  const bareHttp = new HttpClient(bare.url, 256);
  let bareResult: LoadResult;
  try {
    const bareWorkers = detached(workers.slice(0, BARE_CONNECTIONS));
    await runLoad(bareHttp, bareWorkers, { commands: WARMUP_COMMANDS, maxMs: LEVEL_MAX_MS });
    bareResult = await runLoad(bareHttp, bareWorkers, { commands: COMMANDS_PER_LEVEL, maxMs: LEVEL_MAX_MS });
  } finally {
    bareHttp.close();
    await bare.stop();
  }
  const bareRate = (bareResult.sent / bareResult.wallMs) * 1000;
  const ratioBare = topRate / bareRate;
  log(`bare fastify, ${BARE_CONNECTIONS} connections: ${bareResult.sent} in ${Math.round(bareResult.wallMs)} ms → ${Math.round(bareRate)}/s, p95 ${percentile(bareResult.latenciesMs, 95).toFixed(1)} ms; ratio ${ratioBare.toFixed(3)}`);
  figures.push({
    metric: `bare Fastify route req/s, ${BARE_CONNECTIONS} connections`,
    value: Math.round(bareRate),
    unit: 'req/s',
    note: `${bareResult.sent} sent in ${round(bareResult.wallMs / 1000, 2)} s, p50 ${round(percentile(bareResult.latenciesMs, 50), 2)} / p95 ${round(percentile(bareResult.latenciesMs, 95), 2)} ms; reply ${Buffer.byteLength(sampleReply)} B (the exchange's mean ${Math.round(top.responseBytes / top.sent)} B)`,
  });
  figures.push({ metric: 'ratio commands/s (200 officers) ÷ bare Fastify req/s', value: round(ratioBare, 3), unit: 'ratio', aim: '≥ 0.7', met: ratioBare >= 0.7 });

  // (d) open loop: 2,000 commands/s from 200 officers, each on its own connection and schedule
  const openWorkers = workers.slice(0, OPEN_OFFICERS);
  const openClients = openWorkers.map(() => new HttpClient(exchange.url, 1));
  const openRuns: OpenLoopResult[] = [];
  try {
    const warmOpen = await runOpenLoop(openClients, openWorkers, { ratePerSecond: OPEN_RATE, durationMs: OPEN_WARMUP_MS, seed: 99 });
    log(`open-loop warm-up: ${warmOpen.applied}/${warmOpen.sent} applied`);
    for (let run = 0; run < OPEN_RUNS; run++) {
      const r = await runOpenLoop(openClients, openWorkers, { ratePerSecond: OPEN_RATE, durationMs: OPEN_RUN_MS, seed: run + 1 });
      openRuns.push(r);
      log(
        `open loop run ${run + 1}: ${r.applied}/${r.sent} applied (${r.scheduled} scheduled) in ${Math.round(r.wallMs)} ms, ` +
          `p50 ${percentile(r.latenciesMs, 50).toFixed(2)} p95 ${percentile(r.latenciesMs, 95).toFixed(2)} p99 ${percentile(r.latenciesMs, 99).toFixed(2)} ms, ` +
          `send lag p99 ${percentile(r.sendLagMs, 99).toFixed(2)} ms (generator's timers p99 ${percentile(r.timerLagMs, 99).toFixed(2)} ms), not applied ${JSON.stringify(r.notApplied)}`,
      );
    }
  } finally {
    for (const c of openClients) c.close();
  }
  const p = (r: OpenLoopResult, q: number) => round(percentile(r.latenciesMs, q), 2);
  const perRun = openRuns.map((r, i) => `#${i + 1} ${p(r, 50)}/${p(r, 95)}/${p(r, 99)}`).join(', ');
  const openP95 = median(openRuns.map((r) => percentile(r.latenciesMs, 95)));
  const openP99 = median(openRuns.map((r) => percentile(r.latenciesMs, 99)));
  const openP50 = median(openRuns.map((r) => percentile(r.latenciesMs, 50)));
  const achieved = median(openRuns.map((r) => (r.sent / r.wallMs) * 1000));
  const openNotApplied = openRuns.reduce((n, r) => n + (r.sent - r.applied), 0);
  const openLabel = `open loop ${OPEN_RATE}/s, ${OPEN_OFFICERS} officers`;
  figures.push({ metric: `latency p50, ${openLabel}`, value: round(openP50, 2), unit: 'ms', note: `median of ${openRuns.length} runs of ${OPEN_RUN_MS / 1000} s; per run p50/p95/p99 ms: ${perRun}` });
  figures.push({ metric: `latency p95, ${openLabel}`, value: round(openP95, 2), unit: 'ms', aim: '≤ 10', met: openP95 <= 10, note: `median of ${openRuns.length} runs, from the scheduled send` });
  figures.push({ metric: `latency p99, ${openLabel}`, value: round(openP99, 2), unit: 'ms', aim: '≤ 25', met: openP99 <= 25, note: `median of ${openRuns.length} runs, from the scheduled send` });
  figures.push({
    metric: `achieved rate, ${openLabel}`,
    value: Math.round(achieved),
    unit: 'cmd/s',
    note: `median of runs; sent ÷ (schedule + last answer), ${OPEN_RUN_MS / 1000} s schedules; send lag p99 ${round(median(openRuns.map((r) => percentile(r.sendLagMs, 99))), 2)} ms, of it the generator's own timers p99 ${round(median(openRuns.map((r) => percentile(r.timerLagMs, 99))), 2)} ms (medians of runs)`,
  });
  figures.push({
    metric: `commands not applied, ${openLabel}`,
    value: openNotApplied,
    unit: 'count',
    aim: '0',
    met: openNotApplied === 0,
    note: `of ${openRuns.reduce((n, r) => n + r.sent, 0)} sent over the runs${openNotApplied ? ` ${JSON.stringify(openRuns.map((r) => r.notApplied))}` : ''}`,
  });
  await exchange.stop();

  // (e) the same rows through raw better-sqlite3, same machine, same run
  const work = officers.map((o) => ({ badge: o.badge, itemIds: assigned.get(o.badge)!.map((i) => i.id) }));
  const raw = rawCommandThroughput(rawDb, work, RAW_COMMANDS);
  log(`raw better-sqlite3: ${raw.commands} transactions in ${Math.round(raw.ms)} ms → ${Math.round(raw.perSecond)}/s`);
  figures.push({ metric: 'raw better-sqlite3 command transactions', value: Math.round(raw.perSecond), unit: 'tx/s', note: 'same rows per command, one tx each, no HTTP' });
  figures.push({ metric: 'ratio commands/s (200 officers) ÷ raw tx/s', value: round(topRate / raw.perSecond, 3), unit: 'ratio' });

  context.loadAverageAtEnd = loadAverage();
  context.officers = { levels: LEVELS, itemsPerOfficer: ITEMS_PER_OFFICER, cycle: 'claim → note → release, one command per request, expectedVersion from each result', warmupCommands: WARMUP_COMMANDS };
  context.commandsPerLevel = COMMANDS_PER_LEVEL;
  context.levelMaxMs = LEVEL_MAX_MS;
  context.bareFastify = {
    process: 'node --import tsx bench/lib/bare-fastify.ts (same fastify, same Node flags as the exchange child)',
    route: 'POST of the same command batches; default JSON parser, no hooks/schemas/logger; answers a captured command result through the default serializer',
    connections: BARE_CONNECTIONS,
    requests: COMMANDS_PER_LEVEL,
    replyBytes: Buffer.byteLength(sampleReply),
  };
  context.openLoop = {
    ratePerSecond: OPEN_RATE,
    officers: OPEN_OFFICERS,
    connection: 'one keep-alive socket per officer (HttpClient maxSockets 1)',
    schedule: `each officer every ${(OPEN_OFFICERS / OPEN_RATE) * 1000} ms from a random phase of its own; a command due while its officer waits leaves when the answer is in`,
    latency: 'answer time − min(scheduled time, send time)',
    runs: OPEN_RUNS,
    runMs: OPEN_RUN_MS,
    warmupMs: OPEN_WARMUP_MS,
    perRun: openRuns.map((r) => ({
      sent: r.sent,
      applied: r.applied,
      wallMs: Math.round(r.wallMs),
      p50: p(r, 50),
      p95: p(r, 95),
      p99: p(r, 99),
      max: round(Math.max(...r.latenciesMs), 2),
      sendLagP99: round(percentile(r.sendLagMs, 99), 2),
      generatorTimerLagP99: round(percentile(r.timerLagMs, 99), 2),
      notApplied: r.notApplied,
    })),
  };
  context.notApplied = Object.fromEntries([...results].map(([k, r]) => [k, r.notApplied]));
  report('exchange', figures, context);
} finally {
  http.close();
  await exchange.stop();
  fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  fs.rmSync(rawDir, { recursive: true, force: true });
}
