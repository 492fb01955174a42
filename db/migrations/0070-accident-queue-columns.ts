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
 * written with the row by db/repos/items.ts — and triggers mark `photos_stale` on every case
 * whose metadata was inserted, changed or deleted (also by the cascade when an item leaves: then
 * there is no row to mark) or whose `required_photos` changed. The readers of the columns (items.list, the queue's pages and
 * positions) first recompute the stale cases in one statement (db/repos/items.ts
 * `photoColumnsFlusher`): once per case however many photos a page brought, with the set
 * difference in the repository rather than frozen into a trigger. Whatever writes the metadata,
 * in whatever order, what is read equals `missingPhotos(metadata, partyCount)`.
 *
 * (Triggers that recomputed per metadata row made a feed page of accidents with nine photos each
 * 2.7× as slow; marking the case once costs a few per cent.)
 */
/** Marks the case stale once: a page's other photos of it find it marked and write nothing. */
const STALE = (id: string) => `UPDATE items SET photos_stale = 1 WHERE id = ${id} AND required_photos IS NOT NULL AND photos_stale IS NOT 1;`;

export function up(db: Db): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN place TEXT;
    ALTER TABLE items ADD COLUMN required_photos TEXT;
    ALTER TABLE items ADD COLUMN photo_count INTEGER;
    ALTER TABLE items ADD COLUMN missing_photos TEXT;
    ALTER TABLE items ADD COLUMN missing_photo_count INTEGER;
    ALTER TABLE items ADD COLUMN finding_count INTEGER;
    ALTER TABLE items ADD COLUMN cleared_at TEXT;

    -- 1 while the photo columns lag the metadata; the partial index finds the few such rows at once
    ALTER TABLE items ADD COLUMN photos_stale INTEGER;
    CREATE INDEX items_photos_stale ON items(id) WHERE photos_stale = 1;
    CREATE TRIGGER accident_photos_meta_insert AFTER INSERT ON attachment_meta
      WHEN NEW.role NOT LIKE 'material:%'
      BEGIN ${STALE('NEW.item_id')} END;
    CREATE TRIGGER accident_photos_meta_update AFTER UPDATE ON attachment_meta
      WHEN NEW.role NOT LIKE 'material:%' OR OLD.role NOT LIKE 'material:%'
      BEGIN ${STALE('OLD.item_id')} ${STALE('NEW.item_id')} END;
    CREATE TRIGGER accident_photos_meta_delete AFTER DELETE ON attachment_meta
      WHEN OLD.role NOT LIKE 'material:%'
      BEGIN ${STALE('OLD.item_id')} END;
    CREATE TRIGGER accident_photos_required_change AFTER UPDATE OF required_photos ON items
      WHEN OLD.required_photos IS NOT NEW.required_photos
      BEGIN ${STALE('NEW.id')} END;
  `);

  // Backfill the accidents already cached. Their JSON is read loosely (any shape a cache may
  // hold); setting the required list marks them stale, so the first read computes their photos.
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
