import type { AttachmentMeta } from '#shared/domain/attachments';
import type { ItemKind, WorkItem } from '#shared/domain/items';
import { itemJson, prefixRange } from '../sqlite/items';
import { ItemPiiSchema, type ChangeRow, type ItemAttachment, type ItemPii, type ItemRepo, type Scope, type StoredItem } from '../store';
import type { Conn } from './db';
import type { ItemRow, ParsedItems } from './parsed';

/**
 * Items and the compacted change log (the SQLite store's items.ts, whose comments give the
 * reasons): one presence row per item at its current unit, one departure row per unit it left,
 * each with the seq of the change that made it. A seq is `max + 1` like SQLite's, safe because
 * it is drawn while the writer lock is held (db.ts WRITER_LOCK): commit order is seq order, and a
 * rolled-back change leaves no gap, so both stores number the same history alike.
 */
const ITEM_COLUMNS = 'id, kind, unit_code, status, version, claimed_by, claim_expires_at, submitted_at, due_at, updated_at, notes, data';

/**
 * The feed's page: sqlite/items.ts feedSql over the same table, so the same rows in the same order
 * for the same history. The JSON columns come as text and are turned into UTF-8 bytes here
 * (bytea would travel hex-encoded, twice the size).
 *
 * The item is read per change row by a LATERAL subquery that OFFSET 0 keeps from being flattened
 * into a join: so the plan is SQLite's, a walk of changes_by_seq from the cursor, each item by its
 * primary key, stopping at the limit. As a plain join the planner hashes all of items instead
 * (100k items, a page of 1,002: 180-240 ms against 16 ms this way, on this machine).
 */
const FEED_SQL = `SELECT c.seq, i.id, i.kind, i.unit_code AS "unitCode", i.status, i.json, i.attachments_json AS attachments
  FROM changes c CROSS JOIN LATERAL (SELECT id, kind, unit_code, status, json, attachments_json FROM items WHERE id = c.item_id OFFSET 0) i
  WHERE c.seq > $1 AND c.kind = ANY($2::text[]) AND c.unit_code >= $3 AND c.unit_code < $4
    AND (c.unit_code = i.unit_code
      OR NOT (i.unit_code >= $3 AND i.unit_code < $4)
        AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.item_id = c.item_id AND d.unit_code >= $3 AND d.unit_code < $4 AND d.seq > c.seq))
  ORDER BY c.seq LIMIT $5`;

/** A change: the item's presence row at its unit gets the next seq (replacing a departure row of that unit when the item comes back). */
const PRESENCE_SQL = `INSERT INTO changes (item_id, unit_code, kind, seq) VALUES ($1, $2, $3, (SELECT coalesce(max(seq), 0) + 1 FROM changes))
  ON CONFLICT (item_id, unit_code) DO UPDATE SET seq = excluded.seq RETURNING seq`;
const DEPARTURE_SQL = `INSERT INTO changes (item_id, unit_code, kind, seq) VALUES ($1, $2, $3, $4)
  ON CONFLICT (item_id, unit_code) DO UPDATE SET seq = excluded.seq`;

interface AttachmentRow {
  item_id: string;
  sha256: string;
  role: string;
  party_idx: number;
  content_type: string;
  size: number;
  taken_at: string | null;
  gps_lat: number | null;
  gps_lng: number | null;
}

function toMeta(r: AttachmentRow): AttachmentMeta {
  return {
    sha256: r.sha256,
    itemId: r.item_id,
    role: r.role as AttachmentMeta['role'],
    partyIdx: r.party_idx < 0 ? null : r.party_idx,
    contentType: r.content_type as AttachmentMeta['contentType'],
    size: r.size,
    takenAt: r.taken_at,
    gps: r.gps_lat === null || r.gps_lng === null ? null : { lat: r.gps_lat, lng: r.gps_lng },
  };
}

/** In role order like SQLite's `ORDER BY a.item_id, a.role`, ties in its primary key's order. */
async function attachmentsOf(c: Conn, itemIds: readonly string[]): Promise<AttachmentMeta[]> {
  if (itemIds.length === 0) return [];
  const rows = await c.query<AttachmentRow>(
    `SELECT a.item_id, a.sha256, a.role, a.party_idx, b.content_type, b.size, b.taken_at, b.gps_lat, b.gps_lng
     FROM item_attachments a JOIN blobs b ON b.sha256 = a.sha256
     WHERE a.item_id = ANY($1::text[]) ORDER BY a.item_id, a.role, a.sha256, a.party_idx`,
    [itemIds],
  );
  return rows.map(toMeta);
}

async function attachmentsJson(c: Conn, itemId: string): Promise<string> {
  return (await attachmentsOf(c, [itemId])).map((a) => JSON.stringify(a)).join(',');
}

/** sqlite/items.ts newAttachmentsJson: a new item's attachment JSON from the blobs before its links exist, so its row is written once. */
async function newAttachmentsJson(c: Conn, itemId: string, attachments: readonly ItemAttachment[]): Promise<string> {
  if (attachments.length === 0) return '';
  const metas = await c.query<Omit<AttachmentRow, 'item_id' | 'role' | 'party_idx'>>(
    'SELECT sha256, content_type, size, taken_at, gps_lat, gps_lng FROM blobs WHERE sha256 = ANY($1::text[])',
    [[...new Set(attachments.map((a) => a.sha256))]],
  );
  const bySha = new Map(metas.map((m) => [m.sha256, m]));
  const rows = new Map<string, AttachmentRow>();
  for (const a of attachments) {
    const key = `${a.sha256}|${a.role}|${a.partyIdx ?? -1}`;
    const meta = bySha.get(a.sha256);
    // a missing blob fails the link's foreign key right after
    if (meta && !rows.has(key)) rows.set(key, { ...meta, item_id: itemId, role: a.role, party_idx: a.partyIdx ?? -1 });
  }
  return [...rows.values()]
    .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0))
    .map((r) => JSON.stringify(toMeta(r)))
    .join(',');
}

async function linkAttachments(c: Conn, itemId: string, attachments: readonly ItemAttachment[]): Promise<void> {
  if (attachments.length === 0) return;
  await c.run(
    `INSERT INTO item_attachments (item_id, sha256, role, party_idx)
     SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::integer[]) ON CONFLICT DO NOTHING`,
    [itemId, attachments.map((a) => a.sha256), attachments.map((a) => a.role), attachments.map((a) => a.partyIdx ?? -1)],
  );
}

async function recordChange(c: Conn, item: WorkItem, prevUnitCode: string | null): Promise<number> {
  const [row] = await c.query<{ seq: number }>(PRESENCE_SQL, [item.id, item.unitCode, item.kind]);
  const seq = row!.seq;
  if (prevUnitCode !== null && prevUnitCode !== item.unitCode) await c.run(DEPARTURE_SQL, [item.id, prevUnitCode, item.kind, seq]);
  c.changed(seq);
  return seq;
}

/** The columns of ITEM_COLUMNS, in that order. */
function itemToRow(item: WorkItem): ItemRow {
  return {
    id: item.id,
    kind: item.kind,
    unit_code: item.unitCode,
    status: item.status,
    version: item.version,
    claimed_by: item.claimedBy,
    claim_expires_at: item.claimExpiresAt,
    submitted_at: item.submittedAt,
    due_at: item.dueAt,
    updated_at: item.updatedAt,
    notes: JSON.stringify(item.notes),
    data: JSON.stringify(item.data),
  };
}

const rowValues = (r: ItemRow): unknown[] => [r.id, r.kind, r.unit_code, r.status, r.version, r.claimed_by, r.claim_expires_at, r.submitted_at, r.due_at, r.updated_at, r.notes, r.data];

export function itemRepo(c: Conn, parsed: ParsedItems): ItemRepo {
  return {
    async nextNumber(prefix, cityCode) {
      const [row] = await c.query<{ next: number }>(
        `INSERT INTO id_counters (prefix, city_code, next) VALUES ($1, $2, 1)
         ON CONFLICT (prefix, city_code) DO UPDATE SET next = id_counters.next + 1 RETURNING next`,
        [prefix, cityCode],
      );
      return row!.next;
    },
    async get(id): Promise<StoredItem | undefined> {
      const [row] = await c.query<ItemRow & { pii: string }>(`SELECT ${ITEM_COLUMNS}, pii FROM items WHERE id = $1`, [id]);
      if (!row) return undefined;
      return { item: parsed.parse(row), pii: ItemPiiSchema.parse(JSON.parse(row.pii)) };
    },
    async getWork(id) {
      const [row] = await c.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = $1`, [id]);
      return row && parsed.parse(row);
    },
    insert(item: WorkItem, pii: ItemPii, attachments: readonly ItemAttachment[]) {
      return c.write(async (w) => {
        const row = itemToRow(item);
        await w.run(
          `INSERT INTO items (${ITEM_COLUMNS}, pii, json, attachments_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [...rowValues(row), JSON.stringify(pii), itemJson(item), await newAttachmentsJson(w, item.id, attachments)],
        );
        parsed.remember(row, item);
        await linkAttachments(w, item.id, attachments);
        return recordChange(w, item, null);
      });
    },
    update(item: WorkItem, prevUnitCode: string, attachments: readonly ItemAttachment[] = []) {
      return c.write(async (w) => {
        // One statement for every form of update: PostgreSQL writes a new row version whatever
        // columns are assigned, so the SQLite store's narrower forms would gain nothing here.
        const row = itemToRow(item);
        const n = await w.run(
          `UPDATE items SET kind = $2, unit_code = $3, status = $4, version = $5, claimed_by = $6, claim_expires_at = $7, submitted_at = $8,
             due_at = $9, updated_at = $10, notes = $11, data = $12, json = $13 WHERE id = $1`,
          [...rowValues(row), itemJson(item)],
        );
        if (n !== 1) throw new Error(`item ${item.id} vanished during update`);
        // callers write only validated items (see ParsedItems), so this is what reading the row gives
        parsed.remember(row, item);
        if (attachments.length > 0) {
          await linkAttachments(w, item.id, attachments);
          await w.run('UPDATE items SET attachments_json = $2 WHERE id = $1', [item.id, await attachmentsJson(w, item.id)]);
        }
        return recordChange(w, item, prevUnitCode);
      });
    },
    async latestSeq() {
      const [row] = await c.query<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM changes');
      return row!.seq;
    },
    async changesAfter(after: number, limit: number, scope: Scope): Promise<ChangeRow[]> {
      if (scope.kinds.length === 0) return [];
      const [from, to] = prefixRange(scope.unitPrefix);
      const rows = await c.query<Omit<ChangeRow, 'json' | 'attachments'> & { json: string; attachments: string }>(FEED_SQL, [
        after,
        scope.kinds,
        from,
        to,
        limit,
      ]);
      return rows.map((r) => ({ ...r, json: Buffer.from(r.json, 'utf8'), attachments: Buffer.from(r.attachments, 'utf8') }));
    },
    attachmentsOf: (itemIds) => attachmentsOf(c, itemIds),
    withBlob(sha256) {
      return c.query<{ id: string; kind: ItemKind; unitCode: string; status: string }>(
        `SELECT DISTINCT i.id, i.kind, i.unit_code AS "unitCode", i.status
         FROM item_attachments a JOIN items i ON i.id = a.item_id WHERE a.sha256 = $1 ORDER BY i.id`,
        [sha256],
      );
    },
    async liveBookings(unitCode, serviceCode, slotStart) {
      // a hall's appointments (items_by_unit), the slot's start is the item's due_at
      const [row] = await c.query<{ n: number }>(
        `SELECT count(*) AS n FROM items WHERE unit_code = $1 AND kind = 'appointment' AND due_at = $2
           AND status IN ('booked', 'checked_in') AND (data::json ->> 'serviceCode') = $3`,
        [unitCode, slotStart, serviceCode],
      );
      return row!.n;
    },
    async tipFollowers(primaryId) {
      const rows = await c.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE duplicate_of = $1 AND kind = 'tip' ORDER BY id`, [primaryId]);
      return rows.map((r) => parsed.parse(r));
    },
  };
}
