import type Database from 'better-sqlite3';

/**
 * `transaction(fn)` with the semantics of better-sqlite3's `db.transaction(fn)()` — BEGIN/COMMIT
 * at the outermost level, a SAVEPOINT when nested, rolled back when `fn` throws — but with its
 * control statements prepared once. `db.transaction` builds a new wrapper (five functions and
 * their properties) on every call, and the command path opens two nested levels per command.
 */
export function transactionRunner(db: Database.Database): <T>(fn: () => T) => T {
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // One name for every level: ROLLBACK TO / RELEASE act on the innermost savepoint of that name.
  const savepoint = db.prepare('SAVEPOINT nested');
  const release = db.prepare('RELEASE nested');
  const rollbackTo = db.prepare('ROLLBACK TO nested');

  return <T>(fn: () => T): T => {
    if (db.inTransaction) {
      savepoint.run();
      let result: T;
      try {
        result = fn();
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
    }
    begin.run();
    let result: T;
    try {
      result = fn();
      commit.run();
    } catch (err) {
      // A failed COMMIT (or fn) leaves the transaction open unless SQLite already rolled it back.
      if (db.inTransaction) rollback.run();
      throw err;
    }
    return result;
  };
}
