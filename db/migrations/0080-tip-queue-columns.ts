import type { Db } from '../open';
import { searchText, TIP_SEARCH_CONTENT_CHARS, tipQueueColumns, type LooseTip } from '../repos/queue-text';

/**
 * The tip queue sorts and filters in SQL on what triage and routing said: `urgency_score` (beside
 * the level in `urgency`, the order "next tip" claims in: level, then score, then the oldest),
 * `urgency_reasons` (the codes, comma-joined, which the queue translates), `routed_to`,
 * `duplicate_of` (the group's primary when linked), `candidate_count` with `candidate_ids` (the
 * proposed duplicates, JSON), `district` (db/repos/queue-text.ts tipDistrict: where the tip
 * clusters) and `place` (0070's column: the tip's address, searched too). NULL for other kinds.
 *
 * A duplicate group's size is not stored: it is the followers in the cache + 1, and followers
 * arrive and leave in any order (a feed page, a removal, an optimistic link). Counting them on
 * read over the partial index on `duplicate_of` costs one index probe per row shown, and nothing
 * on the feed's writes (db/repos/items.ts GROUP_SIZE_SQL).
 *
 * Indexes, all partial so that applications and accidents (most of a cache) pay nothing for them
 * on a first sync: the followers of a primary; the tips that propose candidates (the reverse
 * lookup "which tips name this one" reads only those); and the tip queue's default order, so it
 * walks an index like the other kinds' default orders (db/repos/item-query.ts names the kind
 * `'tip'` literally for it).
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN urgency_score INTEGER;
    ALTER TABLE items ADD COLUMN urgency_reasons TEXT;
    ALTER TABLE items ADD COLUMN routed_to TEXT;
    ALTER TABLE items ADD COLUMN duplicate_of TEXT;
    ALTER TABLE items ADD COLUMN candidate_count INTEGER;
    ALTER TABLE items ADD COLUMN candidate_ids TEXT;
    ALTER TABLE items ADD COLUMN district TEXT;
    CREATE INDEX items_tip_followers ON items(duplicate_of) WHERE duplicate_of IS NOT NULL;
    CREATE INDEX items_tip_proposing ON items(id) WHERE candidate_count > 0;
    CREATE INDEX items_tip_urgency ON items(kind, (${URGENCY_RANK_SQL}) DESC, urgency_score DESC, submitted_at, id) WHERE kind = 'tip';
  `);

  // Backfill the tips already cached, read loosely (any shape an old cache may hold).
  const rows = db
    .prepare<[], { id: string; json: string; label: string; person: string; person_id_masked: string }>(
      "SELECT id, coalesce(local_json, server_json) AS json, label, person, person_id_masked FROM items WHERE kind = 'tip'",
    )
    .all();
  const update = db.prepare(
    `UPDATE items SET place = @place, urgency_score = @urgency_score, urgency_reasons = @urgency_reasons, routed_to = @routed_to, duplicate_of = @duplicate_of,
       candidate_count = @candidate_count, candidate_ids = @candidate_ids, district = @district, search_text = @search_text WHERE id = @id`,
  );
  for (const r of rows) {
    let parsed: LooseTip & { data?: { content?: unknown } | null } = {};
    try {
      parsed = JSON.parse(r.json) as typeof parsed;
    } catch {
      // an unreadable row keeps empty columns until the feed writes it again
    }
    const c = tipQueueColumns(parsed);
    const content = typeof parsed.data?.content === 'string' ? parsed.data.content.slice(0, TIP_SEARCH_CONTENT_CHARS) : null;
    update.run({
      id: r.id,
      place: c.place,
      urgency_score: c.urgencyScore,
      urgency_reasons: c.urgencyReasons,
      routed_to: c.routedTo,
      duplicate_of: c.duplicateOf,
      candidate_count: c.candidateCount,
      candidate_ids: c.candidateIds,
      district: c.district,
      search_text: searchText({ id: r.id, kind: 'tip', label: r.label, person: r.person, personIdMasked: r.person_id_masked, place: c.place, text: content }),
    });
  }
}

/**
 * The urgency level's rank as db/repos/item-query.ts sorts it. Written here, not imported, because
 * a shipped migration must not change when the repository does; the query's expression must stay
 * exactly this text for SQLite to match it with the index (tests/integration/db/tip-columns.test.ts
 * checks the plan).
 */
const URGENCY_RANK_SQL = "CASE urgency WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END";
