import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from 'node:http';
import * as intakeBodies from '../../helpers/intake-bodies';
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


export interface ProxyHandle {
  url: string;
  /** Every request seen, in order: method, path with query, and the JSON body for POSTs. */
  requests: { method: string; path: string; body: unknown }[];
  /**
   * Forward the next POST /commands to the exchange, then destroy the client socket instead of
   * answering; with `thenCommandsDown`, commands stay cut off after it (see commandsDown).
   */
  dropNextCommandsResponse(opts?: { thenCommandsDown?: boolean }): void;
  /** While true, every connection is destroyed at once (the network is down). */
  down: boolean;
  /** While true, only POST /commands connections are destroyed (the feed still flows). */
  commandsDown: boolean;
  close(): Promise<void>;
}

/** A tiny HTTP proxy between a console and the exchange, to cut the line at chosen moments. */
export async function startProxy(target: string): Promise<ProxyHandle> {
  const t = new URL(target);
  let dropNext = false;
  let downAfterDrop = false;
  const handle: ProxyHandle = {
    url: '',
    requests: [],
    down: false,
    commandsDown: false,
    dropNextCommandsResponse: (opts) => {
      dropNext = true;
      downAfterDrop = opts?.thenCommandsDown ?? false;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const readBody = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  const server = createHttpServer(async (req, res) => {
    if (handle.down || (handle.commandsDown && req.method === 'POST' && (req.url ?? '').startsWith(ROUTES.commands))) {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    let parsed: unknown = null;
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body.toString());
      } catch {
        parsed = null;
      }
    }
    handle.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', body: parsed });
    const drop = dropNext && req.method === 'POST' && (req.url ?? '').startsWith(ROUTES.commands);
    if (drop) {
      dropNext = false;
      if (downAfterDrop) handle.commandsDown = true;
    }
    const up = httpRequest(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } },
      (upRes) => {
        if (drop) {
          // the exchange has applied the commands; the console never hears back
          upRes.resume();
          upRes.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => req.socket.destroy());
    up.end(body);
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  handle.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // let close() finish even with keep-alive sockets open
  const close = handle.close;
  handle.close = () => {
    server.closeAllConnections();
    return close();
  };
  return handle;
}

/** A valid application intake body (exit-entry passport, collected at the window). */
export function applicationBody(unitCode = '410100', name = '张三') {
  return intakeBodies.applicationBody(unitCode, {}, name);
}

/** A valid accident intake body whose photos are the given uploaded shas (role `scene`). */
export function accidentBody(photoShas: string[], unitCode = '410100') {
  return intakeBodies.accidentBody(
    unitCode,
    photoShas.map((sha256) => ({ sha256, role: 'scene', partyIdx: null })),
  );
}

export const tipBody = intakeBodies.tipBody;
