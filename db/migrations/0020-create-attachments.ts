import type { Db } from '../open';

/**
 * Attachment metadata per item (from the feed) and the index of files held on disk. A file is
 * "finished" when every item referring to it is in a terminal status (or none does): those go
 * first when the cache is over its size bound.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE attachment_meta (
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL,
      role TEXT NOT NULL,
      meta_json TEXT NOT NULL,
      PRIMARY KEY (item_id, sha256, role)
    ) STRICT;
    CREATE INDEX attachment_meta_by_sha ON attachment_meta(sha256);

    CREATE TABLE attachment_files (
      sha256 TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      content_type TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      -- epoch ms, for least-recently-used eviction
      last_access INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX attachment_files_by_access ON attachment_files(last_access);
  `);
}
