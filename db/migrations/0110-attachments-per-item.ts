import type { Db } from '../open';

/**
 * One attachment row per item instead of one per (item, file, role). attachment_meta cost a first
 * sync of 100k applications more than a third of its writing (~2.9 rows an application, each a
 * JSON object built in SQL, in a b-tree keyed by item and file). Now:
 *
 * - `item_attachments`: the item's metadata as the JSON list the feed sent (feed order, each entry
 *   an AttachmentMeta without `itemId`; db/repos/attachments.ts writes and reads that layout).
 *   Per-item readers (the viewer's list, the accident photo columns, prefetch) read the list.
 * - `attachment_shas`: which items list a file, for the readers that start from a file (serving
 *   one, eviction's open references). Kept by the triggers below from the lists alone, so whatever
 *   writes the metadata keeps it right; a feed page never writes it itself. Except while the meta
 *   key `attachment_shas_pending` is set: then new lists add nothing (a first sync writes files in
 *   random order into this b-tree, most of its cost), and the index is rebuilt from the lists in
 *   one sorted pass before anything reads it (db/repos/attachments.ts `buildShas`; db/cache.ts `catchUp`).
 *
 * The accident photo triggers of 0070 move here: an item's list inserted, replaced or deleted
 * (also by the cascade when the item leaves) marks its case stale. Applications' lists hold only
 * `material:` scans, whose roles alone start with `m` (AttachmentRoleSchema): those mark nothing,
 * as 0070's `role NOT LIKE 'material:%'` did per row. When you add a photo role starting with `m`,
 * change PHOTO_ROLE here in a new migration.
 */
const PHOTO_ROLE = (list: string) => `${list} GLOB '*"role":"[^m]*'`;
const STALE = (id: string) => `UPDATE items SET photos_stale = 1 WHERE id = ${id} AND required_photos IS NOT NULL AND photos_stale IS NOT 1;`;
const NOT_PENDING = "NOT EXISTS (SELECT 1 FROM meta WHERE key = 'attachment_shas_pending')";
const SHAS_IN = (id: string, list: string) =>
  `INSERT INTO attachment_shas (sha256, item_id) SELECT j.value ->> '$.sha256', ${id} FROM json_each(${list}) AS j WHERE ${NOT_PENDING} ON CONFLICT DO NOTHING;`;
const SHAS_OUT = (id: string, list: string) =>
  `DELETE FROM attachment_shas WHERE item_id = ${id} AND sha256 IN (SELECT j.value ->> '$.sha256' FROM json_each(${list}) AS j);`;

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE item_attachments (
      item_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
      metas TEXT NOT NULL
    ) STRICT;
    CREATE TABLE attachment_shas (
      sha256 TEXT NOT NULL,
      item_id TEXT NOT NULL,
      PRIMARY KEY (sha256, item_id)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO item_attachments (item_id, metas)
      SELECT item_id, json_group_array(json_object(
        'sha256', sha256, 'role', role, 'partyIdx', meta_json -> '$.partyIdx', 'contentType', meta_json -> '$.contentType',
        'size', meta_json -> '$.size', 'takenAt', meta_json -> '$.takenAt', 'gps', meta_json -> '$.gps') ORDER BY ord)
      FROM attachment_meta GROUP BY item_id;
    INSERT INTO attachment_shas (sha256, item_id) SELECT DISTINCT sha256, item_id FROM attachment_meta;
    -- its index and 0070's triggers go with it
    DROP TABLE attachment_meta;

    CREATE TRIGGER attachment_shas_insert AFTER INSERT ON item_attachments
      WHEN ${NOT_PENDING}
      BEGIN ${SHAS_IN('NEW.item_id', 'NEW.metas')} END;
    CREATE TRIGGER attachment_shas_update AFTER UPDATE ON item_attachments
      BEGIN ${SHAS_OUT('OLD.item_id', 'OLD.metas')} ${SHAS_IN('NEW.item_id', 'NEW.metas')} END;
    CREATE TRIGGER attachment_shas_delete AFTER DELETE ON item_attachments
      BEGIN ${SHAS_OUT('OLD.item_id', 'OLD.metas')} END;

    CREATE TRIGGER accident_photos_list_insert AFTER INSERT ON item_attachments
      WHEN ${PHOTO_ROLE('NEW.metas')}
      BEGIN ${STALE('NEW.item_id')} END;
    CREATE TRIGGER accident_photos_list_update AFTER UPDATE ON item_attachments
      WHEN ${PHOTO_ROLE('NEW.metas')} OR ${PHOTO_ROLE('OLD.metas')}
      BEGIN ${STALE('OLD.item_id')} ${STALE('NEW.item_id')} END;
    CREATE TRIGGER accident_photos_list_delete AFTER DELETE ON item_attachments
      WHEN ${PHOTO_ROLE('OLD.metas')}
      BEGIN ${STALE('OLD.item_id')} END;
  `);
}
