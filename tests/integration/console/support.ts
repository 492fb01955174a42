import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChangesResponseSchema, CommandsResponseSchema, ROUTES } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import type { Command } from '#shared/domain/commands';
import { createConsoleService, type ConsoleCore, type ConsoleServiceOptions } from '#console/service';

export const PASSWORD = 'Demo#2026';

export function tempDir(prefix = 'console-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function startCore(dataDir: string, exchangeUrl: string, extra: Partial<ConsoleServiceOptions> = {}): Promise<ConsoleCore> {
  return createConsoleService({ dataDir, exchangeUrl, shell: 'web', demo: true, version: 'test', longPollMs: 2_000, ...extra });
}

/** Polls `check` until it returns a truthy value or the deadline passes (no sleeps standing in for waits). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A URL nothing listens on: connections are refused at once, like an unplugged network. */
export async function deadUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** Reads the cache file directly, as an inspector would (read-only). */
export function readCache<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'cache.sqlite'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Every item the officer behind `token` sees on the exchange, by id. */
export async function exchangeItems(url: string, token: string): Promise<Map<string, WorkItem>> {
  const out = new Map<string, WorkItem>();
  let after = 0;
  for (;;) {
    const res = await fetch(`${url}${ROUTES.changes}?after=${after}&limit=2000`, { headers: { authorization: `Bearer ${token}` } });
    const page = ChangesResponseSchema.parse(await res.json());
    for (const item of page.items) out.set(item.id, item);
    for (const id of page.removed) out.delete(id);
    after = page.next;
    if (!page.hasMore) return out;
  }
}

export async function exchangeItem(url: string, token: string, id: string): Promise<WorkItem | undefined> {
  return (await exchangeItems(url, token)).get(id);
}

/** Sends commands straight to the exchange, as another officer's console would. */
export async function postCommands(url: string, token: string, commands: Command[]) {
  const res = await fetch(`${url}${ROUTES.commands}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ commands }),
  });
  return CommandsResponseSchema.parse(await res.json()).results;
}
