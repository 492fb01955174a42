import pg from 'pg';

export { pg };

/**
 * What every repo of the PostgreSQL store runs its SQL through: the pool at the top level, one
 * client inside a transaction or a read. The repos never see which.
 */
export interface Conn {
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Statement count of the last write, for "did it insert" answers (ON CONFLICT DO NOTHING). */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `fn` as one atomic write holding the writer lock (see WRITER_LOCK): at the top level its
   * own transaction, inside a transaction that transaction (which took the lock at BEGIN).
   */
  write<T>(fn: (c: Conn) => Promise<T>): Promise<T>;
  /** Records that the enclosing write made change `seq`, so its COMMIT notifies the listeners. */
  changed(seq: number): void;
}

/**
 * The one lock every read-write transaction takes first (`pg_advisory_xact_lock`, released at
 * COMMIT or ROLLBACK), so writers are serialised across every exchange instance on the database.
 *
 * Why: a seq is handed out before its transaction commits. Without the lock, change 10 could
 * still be in flight while change 11 commits; a console reading the feed then gets 11, moves its
 * cursor past it, and never sees 10. Holding the lock from before the seq is drawn until the
 * commit makes commit order seq order, so every snapshot sees a prefix of the log. It also lets
 * the seq be `max + 1` as in the SQLite store (two writers would otherwise draw the same one), so
 * a rolled-back change leaves no gap and both stores number one history alike. The same holds for
 * the outbound log's seq and photo_hashes' id (a sequence; read "since the last one seen" by the
 * other instances' forensics index), and the audit chain's tail is read and appended by any
 * number of instances without two appends taking the same seq.
 */
export const WRITER_LOCK = 0x45584348; // 'EXCH'
/** The session lock the migration runner holds, so two instances starting at once do not race. */
export const MIGRATION_LOCK = 0x45584d47; // 'EXMG'

/** The channel of change notifications: the payload is the newest seq at the notifying commit. */
export const CHANNEL = 'exchange_changes';

/**
 * bigint (counts, seqs, sizes) as a JS number instead of pg's default string: seqs and counts
 * stay far below 2^53. Per pool and client, so no other user of `pg` in the process is affected.
 */
export const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** `@name` parameters (the SQLite store's SQL builders use them) as PostgreSQL's `$n`. */
export function positional(sql: string, params: Readonly<Record<string, unknown>>): { text: string; values: unknown[] } {
  const order = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    let n = order.get(name);
    if (n === undefined) {
      if (!(name in params)) throw new Error(`no value for parameter @${name}`);
      values.push(params[name]);
      n = values.length;
      order.set(name, n);
    }
    return `$${n}`;
  });
  return { text, values };
}
