/**
 * The web shell: serves the built renderer and the console bridge over HTTP on 127.0.0.1, so the
 * same console runs in a browser (intranet machines without Electron) and end-to-end tests drive
 * it in Chromium. It holds no logic of its own: every call goes through dispatchBridge, exactly as
 * electron/main.ts does for IPC.
 *
 * Guard rails, in the order a request meets them:
 * - loopback only, and the Host header must name the loopback address we listen on (a page on a
 *   rebound DNS name cannot talk to us);
 * - a random 32-byte token per start, compared in constant time, required on every bridge call
 *   (header `x-console-token`) and on the event stream (`?token=`, because EventSource cannot
 *   set headers);
 * - bodies must be `application/json` and at most MAX_BRIDGE_PAYLOAD_BYTES;
 * - static files only from the renderer folder, never outside it, with a strict CSP.
 *
 * Run directly: `npx tsx electron/web-shell.ts [--port N] [--data DIR] [--exchange URL] [--demo]`
 * (env CONSOLE_PORT, CONSOLE_DATA, EXCHANGE_URL). Prints exactly one stdout line
 * `CONSOLE_READY http://127.0.0.1:<port>/#token=<token>` when listening.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { BRIDGE_EVENTS, MAX_BRIDGE_PAYLOAD_BYTES, type BridgeEvent } from '#shared/contract/bridge';
import { HTTP_STATUS, type ErrorCode } from '#shared/errors';
import { dispatchBridge } from '#console/dispatch';
import { createConsoleService, type ConsoleCore } from '#console/service';

export interface WebShellOptions {
  core: ConsoleCore;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Folder with the built renderer; default dist/renderer of this checkout. */
  rendererDir?: string;
  /** Interval of SSE keep-alive comments; proxies and browsers drop silent streams. */
  keepAliveMs?: number;
}

export interface WebShell {
  url: string;
  port: number;
  token: string;
  /** Stops listening and ends open event streams. Does not close the core (its owner does). */
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-console-token';
const HOST = '127.0.0.1';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/**
 * The policy of the <meta http-equiv="Content-Security-Policy"> in renderer/index.html, plus what
 * only a header can carry (frame-ancestors). MUI/emotion and ag-grid inject <style> elements, hence
 * 'unsafe-inline' for styles only; attachments are shown from data:/blob: URLs.
 * When you change it, also change the renderer's meta tag and CONSOLE_CSP in electron/main.ts.
 */
export const WEB_SHELL_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Drained bodies beyond this are cut off by closing the socket rather than read to the end. */
const MAX_DRAIN_BYTES = 16 * MAX_BRIDGE_PAYLOAD_BYTES;

export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const token = randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  const rendererDir = path.resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  const keepAliveMs = opts.keepAliveMs ?? 15_000;
  const streams = new Set<ServerResponse>();
  let port = 0;

  // Hash both sides first so the comparison is constant-time whatever the length of the guess.
  const tokenMatches = (candidate: string | undefined | null): boolean =>
    typeof candidate === 'string' && candidate.length > 0 && timingSafeEqual(digest(candidate), tokenDigest);

  // no Host header: `hostAllowed` refuses it in the one error shape, instead of Node's bare 400
  const server: Server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      // the client went away mid-request: nobody to answer, and no bug
      if (req.destroyed || (err as NodeJS.ErrnoException).code === 'ECONNRESET') return;
      console.error('[web-shell] unhandled error', err);
      if (!res.headersSent) sendError(res, 'internal', 'internal error');
      else res.destroy();
    });
  });
  // Malformed raw HTTP never reaches `handle`: answer it in the one error shape too, not Node's bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const text = JSON.stringify({ ok: false, error: { code: tooLarge ? 'payload_too_large' : 'invalid', message: tooLarge ? 'request headers too large' : 'malformed HTTP request' } });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) return sendError(res, 'forbidden', 'unexpected Host header');
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);

    if (url.pathname === '/bridge/events') {
      if (req.method !== 'GET') return sendError(res, 'invalid', 'use GET for the event stream', { allow: 'GET' }, 405);
      if (!tokenMatches(url.searchParams.get('token'))) return sendError(res, 'unauthenticated', 'missing or wrong console token');
      return openEventStream(req, res);
    }
    if (url.pathname.startsWith('/bridge/')) {
      if (!tokenMatches(headerValue(req.headers[TOKEN_HEADER]))) return drainThen(req, () => sendError(res, 'unauthenticated', 'missing or wrong console token'));
      if (req.method !== 'POST') return drainThen(req, () => sendError(res, 'invalid', 'use POST for bridge calls', { allow: 'POST' }, 405));
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/bridge/'.length));
      } catch {
        // `/bridge/%` or `/bridge/%ZZ`: no method has such a name
        return drainThen(req, () => sendError(res, 'unknown_method', 'bad percent-encoding in the method name'));
      }
      return bridgeCall(req, res, method);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'invalid', 'method not allowed', { allow: 'GET, HEAD' }, 405);
    return serveStatic(req, res, url.pathname);
  }

  async function bridgeCall(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return drainThen(req, () => sendError(res, 'unsupported_media_type', 'bridge calls take application/json'));
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BRIDGE_PAYLOAD_BYTES) return drainThen(req, () => sendError(res, 'payload_too_large', `body over ${MAX_BRIDGE_PAYLOAD_BYTES} bytes`));

    const body = await readBody(req, MAX_BRIDGE_PAYLOAD_BYTES);
    if (body === 'too_large') return drainThen(req, () => sendError(res, 'payload_too_large', `body over ${MAX_BRIDGE_PAYLOAD_BYTES} bytes`));
    let args: unknown;
    try {
      // An empty body means "no arguments", the same as {} (what the renderer sends).
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 'bad_json', 'the body is not valid JSON');
    }
    const reply = await dispatchBridge(opts.core, method, args);
    if (reply.ok) return sendJson(res, 200, reply);
    return sendJson(res, HTTP_STATUS[reply.error.code], reply);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const unsubscribes = (Object.keys(BRIDGE_EVENTS) as BridgeEvent[]).map((event) =>
      opts.core.on(event, (payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
    streams.add(res);
    const cleanUp = () => {
      clearInterval(keepAlive);
      for (const unsubscribe of unsubscribes) unsubscribe();
      streams.delete(res);
    };
    req.on('close', cleanUp);
    res.on('close', cleanUp);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return sendError(res, 'invalid', 'bad path encoding');
    }
    if (relative.includes('\0')) return sendError(res, 'not_found', 'not found');
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(rendererDir, '.' + path.posix.normalize('/' + relative));
    // resolve() collapses "..": anything that still lands outside the renderer folder is refused.
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return sendError(res, 'not_found', 'not found');

    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (relative === '/index.html') return sendError(res, 'unavailable', 'the renderer is not built: run `npm run build:renderer`');
      return sendError(res, 'not_found', 'not found');
    }
    const bytes = await readFile(file);
    const ext = path.extname(file).toLowerCase();
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-security-policy': WEB_SHELL_CSP,
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'content-length': bytes.length,
      // Vite fingerprints everything under assets/; the page itself must always be fresh.
      'cache-control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

/** Reads at most `limit` bytes; beyond that stops and reports it, leaving the rest unread. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * Answers only after the client has finished sending, so it reads our status instead of a reset
 * connection; a client that keeps sending past MAX_DRAIN_BYTES is cut off.
 */
function drainThen(req: IncomingMessage, respond: () => void): void {
  if (req.readableEnded) return respond();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.once('end', respond);
  req.resume();
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}, status = HTTP_STATUS[code]): void {
  sendJson(res, status, { ok: false, error: { code, message } }, headers);
}

// ---- CLI ----------------------------------------------------------------------------------------

interface CliConfig {
  port: number;
  dataDir: string;
  exchangeUrl: string;
  demo: boolean;
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at >= 0) return argv[at + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const port = Number(flag('port') ?? env.CONSOLE_PORT ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`bad port: ${String(flag('port') ?? env.CONSOLE_PORT)}`);
  return {
    port,
    dataDir: path.resolve(flag('data') ?? env.CONSOLE_DATA ?? '.data/console'),
    exchangeUrl: flag('exchange') ?? env.EXCHANGE_URL ?? 'http://127.0.0.1:7410',
    demo: argv.includes('--demo') || env.CONSOLE_DEMO === '1',
  };
}

async function main(): Promise<void> {
  const config = parseCli(process.argv.slice(2), process.env);
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const core = await createConsoleService({ dataDir: config.dataDir, exchangeUrl: config.exchangeUrl, shell: 'web', demo: config.demo, version });
  const shell = await startWebShell({ core, port: config.port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`[web-shell] ${signal}: closing`);
    // Close the listener first so nothing new reaches the core, then the core (which closes SQLite).
    await shell.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  process.stdout.write(`CONSOLE_READY ${shell.url}\n`);
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error('[web-shell] failed to start:', err);
    process.exit(1);
  });
}
