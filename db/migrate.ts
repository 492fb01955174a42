import { AppError } from '#shared/errors';
import type { Db } from './open';
import { up as createItemsAndOutbox } from './migrations/0010-create-items-and-outbox';
import { up as createAttachments } from './migrations/0020-create-attachments';
import { up as createSessionsConflictsSettings } from './migrations/0030-create-sessions-conflicts-settings';
import { up as addQueueColumns } from './migrations/0040-add-queue-columns';
import { up as compactAttachmentMeta } from './migrations/0050-compact-attachment-meta';
import { up as createOfficers } from './migrations/0060-create-officers';
import { up as accidentQueueColumns } from './migrations/0070-accident-queue-columns';
import { up as tipQueueColumns } from './migrations/0080-tip-queue-columns';
import { up as appointmentKind } from './migrations/0090-appointment-kind';
import { up as searchIndex } from './migrations/0100-search-index';
import { up as attachmentsPerItem } from './migrations/0110-attachments-per-item';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

/**
 * Every schema step, in order (steps of 10). Append new ones; never edit one that has shipped,
 * because caches on officers' laptops were built by it. The version lives in PRAGMA user_version.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-create-items-and-outbox', up: createItemsAndOutbox },
  { version: 20, name: '0020-create-attachments', up: createAttachments },
  { version: 30, name: '0030-create-sessions-conflicts-settings', up: createSessionsConflictsSettings },
  { version: 40, name: '0040-add-queue-columns', up: addQueueColumns },
  { version: 50, name: '0050-compact-attachment-meta', up: compactAttachmentMeta },
  { version: 60, name: '0060-create-officers', up: createOfficers },
  { version: 70, name: '0070-accident-queue-columns', up: accidentQueueColumns },
  { version: 80, name: '0080-tip-queue-columns', up: tipQueueColumns },
  { version: 90, name: '0090-appointment-kind', up: appointmentKind },
  { version: 100, name: '0100-search-index', up: searchIndex },
  { version: 110, name: '0110-attachments-per-item', up: attachmentsPerItem },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Throws `cache_too_new` when the file was written by a newer console. Reads only: the caller
 * must run this before any pragma or statement that writes, so a refused cache keeps its bytes.
 */
export function assertNotTooNew(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'cache_too_new',
      `本地缓存由更新版本的控制台写入（结构版本 ${current}，本版本最高支持 ${latest}），请升级控制台后再打开；缓存文件未被改动。`,
      { current, latest },
    );
  }
}

/** Runs the pending migrations (up to `upTo`, default all) in one transaction. */
export function runMigrations(db: Db, opts: { upTo?: number; migrations?: readonly Migration[] } = {}): number {
  const migrations = opts.migrations ?? MIGRATIONS;
  migrations.forEach((m, i) => {
    const prev = i === 0 ? 0 : migrations[i - 1]!.version;
    if (m.version <= prev) throw new AppError('internal', `migration ${m.name} is out of order (after version ${prev})`);
  });
  assertNotTooNew(db, migrations);
  const current = schemaVersion(db);
  const target = opts.upTo ?? Number.POSITIVE_INFINITY;
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    // user_version is written inside the transaction, so a crash leaves either all or none
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return schemaVersion(db);
}
