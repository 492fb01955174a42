import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { assertNotTooNew, runMigrations } from './migrate';

export type Db = Database.Database;

/**
 * The cache holds officers' tokens, verifiers and masked citizen data: readable by the user only.
 * The file is created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
 * database file's mode). On Windows the profile folder's ACL does this job; chmod is a no-op there.
 */
function restrictToUser(file: string): void {
  try {
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  } catch {
    // a read-only location: SQLite's own open reports the real problem
  }
}

/**
 * Opens the console cache, refusing (untouched) a file written by a newer console, then migrates.
 *
 * Durability: WAL with synchronous=NORMAL. A committed transaction is in the WAL file before
 * `commit` returns, so a crash or kill -9 of the process never loses a committed outbox row; only
 * an OS crash or power loss can lose the last few commits (NORMAL skips the fsync per commit).
 * We accept that trade for snappy typing on laptops; `durability: 'full'` switches to FULL where
 * power loss matters more than latency.
 */
export function openDb(file: string, opts: { durability?: 'normal' | 'full'; upTo?: number } = {}): Db {
  restrictToUser(file);
  const db = new Database(file);
  try {
    // before anything that writes: a refused cache must keep its bytes
    assertNotTooNew(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`synchronous = ${opts.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    // 32 MiB of page cache (default 2 MiB): a 100k-item first sync keeps six items indexes and the
    // attachment index hot instead of re-reading their pages from the OS every page of the feed
    db.pragma('cache_size = -32768');
    // no zeroing of every freed cell: a first sync rewrites index pages all the time and paid for
    // it. The wipe (Cache.scrub) is where deleted PII must leave the file; it VACUUMs.
    db.pragma('secure_delete = OFF');
    // a catch-up lets the WAL grow (Cache.catchUp); a checkpoint after it cuts the file back
    db.pragma('journal_size_limit = 67108864');
    // statement journals (a multi-row statement's undo copy of every page it touches) and the
    // temporary b-trees of sorts in memory, not in temp files: a feed page's metadata is one
    // multi-row INSERT, and a queue sorted by a column no index serves sorts in a temporary b-tree
    db.pragma('temp_store = MEMORY');
    runMigrations(db, opts.upTo === undefined ? {} : { upTo: opts.upTo });
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
