import { openDb, type Db } from './open';
import { createMetaRepo } from './repos/meta';
import { createItemsRepo } from './repos/items';
import { createItemQueries } from './repos/item-query';
import { createAttachmentsRepo } from './repos/attachments';
import { createOutboxRepo } from './repos/outbox';
import { createConflictsRepo } from './repos/conflicts';
import { createSessionsRepo, type SecretSealer } from './repos/sessions';
import { createSettingsRepo } from './repos/settings';
import { createOfficersRepo } from './repos/officers';

/** The console's local cache: one SQLite file and a repository per table group. */
export interface Cache {
  readonly file: string;
  readonly meta: ReturnType<typeof createMetaRepo>;
  readonly items: ReturnType<typeof createItemsRepo>;
  /** The queue grid's paged, filtered, sorted queries over the items. */
  readonly queue: ReturnType<typeof createItemQueries>;
  readonly attachments: ReturnType<typeof createAttachmentsRepo>;
  readonly outbox: ReturnType<typeof createOutboxRepo>;
  readonly conflicts: ReturnType<typeof createConflictsRepo>;
  readonly sessions: ReturnType<typeof createSessionsRepo>;
  readonly settings: ReturnType<typeof createSettingsRepo>;
  /** The officer directory of the signed-in officer's city (names for "claimed by"). */
  readonly officers: ReturnType<typeof createOfficersRepo>;
  /** Runs `fn` in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T;
  /**
   * Catch-up mode for a pull of many feed pages: the WAL is checkpointed every ~128 MiB instead
   * of every ~4 MiB. Item ids scatter over the indexes, so each page commit puts most of their
   * leaf pages in the WAL again; checkpointing less often copies each such page to the file once
   * per checkpoint instead of once or more per feed page (a 100k first sync: ~1.3 s less commit
   * work). Off again: back to the default, and the WAL file is cut back to 64 MiB at the next checkpoint.
   *
   * Into an empty cache (a first sync) it is a bulk load: the index of which items list a file is
   * left out while the pages are written and built in one sorted pass when catch-up ends (a 100k
   * sync with a distinct file per attachment spent ~4 s more writing it row by row). Read before
   * then, it is built at that read; a console stopped mid-load builds it at the first such read or
   * catch-up after.
   */
  catchUp(on: boolean): void;
  /** Truncates the WAL so deleted rows do not linger in it (after a wipe). */
  checkpoint(): void;
  /**
   * After a wipe: rebuilds the file (VACUUM) so no freed page or slack space keeps deleted rows,
   * then truncates the WAL. Everyday writes run with secure_delete OFF (a sync rewrites index
   * pages constantly), so this is the one place deleted PII and tokens leave the bytes on disk.
   * Not inside a transaction.
   */
  scrub(): void;
  close(): void;
}

/** SQLite's default auto-checkpoint (pages of 4 KiB). */
const DEFAULT_CHECKPOINT_PAGES = 1000;
const CATCH_UP_CHECKPOINT_PAGES = 32_768;

export function openCache(file: string, opts: { durability?: 'normal' | 'full'; sealer?: SecretSealer } = {}): Cache {
  const db: Db = openDb(file, opts);
  const meta = createMetaRepo(db);
  const items = createItemsRepo(db, meta);
  const attachments = createAttachmentsRepo(db);
  return {
    file,
    meta,
    items,
    queue: createItemQueries(db),
    attachments,
    outbox: createOutboxRepo(db),
    conflicts: createConflictsRepo(db),
    sessions: createSessionsRepo(db, opts.sealer),
    settings: createSettingsRepo(db),
    officers: createOfficersRepo(db),
    tx: <T>(fn: () => T): T => db.transaction(fn)(),
    catchUp(on: boolean): void {
      db.pragma(`wal_autocheckpoint = ${on ? CATCH_UP_CHECKPOINT_PAGES : DEFAULT_CHECKPOINT_PAGES}`);
      if (on && items.count() === 0) attachments.deferShas();
      else if (!on) attachments.buildShas();
    },
    checkpoint: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    scrub(): void {
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => db.close(),
  };
}
