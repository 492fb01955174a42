import { openDb, type Db } from './open';
import { createMetaRepo } from './repos/meta';
import { createItemsRepo } from './repos/items';
import { createItemQueries } from './repos/item-query';
import { createAttachmentsRepo } from './repos/attachments';
import { createOutboxRepo } from './repos/outbox';
import { createConflictsRepo } from './repos/conflicts';
import { createSessionsRepo } from './repos/sessions';
import { createSettingsRepo } from './repos/settings';

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
  /** Runs `fn` in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T;
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

export function openCache(file: string, opts: { durability?: 'normal' | 'full' } = {}): Cache {
  const db: Db = openDb(file, opts);
  const meta = createMetaRepo(db);
  return {
    file,
    meta,
    items: createItemsRepo(db, meta),
    queue: createItemQueries(db),
    attachments: createAttachmentsRepo(db),
    outbox: createOutboxRepo(db),
    conflicts: createConflictsRepo(db),
    sessions: createSessionsRepo(db),
    settings: createSettingsRepo(db),
    tx: <T>(fn: () => T): T => db.transaction(fn)(),
    checkpoint: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    scrub(): void {
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => db.close(),
  };
}
