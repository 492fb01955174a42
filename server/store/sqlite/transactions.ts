import type Database from 'better-sqlite3';

/**
 * The transactions of the one connection, with the semantics of better-sqlite3's
 * `db.transaction(fn)()` — BEGIN/COMMIT at the outermost level, a SAVEPOINT when nested, rolled
 * back when `fn` rejects — but for an async `fn`, and with the control statements prepared once
 * (`db.transaction` builds a new wrapper on every call, and the command path opens two nested
 * levels per command). The caller (index.ts) sees to it that only one outermost transaction is
 * open at a time: a SQLite connection has one transaction, whatever the event loop interleaves.
 */
export interface TransactionRunner {
  /** BEGIN, `fn`, COMMIT; ROLLBACK when `fn` rejects or COMMIT fails. */
  outermost<T>(fn: () => Promise<T>): Promise<T>;
  /** SAVEPOINT, `fn`, RELEASE; ROLLBACK TO (and RELEASE) when `fn` rejects. */
  nested<T>(fn: () => Promise<T>): Promise<T>;
}

export function transactionRunner(db: Database.Database): TransactionRunner {
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // One name for every level: ROLLBACK TO / RELEASE act on the innermost savepoint of that name.
  const savepoint = db.prepare('SAVEPOINT nested');
  const release = db.prepare('RELEASE nested');
  const rollbackTo = db.prepare('ROLLBACK TO nested');

  return {
    async outermost<T>(fn: () => Promise<T>): Promise<T> {
      begin.run();
      try {
        const result = await fn();
        commit.run();
        return result;
      } catch (err) {
        // A failed COMMIT (or fn) leaves the transaction open unless SQLite already rolled it back.
        if (db.inTransaction) rollback.run();
        throw err;
      }
    },
    async nested<T>(fn: () => Promise<T>): Promise<T> {
      savepoint.run();
      let result: T;
      try {
        result = await fn();
      } catch (err) {
        // ROLLBACK TO keeps the savepoint open; RELEASE closes it (its work is already undone).
        if (db.inTransaction) {
          rollbackTo.run();
          release.run();
        }
        throw err;
      }
      release.run();
      return result;
    },
  };
}
