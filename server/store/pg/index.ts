import { CHANNEL, pg, TYPES, WRITER_LOCK, type Conn } from './db';
import { migratePg } from './migrations';
import { itemRepo } from './items';
import { ParsedItems } from './parsed';
import { officerRepo, sessionRepo } from './officers';
import { blobRepo } from './blobs';
import { auditRepo, commandRepo } from './audit';
import { forensicsRepo, PhotoIndex } from './forensics';
import { statsRepo } from './stats';
import { tipKeyRepo } from './tip-keys';
import { outboundRepo } from './outbound';
import type { BlobMeta, Repos, Store } from '../store';

export interface PgStoreOptions {
  /** Connections in the pool (default 10). A transaction or read holds one until it ends. */
  readonly poolSize?: number;
  /** Where connection trouble is reported (default stderr). */
  readonly log?: (message: string) => void;
}

/** First wait before the change listener reconnects, doubled per failure up to the last. */
const RECONNECT_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];

/** One transaction or read: its client, and the newest seq it recorded (0: none, so COMMIT notifies nobody). */
interface TxState {
  readonly client: pg.PoolClient;
  seq: number;
}

/**
 * The PostgreSQL store: every exchange instance on one database shares its state (items, change
 * log, blobs, audit chain) and hears every instance's changes by LISTEN/NOTIFY. Top-level calls
 * run on the pool, one statement each, or their own short transaction where they write several
 * rows or draw a seq (Conn.write); `transaction` and `read` hold one client for their body.
 */
export async function createPgStore(url: string, opts: PgStoreOptions = {}): Promise<Store> {
  const log = opts.log ?? ((message: string) => process.stderr.write(`exchange: postgres: ${message}\n`));
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types: TYPES });
  // an idle client's connection dropping is reported here; unhandled, it would end the process
  pool.on('error', (err) => log(`idle connection: ${err.message}`));

  const photos = new PhotoIndex();
  const blobMeta = new Map<string, BlobMeta>();
  const parsed = new ParsedItems();
  const listeners = new Set<(seq: number) => void>();
  /** The end of this instance's queue of writers (see `writing`). */
  let writers: Promise<void> = Promise.resolve();

  const txConn = (st: TxState): Conn => ({
    query: async (sql, params) => (await st.client.query(sql, params as unknown[])).rows,
    run: async (sql, params) => (await st.client.query(sql, params as unknown[])).rowCount ?? 0,
    // the transaction took the writer lock at BEGIN (a read cannot write at all)
    write: (fn) => fn(txConn(st)),
    changed: (seq) => {
      st.seq = Math.max(st.seq, seq);
    },
  });

  const poolConn: Conn = {
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    run: async (sql, params) => (await pool.query(sql, params as unknown[])).rowCount ?? 0,
    write: (fn) => writing((st) => fn(txConn(st))),
    changed: () => {
      throw new Error('a change recorded outside a write');
    },
  };

  /** Runs `fn` on a client of its own between `begin` and COMMIT, rolling back when it rejects. */
  async function onClient<T>(begin: string, fn: (st: TxState) => Promise<T>, commit: (st: TxState) => string = () => 'COMMIT'): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const st: TxState = { client, seq: 0 };
      await client.query(begin);
      const result = await fn(st);
      await client.query(commit(st));
      return result;
    } catch (err) {
      // a connection that cannot even roll back is not given back to the pool
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /**
   * A read-write transaction: the writer lock first (db.ts WRITER_LOCK explains why every writer
   * takes it), and when it recorded a change, a notification carrying its newest seq, which under
   * the lock is the newest of all; PostgreSQL delivers it at COMMIT to every instance listening,
   * this one included. Both ends are one round trip each (the simple protocol runs several
   * statements; the seq is a number the store drew, so it is written into the text).
   *
   * This instance's writers queue here before taking a connection: they would wait for each other
   * on the lock anyway, and a connection waiting there is one the reads cannot use.
   */
  function writing<T>(fn: (st: TxState) => Promise<T>): Promise<T> {
    const run = () =>
      onClient(`BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK})`, fn, (st) =>
        st.seq > 0 ? `SELECT pg_notify('${CHANNEL}', '${st.seq}'); COMMIT` : 'COMMIT',
      );
    const result = writers.then(run);
    writers = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  function transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T> {
    return writing((st) => fn(txRepos(st)));
  }

  /** One snapshot for every statement of `fn` (a feed page and the newest seq agree). */
  function read<T>(fn: (tx: Repos) => Promise<T>): Promise<T> {
    return onClient('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (st) => fn(txRepos(st)));
  }

  /** The repos of one transaction or read; a nested `transaction` is a savepoint, a nested `read` the transaction itself. */
  function txRepos(st: TxState): Repos {
    const self: Repos = reposOf(txConn(st), {
      async transaction(fn) {
        const seqBefore = st.seq;
        await st.client.query('SAVEPOINT nested');
        try {
          const result = await fn(self);
          await st.client.query('RELEASE nested');
          return result;
        } catch (err) {
          await st.client.query('ROLLBACK TO nested');
          await st.client.query('RELEASE nested');
          // its changes are undone: the commit notifies only for what is left
          st.seq = seqBefore;
          throw err;
        }
      },
      read: (fn) => fn(self),
    });
    return self;
  }

  function reposOf(c: Conn, tx: Pick<Repos, 'transaction' | 'read'>): Repos {
    return {
      items: itemRepo(c, parsed),
      officers: officerRepo(c),
      sessions: sessionRepo(c),
      blobs: blobRepo(c, blobMeta),
      commands: commandRepo(c),
      audit: auditRepo(c),
      forensics: forensicsRepo(c, photos),
      stats: statsRepo(c),
      tipKeys: tipKeyRepo(c),
      outbound: outboundRepo(c),
      transaction: tx.transaction,
      read: tx.read,
    };
  }

  let changeListener: ChangeListener | undefined;
  try {
    const client = await pool.connect();
    try {
      await migratePg(client);
    } finally {
      client.release();
    }
    await photos.catchUp(poolConn);
    changeListener = new ChangeListener(url, log, (seq) => {
      for (const listener of listeners) {
        // called from the connection's socket handler, where a throw would end the process
        try {
          listener(seq);
        } catch (err) {
          log(`a change listener failed: ${(err as Error).message}`);
        }
      }
    });
    await changeListener.start(() => itemRepo(poolConn, parsed).latestSeq());
  } catch (err) {
    await changeListener?.close();
    await pool.end();
    throw err;
  }
  const listening = changeListener;

  return {
    dialect: 'postgres',
    ...reposOf(poolConn, { transaction, read }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await listening.close();
      await pool.end();
    },
  };
}

/**
 * The connection that LISTENs for change notifications. A notification's payload is the newest
 * seq at the notifying commit; they come in commit order. When the connection drops it is
 * reconnected (with growing waits), and the newest seq is then read and passed on if it is past
 * the last one heard, so a change notified while it was down is not missed.
 */
class ChangeListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private failures = 0;
  private lastSeq = 0;
  private latest: () => Promise<number> = async () => 0;

  constructor(
    private readonly url: string,
    private readonly log: (message: string) => void,
    private readonly emit: (seq: number) => void,
  ) {}

  /** Connects and listens; rejects when the first connection fails. `latest` reads the newest seq after a reconnect. */
  async start(latest: () => Promise<number>): Promise<void> {
    this.latest = latest;
    this.lastSeq = await latest();
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      if (this.closed || this.timer) return;
      this.log(`change listener lost its connection (${why}); reconnecting`);
      this.schedule();
    };
    client.on('notification', (n) => {
      const seq = Number(n.payload);
      if (n.channel !== CHANNEL || !Number.isSafeInteger(seq)) return;
      this.hear(seq);
    });
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      this.client = undefined;
      client.end().catch(() => undefined);
      throw err;
    }
  }

  private hear(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
    this.emit(seq);
  }

  private schedule(): void {
    const wait = RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length - 1)]!;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      this.connect().then(
        () => {
          this.failures = 0;
          this.log('change listener reconnected');
          this.latest().then(
            (seq) => {
              if (seq > this.lastSeq) this.hear(seq);
            },
            (err: Error) => this.log(`change listener could not read the newest seq: ${err.message}`),
          );
        },
        (err: Error) => {
          if (this.closed) return;
          this.failures++;
          this.log(`change listener could not reconnect: ${err.message}`);
          this.schedule();
        },
      );
    }, wait);
    // a pending retry never keeps a finished process alive
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }
}
