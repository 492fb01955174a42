import type { Db } from '../open';
import { displayLabel, searchText } from '../repos/queue-text';

/**
 * The queue grid pages through items in SQLite (items.query) instead of holding 100k rows in the
 * renderer: a display label to sort by, a precomputed quick-search text, and indexes for the
 * common orders and views. Every index ends with `id` because every query order does (the stable
 * tiebreak), so a sort by one column walks its index without a temp b-tree.
 *
 * Backfill reads only the flattened columns (never the JSON), so rows of any shape upgrade.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN label_sort TEXT NOT NULL DEFAULT '';
    ALTER TABLE items ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
    CREATE INDEX items_by_kind_submitted ON items(kind, submitted_at, id);
    CREATE INDEX items_by_kind_due ON items(kind, due_at, id);
    CREATE INDEX items_by_kind_status ON items(kind, status, id);
    CREATE INDEX items_by_kind_claimed ON items(kind, claimed_by, submitted_at, id);
  `);
  const rows = db
    .prepare<[], { id: string; kind: string; label: string; person: string; person_id_masked: string }>(
      'SELECT id, kind, label, person, person_id_masked FROM items',
    )
    .all();
  const update = db.prepare('UPDATE items SET label_sort = ?, search_text = ? WHERE id = ?');
  for (const r of rows) {
    update.run(displayLabel(r.kind, r.label), searchText({ id: r.id, kind: r.kind, label: r.label, person: r.person, personIdMasked: r.person_id_masked }), r.id);
  }
}
