import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DB_FILE } from '#server/store/sqlite/index';
import { SCHEMA_VERSION } from '#server/store/sqlite/migrations';
import { migratePg } from '#server/store/pg/migrations';
import { WRITER_LOCK } from '#server/store/pg/db';
import { TABLES, type TableSpec } from './tables';

/**
 * Copies a stopped SQLite exchange (its data folder: exchange.sqlite and blobs/) into an empty
 * PostgreSQL database: the PostgreSQL store's migrations first (migratePg, as createPgStore runs
 * them), then every table in one transaction, in multi-row INSERT batches.
 *
 * One transaction rather than a resumable copy: the copy is all or nothing, so a copy that
 * failed half way (a dropped connection, a damaged blob file) leaves the database migrated and
 * empty, which the emptiness check accepts, and the copy is simply run again. The cost is that
 * PostgreSQL holds the whole copy's WAL until COMMIT, which a province's exchange (a few GB with
 * its photos) well allows; a resumable copy would have to tell a half-copied table from a finished one.
 *
 * The SQLite side is read in one read transaction (a snapshot), so even an exchange still
 * running could not make the copy inconsistent; it should be stopped all the same, or whatever
 * it writes after the snapshot is not copied.
 */

/** A refusal before anything was written (exit code 2): the user has something to do first. */
export class CopyRefused extends Error {}

export interface CopyReport {
  readonly rows: Readonly<Record<string, number>>;
  readonly blobBytes: number;
  readonly ms: number;
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMS = 30_000;
/** Blob bytes per INSERT, so a batch of photos stays a moderate message. */
const MAX_BATCH_BYTES = 16 * 2 ** 20;

/** Opens the exchange's SQLite file read-only, refusing one whose schema is not this exchange's latest. */
export function openSource(dataDir: string): Database.Database {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) throw new CopyRefused(`no exchange database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new CopyRefused(
      version < SCHEMA_VERSION
        ? `the SQLite database is at schema version ${version}, not the latest (${SCHEMA_VERSION}): start the exchange once on it (it migrates at start), stop it, then copy`
        : `the SQLite database is at schema version ${version}, newer than this tool knows (${SCHEMA_VERSION}): copy with the exchange version that wrote it`,
    );
  }
  return db;
}

/**
 * Why the target is not empty, or null when it is: no tables at all, or the exchange's schema
 * with no row in any table (migrated only, or a copy that rolled back).
 */
export async function targetNotEmpty(c: pg.ClientBase): Promise<string | null> {
  const { rows } = await c.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
  const known = new Set([...TABLES.map((t) => t.name), 'schema_migrations']);
  const foreign = rows.filter((r) => !known.has(r.name)).map((r) => r.name);
  if (foreign.length > 0) return `it holds tables that are not the exchange's: ${foreign.join(', ')}`;
  const full: string[] = [];
  for (const { name } of rows) {
    if (name === 'schema_migrations') continue;
    const { rows: any } = await c.query(`SELECT 1 FROM ${name} LIMIT 1`);
    if (any.length > 0) full.push(name);
  }
  return full.length > 0 ? `its tables ${full.join(', ')} hold rows` : null;
}

/** Where the SQLite store keeps a blob's bytes (server/store/sqlite/blobs.ts). */
const blobFile = (dataDir: string, sha256: string) => path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);

/** A blob's bytes from the folder, checked against its name and recorded size: a damaged file is not copied. */
function blobBytes(dataDir: string, sha256: string, size: number): Buffer {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(blobFile(dataDir, sha256));
  } catch (err) {
    throw new Error(`blob ${sha256}: its file cannot be read (${(err as Error).message})`);
  }
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256 || bytes.length !== size) throw new Error(`blob ${sha256}: its file holds ${bytes.length} bytes hashing to ${actual} (recorded: ${size} bytes)`);
  return bytes;
}

/** One multi-row INSERT of `rows` (values in `columns` order). */
async function insertBatch(c: pg.ClientBase, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(', ')})`);
  await c.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
}

/** Copies one table: its rows in key order, batched; returns how many. */
async function copyTable(src: Database.Database, dst: pg.ClientBase, dataDir: string, t: TableSpec, counters: { blobBytes: number }): Promise<number> {
  const isBlobs = t.name === 'blobs';
  const isPhotos = t.name === 'photo_hashes';
  // photo_hashes' id is the order the forensics index reads rows in: SQLite's insertion order
  const columns = [...t.columns, ...(isBlobs ? ['bytes'] : []), ...(isPhotos ? ['id'] : [])];
  const select = `SELECT ${t.columns.join(', ')}${isPhotos ? ', rowid AS id' : ''} FROM ${t.name} ORDER BY ${isPhotos ? 'rowid' : t.order}`;
  const booleans = new Set(t.booleans ?? []);
  const maxRows = Math.floor(MAX_PARAMS / columns.length);
  let batch: unknown[][] = [];
  let batchBytes = 0;
  let count = 0;
  for (const row of src.prepare(select).iterate() as IterableIterator<Record<string, unknown>>) {
    const values = t.columns.map((col) => (booleans.has(col) ? row[col] === 1 : row[col]));
    if (isBlobs) {
      const bytes = blobBytes(dataDir, row.sha256 as string, row.size as number);
      values.push(bytes);
      batchBytes += bytes.length;
      counters.blobBytes += bytes.length;
    }
    if (isPhotos) values.push(row.id);
    batch.push(values);
    count++;
    if (batch.length >= maxRows || batchBytes >= MAX_BATCH_BYTES) {
      await insertBatch(dst, t.name, columns, batch);
      batch = [];
      batchBytes = 0;
    }
  }
  await insertBatch(dst, t.name, columns, batch);
  // the next photo an exchange records draws an id after the copied ones
  if (isPhotos) await dst.query(`SELECT setval(pg_get_serial_sequence('photo_hashes', 'id'), coalesce(max(id), 0) + 1, false) FROM photo_hashes`);
  return count;
}

/**
 * The copy. Refuses (CopyRefused) a source not at the latest schema and a non-empty target,
 * before writing anything; `log` hears each table as it is done.
 */
export async function copyExchange(dataDir: string, url: string, log: (line: string) => void = () => {}): Promise<CopyReport> {
  const started = Date.now();
  const src = openSource(dataDir);
  const dst = new pg.Client({ connectionString: url });
  try {
    await dst.connect();
    const why = await targetNotEmpty(dst);
    if (why) throw new CopyRefused(`the PostgreSQL database is not empty (${why}); copy into a new, empty database`);
    await migratePg(dst);
    const rows: Record<string, number> = {};
    const counters = { blobBytes: 0 };
    src.exec('BEGIN');
    // the writer lock keeps out an exchange instance started on the target meanwhile
    await dst.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
    try {
      const raced = await targetNotEmpty(dst);
      if (raced) throw new CopyRefused(`the PostgreSQL database was written to meanwhile (${raced})`);
      for (const t of TABLES) {
        rows[t.name] = await copyTable(src, dst, dataDir, t, counters);
        log(`${t.name}: ${rows[t.name]} rows${t.name === 'blobs' ? ` (${(counters.blobBytes / 2 ** 20).toFixed(1)} MiB)` : ''}`);
      }
      await dst.query('COMMIT');
    } catch (err) {
      await dst.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      src.exec('COMMIT');
    }
    return { rows, blobBytes: counters.blobBytes, ms: Date.now() - started };
  } finally {
    src.close();
    await dst.end().catch(() => undefined);
  }
}
