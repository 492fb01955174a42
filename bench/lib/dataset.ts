import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROUTES } from '#shared/contract/api';
import type { ConsoleCore } from '#console/service';
import { HttpClient } from './http';
import { seedExchange } from './fixtures';
import { login } from '../../tests/helpers/exchange';

/**
 * The console and grid benches share one dataset: 100k applications in Zhengzhou, so one window
 * clerk (demo officer 100001) has all of them in scope — the heaviest queue a console can hold.
 * The console bench seeds it and leaves the exchange folder and the synced cache here; the grid
 * bench reuses them when present (else prepares its own) and deletes them when done.
 */
/** BENCH_SHARED_ROOT moves it, so two people's runs on one machine keep their own data. */
export const SHARED_ROOT = process.env.BENCH_SHARED_ROOT ?? path.join(os.tmpdir(), 'officer-console-bench-shared');
export const CLERK = { badge: '100001', password: 'Demo#2026' } as const;
/** Another Zhengzhou clerk: the officer whose commands the console must pick up. */
export const OTHER_CLERK = { badge: '100005', password: 'Demo#2026' } as const;
export const CITY = '410100';

interface Marker {
  readonly items: number;
  readonly exchangeDir: string;
  readonly consoleDir: string;
}

export function sharedDirs(): { exchangeDir: string; consoleDir: string } {
  return { exchangeDir: path.join(SHARED_ROOT, 'exchange'), consoleDir: path.join(SHARED_ROOT, 'console') };
}

export function resetShared(): void {
  fs.rmSync(SHARED_ROOT, { recursive: true, force: true });
}

/** Seeds the exchange folder of the shared dataset; returns the seeding time. */
export async function seedShared(total: number): Promise<{ exchangeDir: string; consoleDir: string; seedMs: number; created: number }> {
  resetShared();
  const seeded = await seedExchange({ total, officers: [], applicationsIn: CITY });
  const dirs = sharedDirs();
  fs.mkdirSync(SHARED_ROOT, { recursive: true });
  fs.renameSync(seeded.dataDir, dirs.exchangeDir);
  return { ...dirs, seedMs: seeded.seedMs, created: seeded.seed.created };
}

export function markShared(items: number): void {
  const marker: Marker = { items, ...sharedDirs() };
  fs.writeFileSync(path.join(SHARED_ROOT, 'ready.json'), JSON.stringify(marker));
}

export function findShared(): Marker | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(SHARED_ROOT, 'ready.json'), 'utf8')) as Marker;
    return fs.existsSync(m.exchangeDir) && fs.existsSync(path.join(m.consoleDir, 'cache.sqlite')) ? m : null;
  } catch {
    return null;
  }
}

/** The newest change seq on the exchange (`changes/wait` answers at once when anything is newer). */
export async function latestSeq(url: string): Promise<number> {
  const http = new HttpClient(url, 1);
  try {
    const token = await login(url, OTHER_CLERK.badge, OTHER_CLERK.password);
    const res = await http.request('GET', `${ROUTES.changesWait}?after=0&timeoutMs=0`, token);
    return (JSON.parse(res.body) as { latest: number }).latest;
  } finally {
    http.close();
  }
}

/** Logs the core in and waits until its feed cursor reaches `target`; returns the wall time. */
export async function loginAndSync(core: ConsoleCore, target: number, timeoutMs = 600_000): Promise<number> {
  const t0 = performance.now();
  await core['auth.login']({ badge: CLERK.badge, password: CLERK.password });
  await until(async () => (await core['sync.status']({})).cursor >= target, timeoutMs, 25);
  return performance.now() - t0;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
