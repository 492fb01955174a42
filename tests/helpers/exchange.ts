import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTAKE_KEY_HEADER, LoginResponseSchema, ROUTES } from '#shared/contract/api';
import { applicationBody } from './intake-bodies';

/**
 * Starts the real exchange process (`node --import tsx server/main.ts`) on a free port and a temp
 * data folder, and waits for its `EXCHANGE_READY <url>` line. Shared by the server, console and e2e
 * suites (team brief, interface 2).
 */
export interface ExchangeHandle {
  url: string;
  port: number;
  dataDir: string;
  intakeKey: string;
  stop(): Promise<void>;
  /** SIGKILL: no graceful close, as after a power cut. */
  kill(): Promise<void>;
  /** Stops (gracefully) and starts again on the same port and data folder. */
  restart(): Promise<void>;
}

export interface StartExchangeOptions {
  demo?: boolean;
  dataDir?: string;
  env?: Record<string, string>;
  /** Extra command-line arguments, e.g. ['--officers', file]. */
  args?: string[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY = /^EXCHANGE_READY (http:\/\/127\.0\.0\.1:(\d+))$/m;
const START_TIMEOUT_MS = 90_000;

export const DEMO_PASSWORD = 'Demo#2026';

/**
 * With EXCHANGE_TEST_STORE=postgres (the `integration-pg` vitest project), an exchange that was
 * not given a database gets a fresh one on the run's test cluster, dropped when it stops: the
 * same HTTP tests then hold the PostgreSQL store to what they hold the SQLite store to.
 */
async function testDatabaseEnv(opts: StartExchangeOptions): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const adminUrl = process.env.EXCHANGE_TEST_PG_ADMIN_URL;
  if (process.env.EXCHANGE_TEST_STORE !== 'postgres' || opts.env?.EXCHANGE_DATABASE_URL !== undefined) return { env: {}, drop: async () => undefined };
  if (!adminUrl) throw new Error('EXCHANGE_TEST_STORE=postgres needs the test cluster (tests/helpers/postgres-setup.ts)');
  const { createTestDatabase } = await import('./postgres');
  const db = await createTestDatabase(adminUrl, 'exchange');
  return { env: { EXCHANGE_DATABASE_URL: db.url }, drop: db.drop };
}

export async function startExchange(opts: StartExchangeOptions = {}): Promise<ExchangeHandle> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-'));
  const database = await testDatabaseEnv(opts);
  const intakeKey = opts.env?.EXCHANGE_INTAKE_KEY ?? 'test-intake-key';
  let port = 0;
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    const args = ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data', dataDir, ...(opts.demo ? ['--demo'] : []), ...(opts.args ?? [])];
    const proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        EXCHANGE_DEMO_OFFICERS: '1',
        // a test file logs in far more often than any hall (one address, a few badges); the
        // throttle test sets its own limits
        EXCHANGE_LOGIN_RATE_BADGE: '100000',
        EXCHANGE_LOGIN_RATE_ADDRESS: '100000',
        EXCHANGE_INTAKE_BAD_KEY_RATE: '100000',
        ...database.env,
        ...opts.env,
        EXCHANGE_INTAKE_KEY: intakeKey,
        EXCHANGE_PORT: String(port),
        EXCHANGE_DATA: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`exchange did not start in ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
      proc.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const m = READY.exec(stdout);
        if (m) {
          clearTimeout(timer);
          port = Number(m[2]);
          resolve(m[1]!);
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exchange exited before ready (code ${code}, signal ${signal}):\n${stderr}`));
      });
    });
    handle.url = url;
    handle.port = port;
  };

  const waitExit = (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  };

  const handle: ExchangeHandle = {
    url: '',
    port: 0,
    dataDir,
    intakeKey,
    stop: async () => {
      await waitExit('SIGTERM');
      await database.drop();
    },
    kill: () => waitExit('SIGKILL'),
    restart: async () => {
      await waitExit('SIGTERM');
      await launch();
    },
  };
  await launch();
  return handle;
}

/** Signs in and returns the bearer token; throws with the exchange's error code on failure. */
export async function login(url: string, badge: string, password: string = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${url}${ROUTES.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ badge, password }),
  });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`login ${badge} failed: ${res.status} ${JSON.stringify(body)}`);
  return LoginResponseSchema.parse(body).token;
}

const INTAKE_PATHS = {
  application: ROUTES.intakeApplication,
  accident: ROUTES.intakeAccident,
  tip: ROUTES.intakeTip,
  appointment: ROUTES.intakeAppointment,
  withdraw: ROUTES.intakeWithdraw,
  supplement: ROUTES.intakeSupplement,
} as const;

/**
 * Posts to an intake route with the handle's intake key. Returns the status and parsed body so
 * tests can assert rejections too; `id` is set when the exchange created an item.
 */
export async function intake(
  handle: Pick<ExchangeHandle, 'url' | 'intakeKey'>,
  kind: keyof typeof INTAKE_PATHS,
  body: unknown,
): Promise<{ status: number; id: string | null; body: unknown }> {
  const res = await fetch(`${handle.url}${INTAKE_PATHS[kind]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: handle.intakeKey },
    body: JSON.stringify(body),
  });
  const parsed: unknown = await res.json();
  const id = res.ok && typeof parsed === 'object' && parsed !== null && 'id' in parsed ? String((parsed as { id: unknown }).id) : null;
  return { status: res.status, id, body: parsed };
}

/** Uploads attachment bytes through intake; returns the sha256 the exchange stored them under. */
export async function uploadAttachment(
  handle: Pick<ExchangeHandle, 'url' | 'intakeKey'>,
  bytes: Uint8Array,
  contentType: string,
): Promise<{ status: number; sha256: string | null; body: unknown }> {
  const res = await fetch(`${handle.url}${ROUTES.intakeAttachment}`, {
    method: 'POST',
    headers: { 'content-type': contentType, [INTAKE_KEY_HEADER]: handle.intakeKey },
    body: new Uint8Array(bytes),
  });
  const parsed: unknown = await res.json();
  const sha256 = res.ok ? String((parsed as { sha256: unknown }).sha256) : null;
  return { status: res.status, sha256, body: parsed };
}

/**
 * An application whose every catalogue material has its scan (a small PDF each), so it can be
 * approved: an application with a listed material missing its scan cannot (shared/rules/effects.ts).
 * Returns the new item's id.
 */
export async function scannedApplication(handle: Pick<ExchangeHandle, 'url' | 'intakeKey'>, unitCode = '410100', extra: Record<string, unknown> = {}): Promise<string> {
  const materials: { code: string; sha256: string }[] = [];
  for (const code of ['id_card', 'photo']) {
    const pdf = Buffer.from(`%PDF-1.4\n% ${code}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
    const up = await uploadAttachment(handle, pdf, 'application/pdf');
    if (!up.sha256) throw new Error(`scan upload failed: ${JSON.stringify(up.body)}`);
    materials.push({ code, sha256: up.sha256 });
  }
  const res = await intake(handle, 'application', applicationBody(unitCode, { materials, ...extra }));
  if (!res.id) throw new Error(`application intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.id;
}
