import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, Statements } from './db';
import { officerQueries } from './officers';
import { itemQueries } from './items';
import { blobQueries } from './blobs';
import { auditQueries } from './audit';
import { forensicsQueries } from './forensics';
import { outboundQueries } from './outbound';
import { tipKeyQueries } from './tip-keys';
import { statsQueries } from './stats';
import { ratingQueries } from './ratings';
import { transactionRunner } from './transactions';
import { startCheckpointer } from './checkpointer';
import type { Repos, Store } from '../store';

export const DB_FILE = 'exchange.sqlite';

/**
 * The one connection's turn: while an outermost transaction (or read) is open, every other
 * outermost call waits here, first come first served. better-sqlite3 has one transaction per
 * connection, and an async transaction body yields the event loop between its statements, so a
 * request's statement must not land inside another request's transaction.
 */
class Turn {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  get busy(): boolean {
    return this.held;
  }

  take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the turn to the next waiter (it stays taken), or frees it. */
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

type SyncRepo = Record<string, (...args: never[]) => unknown>;
type Async<R extends SyncRepo> = { [K in keyof R]: (...args: Parameters<R[K]>) => Promise<ReturnType<R[K]>> };

/** `fn(...args)` as a promise: its value, or its throw as a rejection. */
function settle<A extends unknown[], R>(fn: (...args: A) => R, args: A): Promise<R> {
  try {
    return Promise.resolve(fn(...args));
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

/**
 * The SQLite store: one file `exchange.sqlite` and a `blobs/` folder inside the data folder. The
 * query modules stay synchronous (better-sqlite3 is); this wraps them into the async repos of
 * store.ts twice: on the `tx` handle a call runs at once (its transaction holds the turn), on the
 * store itself it runs at once when no transaction is open (a resolved promise, no queueing) and
 * else waits its turn.
 */
export function createSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const db = openDatabase(file);
  const s = new Statements(db);
  const checkpointer = startCheckpointer(file, 500, (message) => process.stderr.write(`exchange: checkpoint: ${message}\n`));
  const runner = transactionRunner(db);
  const turn = new Turn();
  const listeners = new Set<(seq: number) => void>();
  /** Open levels of the current transaction; 0 when none (the `tx` handle is then stale). */
  let depth = 0;
  /** The seq of the last change written and not yet announced (0: none). */
  let changed = 0;

  const o = officerQueries(s);
  const i = itemQueries(s);
  const b = blobQueries(s, path.join(dataDir, 'blobs'));
  const a = auditQueries(s);
  const f = forensicsQueries(s);
  const out = outboundQueries(s);
  const t = tipKeyQueries(s);
  const st = statsQueries(s);
  const r = ratingQueries(s);
  // the synchronous repos, named as store.ts names them
  const sync = {
    items: {
      nextNumber: i.nextItemNumber,
      get: i.getItem,
      getWork: i.getWorkItem,
      insert: (...args: Parameters<typeof i.insertItem>) => (changed = i.insertItem(...args)),
      update: (...args: Parameters<typeof i.updateItem>) => (changed = i.updateItem(...args)),
      latestSeq: i.latestSeq,
      changesAfter: i.changesAfter,
      attachmentsOf: i.attachmentsOf,
      withBlob: i.itemsWithBlob,
      liveBookings: i.liveBookings,
      tipFollowers: i.tipFollowers,
    },
    officers: {
      get: o.getOfficer,
      put: o.putOfficer,
      list: o.listOfficers,
      count: o.countOfficers,
      loginState: o.getLoginState,
      setLoginState: o.setLoginState,
      listAdmin: o.listAdminOfficers,
      getAdmin: o.getAdminOfficer,
      create: o.createOfficer,
      setPassword: o.setOfficerPassword,
      setAssignment: o.setOfficerAssignment,
      setLock: o.setOfficerLock,
    },
    sessions: { add: o.addToken, find: o.findToken, revoke: o.revokeToken, revokeAll: o.revokeOfficerTokens },
    blobs: { put: b.putBlob, meta: b.getBlob, read: b.readBlob },
    commands: { get: a.getCommand, save: a.saveCommand },
    audit: { append: a.appendAudit, verify: a.verifyAudit, list: a.listAudit },
    forensics: { photoViews: f.photoViews, addPhotoHashes: f.addPhotoHashes, nearPhotos: f.nearPhotos },
    stats: { rows: st.statsRows, addRating: r.addRating, getRating: r.getRating },
    tipKeys: { record: t.recordTipKeys, byKey: t.tipsByKey, matchInputs: t.tipMatchInputs },
    outbound: { append: out.appendOutbound, after: out.outboundAfter },
  };

  const announce = (seq: number): void => {
    for (const listener of listeners) listener(seq);
  };

  /** An outermost call on the store: now when the connection is free, else in its turn. */
  const outermostCall = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const run = (args: A): R => {
      const result = fn(...args);
      // outside a transaction a write is committed on return
      if (changed !== 0) {
        const seq = changed;
        changed = 0;
        announce(seq);
      }
      return result;
    };
    return (...args: A): Promise<R> => {
      if (!turn.busy) return settle(run, [args]);
      return turn.take().then(() => {
        try {
          return run(args);
        } finally {
          turn.give();
        }
      });
    };
  };
  const txCall =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): Promise<R> => {
      if (depth === 0) return Promise.reject(new Error('a transaction handle was used after its transaction ended'));
      return settle(fn, args);
    };
  const wrap = <R extends SyncRepo>(repo: R, as: typeof txCall): Async<R> =>
    Object.fromEntries(Object.entries(repo).map(([name, fn]) => [name, as(fn as (...args: unknown[]) => unknown)])) as unknown as Async<R>;
  const repos = (as: typeof txCall) => ({
    items: wrap(sync.items, as),
    officers: wrap(sync.officers, as),
    sessions: wrap(sync.sessions, as),
    blobs: wrap(sync.blobs, as),
    commands: wrap(sync.commands, as),
    audit: wrap(sync.audit, as),
    forensics: wrap(sync.forensics, as),
    stats: wrap(sync.stats, as),
    tipKeys: wrap(sync.tipKeys, as),
    outbound: wrap(sync.outbound, as),
  });

  // One handle serves every transaction: there is one open at a time.
  const tx: Repos = {
    ...repos(txCall),
    transaction: async <T>(fn: (tx: Repos) => Promise<T>): Promise<T> => {
      if (depth === 0) throw new Error('a transaction handle was used after its transaction ended');
      depth++;
      try {
        return await runner.nested(() => fn(tx));
      } finally {
        depth--;
      }
    },
    read: <T>(fn: (tx: Repos) => Promise<T>): Promise<T> => fn(tx),
  };

  const transaction = async <T>(fn: (tx: Repos) => Promise<T>): Promise<T> => {
    await turn.take();
    let seq = 0;
    let result: T;
    try {
      depth = 1;
      result = await runner.outermost(() => fn(tx));
      // read after COMMIT: a change rolled back with its savepoint must not be announced
      if (changed !== 0) seq = i.latestSeq();
    } finally {
      depth = 0;
      changed = 0;
      turn.give();
    }
    if (seq !== 0) announce(seq);
    return result;
  };

  return {
    dialect: 'sqlite',
    ...repos(outermostCall as typeof txCall),
    transaction,
    // One connection: holding the turn inside BEGIN … COMMIT, no write lands between the reads.
    read: transaction,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      // an open transaction ends first
      await turn.take();
      // the worker's connection first: the last connection to close folds the WAL in
      checkpointer.close();
      db.close();
      // whatever waited now meets the closed connection's error instead of waiting for ever
      turn.give();
    },
  } satisfies Store;
}
