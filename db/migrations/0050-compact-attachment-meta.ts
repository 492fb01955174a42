import type { Db } from '../open';

/**
 * attachment_meta was the heaviest part of a first sync (about three rows per application): a
 * rowid table plus two indexes, each row carrying its sha256, item and role twice (columns and
 * JSON). Rebuilt as a WITHOUT ROWID table keyed by (item_id, sha256, role) — the row lives in its
 * key's b-tree, one b-tree less per insert — with `ord` keeping the feed's order per item, and
 * meta_json holding only the fields that are not columns. Readers merge the columns over the JSON,
 * so rows copied here with their old full JSON read the same.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE attachment_meta_compact (
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL,
      role TEXT NOT NULL,
      ord INTEGER NOT NULL,
      meta_json TEXT NOT NULL,
      PRIMARY KEY (item_id, sha256, role)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO attachment_meta_compact (item_id, sha256, role, ord, meta_json)
      SELECT item_id, sha256, role, rowid, meta_json FROM attachment_meta;
    DROP TABLE attachment_meta;
    ALTER TABLE attachment_meta_compact RENAME TO attachment_meta;
    CREATE INDEX attachment_meta_by_sha ON attachment_meta(sha256);
  `);
}
