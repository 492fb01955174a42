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
  // Checkpoints run in a worker thread (checkpointer.ts); this one is only the backstop that
  // bounds the WAL (~80 MB) should that worker ever fall behind.
  db.pragma('wal_autocheckpoint = 20000');
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
