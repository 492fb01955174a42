import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** Opens (creating if needed) the exchange database with the pragmas every connection needs. */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // WAL + NORMAL survives a process crash; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 64 MB page cache: the change log and item indexes of a busy province stay in memory
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // Reads through a memory map instead of read() copies; address space only, pages stay the OS's.
  db.pragma('mmap_size = 536870912');
  // Checkpoint every ~16 MB of WAL instead of 4 MB: with group commit the same hot pages (change
  // log tail, audit tail, items being worked) are rewritten batch after batch, and a checkpoint
  // copies each page once however often it changed, so rarer checkpoints copy and fsync less.
  db.pragma('wal_autocheckpoint = 4000');
  migrate(db);
  return db;
}

/** Caches prepared statements by SQL text, so hot paths never re-prepare. */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
