import type { Db } from '../open';
import { accidentQueueColumns, searchTextOfAccidentRow, type LooseAccident } from '../repos/queue-text';

/**
 * The accident queue sorts and filters on what the case's photos and forensics say, in SQL:
 * `place` (the address, also in the quick-search text), `photo_count`, `missing_photos` (the
 * required photos without one, comma-separated codes as shared/rules/quickProcedure.ts
 * `missingPhotos` writes them: `front_side`, `plate#1` …) with `missing_photo_count`,
 * `finding_count` (photo forensics) and `cleared_at` (determination or referral). NULL for other
 * kinds.
 *
 * The photos are attachments, not item data, and a feed page writes its items BEFORE it replaces
 * their attachment metadata (electron/console/feed-page.ts): a count computed when the item row is
 * written would be the previous page's (or none). So the item row carries only what the photos
 * are measured against — `required_photos`, the JSON list `missingPhotos([], partyCount)` gives,
 * written with the row by db/repos/items.ts — and triggers on attachment_meta recompute the photo
 * columns from the metadata whenever a row of it is inserted, changed or deleted (also by the
 * cascade when an item leaves), and when `required_photos` changes. Whatever writes the metadata,
 * in whatever order, the columns end equal to `missingPhotos(metadata, partyCount)`; the SQL only
 * takes the set difference, the rule of which photos are required stays in shared/rules.
 * A case photo (`front_side`) counts whatever its party, a party photo (`plate#1`) only with that
 * party's index — as missingPhotos matches them. Application scans (`material:…`) skip the triggers.
 *
 * When REQUIRED_PHOTO_ROLES changes: rows keep their old `required_photos` until they are written
 * again; add a migration that rewrites it (as the backfill below does) if that cannot wait.
 */
const RECOMPUTE = (id: string) => `
  UPDATE items SET
    photo_count = (SELECT count(*) FROM attachment_meta m WHERE m.item_id = items.id AND json_extract(m.meta_json, '$.contentType') LIKE 'image/%'),
    missing_photos = (
      SELECT coalesce(group_concat(r.value, ',' ORDER BY r.key), '') FROM json_each(items.required_photos) r
      WHERE NOT EXISTS (SELECT 1 FROM attachment_meta m WHERE m.item_id = items.id
        AND (m.role = r.value OR m.role || '#' || json_extract(m.meta_json, '$.partyIdx') = r.value))),
    missing_photo_count = (
      SELECT count(*) FROM json_each(items.required_photos) r
      WHERE NOT EXISTS (SELECT 1 FROM attachment_meta m WHERE m.item_id = items.id
        AND (m.role = r.value OR m.role || '#' || json_extract(m.meta_json, '$.partyIdx') = r.value)))
  WHERE id = ${id} AND required_photos IS NOT NULL;`;

export function up(db: Db): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN place TEXT;
    ALTER TABLE items ADD COLUMN required_photos TEXT;
    ALTER TABLE items ADD COLUMN photo_count INTEGER;
    ALTER TABLE items ADD COLUMN missing_photos TEXT;
    ALTER TABLE items ADD COLUMN missing_photo_count INTEGER;
    ALTER TABLE items ADD COLUMN finding_count INTEGER;
    ALTER TABLE items ADD COLUMN cleared_at TEXT;

    CREATE TRIGGER items_photos_after_meta_insert AFTER INSERT ON attachment_meta
      WHEN NEW.role NOT LIKE 'material:%'
      BEGIN ${RECOMPUTE('NEW.item_id')} END;
    CREATE TRIGGER items_photos_after_meta_update AFTER UPDATE ON attachment_meta
      WHEN NEW.role NOT LIKE 'material:%' OR OLD.role NOT LIKE 'material:%'
      BEGIN ${RECOMPUTE('OLD.item_id')} ${RECOMPUTE('NEW.item_id')} END;
    CREATE TRIGGER items_photos_after_meta_delete AFTER DELETE ON attachment_meta
      WHEN OLD.role NOT LIKE 'material:%'
      BEGIN ${RECOMPUTE('OLD.item_id')} END;
    CREATE TRIGGER items_photos_after_required_change AFTER UPDATE OF required_photos ON items
      WHEN OLD.required_photos IS NOT NEW.required_photos
      BEGIN ${RECOMPUTE('NEW.id')} END;
  `);

  // Backfill the accidents already cached. Their JSON is read loosely (any shape a cache may
  // hold); the required list is then set, which the last trigger turns into the photo columns.
  const rows = db.prepare<[], { id: string; json: string; label: string; person: string; person_id_masked: string }>(
    "SELECT id, coalesce(local_json, server_json) AS json, label, person, person_id_masked FROM items WHERE kind = 'accident'",
  ).all();
  const update = db.prepare('UPDATE items SET place = ?, required_photos = ?, finding_count = ?, cleared_at = ?, search_text = ? WHERE id = ?');
  for (const r of rows) {
    let parsed: LooseAccident = {};
    try {
      parsed = JSON.parse(r.json) as LooseAccident;
    } catch {
      // an unreadable row keeps empty columns until the feed writes it again
    }
    const cols = accidentQueueColumns(parsed);
    const search = searchTextOfAccidentRow({ id: r.id, label: r.label, person: r.person, personIdMasked: r.person_id_masked, place: cols.place });
    update.run(cols.place, cols.requiredPhotos, cols.findingCount, cols.clearedAt, search, r.id);
  }
}
