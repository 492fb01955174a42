import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Officer } from '#shared/domain/officers';
import type { WorkItem } from '#shared/domain/items';
import { ChangesResponseSchema, ROUTES } from '#shared/contract/api';
import { createSqliteStore } from '#server/store/sqlite/index';
import { ensureDemoOfficers, createOfficers } from '#server/officers';
import { ingest, seedBench, type SeedReport } from '#server/demo';
import { generateDemoData } from '#server/seed/index';
import { startExchange, login, type ExchangeHandle } from '../../tests/helpers/exchange';
import { HttpClient } from './http';

/**
 * What the benches share: a seeded exchange data folder (seeded in-process through the server's
 * own intake path, then served by the real exchange process), bench officers, logins and a
 * feed reader. Everything stays on 127.0.0.1 and in temp folders.
 */
export const BENCH_PASSWORD = 'Bench#2026pw';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
}

export interface SeededData {
  readonly dataDir: string;
  readonly seed: SeedReport;
  /** Wall time of generating and ingesting, ms. */
  readonly seedMs: number;
  readonly officersMs: number;
}

/**
 * Seeds an exchange data folder and creates the bench officers (plus the demo officers), with the
 * store opened in this process; the store is closed before the exchange process opens the folder.
 * `applicationsIn` puts every item as an application of that city (grid bench: one clerk's scope).
 */
export async function seedExchange(opts: {
  total: number;
  officers: readonly Officer[];
  applicationsIn?: string;
}): Promise<SeededData> {
  const dataDir = tempDir('exchange');
  const store = createSqliteStore(dataDir);
  try {
    const t0 = performance.now();
    const seed = opts.applicationsIn
      ? await ingest(
          store,
          await generateDemoData({ seed: 11, perCity: { [opts.applicationsIn]: { applications: opts.total, accidents: 0, tips: 0 } }, photos: 'reuse' }),
        )
      : await seedBench(store, opts.total);
    const seedMs = performance.now() - t0;
    const t1 = performance.now();
    await ensureDemoOfficers(store);
    // scrypt runs on libuv's pool: hashing a few at a time uses both cores
    const queue = [...opts.officers];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let o = queue.shift(); o !== undefined; o = queue.shift()) await createOfficers(store, [{ ...o, password: BENCH_PASSWORD }]);
      }),
    );
    return { dataDir, seed, seedMs, officersMs: performance.now() - t1 };
  } finally {
    await store.close();
  }
}

export async function startSeededExchange(dataDir: string): Promise<ExchangeHandle> {
  // EXCHANGE_LOG unset: fastify's request logging would measure the logger, not the exchange
  return startExchange({ dataDir, env: { EXCHANGE_INTAKE_KEY: 'bench-intake-key' } });
}

export async function loginAll(url: string, badges: readonly string[], password = BENCH_PASSWORD, concurrency = 8): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const queue = [...badges];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let badge = queue.shift(); badge !== undefined; badge = queue.shift()) tokens.set(badge, await login(url, badge, password));
    }),
  );
  return tokens;
}

export interface FeedRead {
  readonly items: WorkItem[];
  readonly pages: number;
  readonly bytes: number;
  readonly ms: number;
  readonly next: number;
}

/** Pages through the whole changes feed for one officer. */
export async function readFeed(http: HttpClient, token: string, limit: number): Promise<FeedRead> {
  const items = new Map<string, WorkItem>();
  let after = 0;
  let pages = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (;;) {
    const res = await http.request('GET', `${ROUTES.changes}?after=${after}&limit=${limit}`, token);
    if (res.status !== 200) throw new Error(`changes page after ${after}: ${res.status} ${res.body.slice(0, 300)}`);
    bytes += Buffer.byteLength(res.body);
    const page = ChangesResponseSchema.parse(JSON.parse(res.body));
    pages++;
    for (const item of page.items) items.set(item.id, item);
    after = page.next;
    if (!page.hasMore) break;
  }
  return { items: [...items.values()], pages, bytes, ms: performance.now() - t0, next: after };
}

/** 1-minute load average as "x.xx": the machine is shared, so every result says how busy it was. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
