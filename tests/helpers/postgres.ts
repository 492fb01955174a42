import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for the tests: a throwaway cluster of the machine's own PostgreSQL (Debian's
 * `postgresql` package, which .ci/run installs), started once per test run by the integration
 * project's global setup (tests/helpers/postgres-setup.ts) on a Unix socket in its own folder,
 * and removed afterwards. `EXCHANGE_TEST_DATABASE_URL` names an existing server instead (its
 * user must be allowed to create databases). Each test file takes a database of its own
 * (`createTestDatabase`), so files run in parallel without seeing each other's rows.
 */
export interface PostgresCluster {
  /** A URL of the cluster's `postgres` database, for creating and dropping test databases. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** The newest `bin` folder holding initdb: PATH, then Debian's /usr/lib/postgresql/<major>/bin. */
export function findPostgresBin(): string | null {
  const debian = '/usr/lib/postgresql';
  const majors = fs.existsSync(debian) ? fs.readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const bin = path.join(debian, major, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? path.dirname(which.stdout.trim()) : null;
}

/** PostgreSQL refuses to run as root: as root, the cluster's files and processes belong to `postgres`. */
function asServerUser(cmd: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, [...args]];
}

async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited with ${server.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in ${START_TIMEOUT_MS} ms (${String(err)}):\n${log()}`);
      // the server is starting up: it answers "the database system is starting up" or no socket yet
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export interface StartPostgresOptions {
  /**
   * PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on), for a bench
   * that should measure what a real server pays per commit; the tests' cluster runs without.
   */
  readonly durable?: boolean;
}

export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const given = process.env.EXCHANGE_TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => undefined };

  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL found (initdb): install Debian\'s `postgresql` (.ci/run does) or set EXCHANGE_TEST_DATABASE_URL');
  // a short path: the socket's full path must stay under 108 bytes
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
  const [initCmd, initArgs] = asServerUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  const port = 50_000 + crypto.randomInt(10_000);
  // Durability off unless asked for: a test cluster is thrown away, and fsync per commit is most of a test's time.
  const durability = opts.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const [cmd, args] = asServerUser(path.join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', dir, '-c', "listen_addresses=", ...durability, '-c', 'max_connections=300',
  ]);
  const server = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-10_000);
  });
  const adminUrl = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`;
  try {
    await waitForServer(adminUrl, server, () => log);
  } catch (err) {
    server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    adminUrl,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // pg_ctl's fast shutdown (ends sessions, no waiting for clients); a signal to the child
        // would reach runuser, which does not pass it on
        const [stopCmd, stopArgs] = asServerUser(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-s']);
        const stopped = spawnSync(stopCmd, stopArgs, { encoding: 'utf8' });
        if (stopped.status !== 0) server.kill('SIGKILL');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `adminUrl` with another database name. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the cluster, named after `label`. */
export async function createTestDatabase(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
