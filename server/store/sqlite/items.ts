import type { Statements } from './db';
import { WorkItemSchema, type ItemKind, type WorkItem } from '#shared/domain/items';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { rememberJson, stringifyOnce } from '../../serialized';
import { ItemPiiSchema, type ChangeRow, type ItemAttachment, type ItemPii, type Scope, type StoredItem } from '../store';

interface ItemRow {
  id: string;
  kind: string;
  unit_code: string;
  status: string;
  version: number;
  claimed_by: string | null;
  claim_expires_at: string | null;
  submitted_at: string;
  due_at: string | null;
  updated_at: string;
  notes: string;
  data: string;
  pii?: string;
}

/** JSON columns are parsed with their schema on the way out (STYLE.md "Data"). */
export function rowToItem(row: ItemRow): WorkItem {
  return WorkItemSchema.parse({
    id: row.id,
    kind: row.kind,
    unitCode: row.unit_code,
    status: row.status,
    version: row.version,
    claimedBy: row.claimed_by,
    claimExpiresAt: row.claim_expires_at,
    submittedAt: row.submitted_at,
    dueAt: row.due_at,
    updatedAt: row.updated_at,
    notes: JSON.parse(row.notes),
    data: JSON.parse(row.data),
  });
}

/**
 * The item's JSON exactly as the feed sends it, stored on every write (column `json`, migration
 * 0050) so a feed page is built by joining stored strings instead of parsing and re-serializing
 * each item. Written items are validated WorkItems (see ParsedItems), so this is also what
 * `JSON.stringify(rowToItem(row))` gives; the PII lives in its own column and never enters it.
 */
export function itemJson(item: WorkItem): string {
  return JSON.stringify(item);
}

/**
 * `itemJson` of an item whose `data` is the very object a row was parsed from, so its text is
 * that row's `data` column: the rest is stringified and `data` spliced in, instead of
 * stringifying the bulk of the item again. Only when `data` is the last key (checkedAfter in
 * apply.ts builds such items), as JSON.stringify would put it there too.
 */
function itemJsonWithData(item: WorkItem, dataJson: string): string {
  const keys = Object.keys(item);
  if (keys[keys.length - 1] !== 'data' || keys.length < 2) return stringifyOnce(item);
  const { data: _data, ...rest } = item;
  const head = JSON.stringify(rest);
  if (head === '{}') return stringifyOnce(item);
  return rememberJson(item, `${head.slice(0, -1)},"data":${dataJson}}`);
}

function itemToRow(item: WorkItem, dataJson: string = JSON.stringify(item.data)): RowColumns {
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
    data: dataJson,
  };
}

/**
 * Parsed items by id, each with the row it was parsed from (or written as). `rowToItem` is a pure
 * function of the row, so while the row in the database is the same, byte for byte, its parse can
 * be reused: a command reads the item the previous command wrote, and parsing the JSON columns
 * with the item schema was the largest cost of a command's read. Written items enter only as the
 * caller's validated value (apply.ts and citizen.ts parse with WorkItemSchema before writing).
 * Being keyed by content, a rolled-back write cannot leave a stale entry: the row read afterwards
 * differs from the remembered one and is parsed afresh. Items are frozen, as they are shared.
 */
type RowColumns = Omit<ItemRow, 'pii'>;
const SAME_COLUMNS: readonly (keyof RowColumns)[] = [
  'version',
  'updated_at',
  'status',
  'claimed_by',
  'claim_expires_at',
  'unit_code',
  'kind',
  'submitted_at',
  'due_at',
  'notes',
  'data',
];
const PARSED_MAX = 5_000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

class ParsedItems {
  /**
   * `dataJson`: `JSON.stringify(item.data)` when known — set by a write (itemToRow made it), not
   * by a read, as the stored text may predate the schema's key order or defaults.
   */
  private readonly map = new Map<string, { row: RowColumns; item: WorkItem; dataJson?: string }>();

  parse(row: ItemRow): WorkItem {
    const hit = this.map.get(row.id);
    if (hit && SAME_COLUMNS.every((c) => hit.row[c] === row[c])) return hit.item;
    const item = deepFreeze(rowToItem(row));
    if (this.map.size >= PARSED_MAX) this.map.clear();
    this.map.set(row.id, { row, item });
    return item;
  }

  /** `JSON.stringify(item.data)` as last written, when `item.data` is that very object (effects that leave `data` keep it). */
  dataJson(item: WorkItem): string | undefined {
    const hit = this.map.get(item.id);
    return hit && hit.item.data === item.data ? hit.dataJson : undefined;
  }

  /** A written item: `row` as itemToRow made it from `item`. */
  remember(row: RowColumns, item: WorkItem): void {
    if (this.map.size >= PARSED_MAX) this.map.clear();
    this.map.set(row.id, { row, item: deepFreeze(item), dataJson: row.data });
  }
}

const ITEM_COLUMNS = 'id, kind, unit_code, status, version, claimed_by, claim_expires_at, submitted_at, due_at, updated_at, notes, data';

/**
 * The feed's page query over the compacted change log (migration 0070): per item one row at its
 * current unit (its presence, with the seq of its latest change) and one row per unit it has left
 * (its latest departure from there). A row is a presence exactly when its unit is the item's
 * current unit, so the log needs no column saying which it is.
 *
 * An officer gets the rows after the cursor in their kinds whose unit lies in their jurisdiction
 * (a range, `prefixRange`, rather than LIKE): the presence row when the item is in range (its
 * current state), else a departure from a unit in range (a removal), and of those only the latest,
 * so an item reaches an officer as at most one row at any time, whatever its history, and a row
 * that needs no item (a departure when the item is back in range) is dropped here, not in
 * JavaScript. The walk is the covering index `changes_by_seq` from the cursor; each item is found
 * by its id, a departure's later ones by the primary key (item, unit).
 */
export function feedSql(kindCount: number): string {
  const kinds = Array.from({ length: kindCount }, (_, k) => `@k${k}`).join(', ');
  return `SELECT c.seq AS seq, i.id AS id, i.kind AS kind, i.unit_code AS unitCode, i.status AS status,
      CAST(i.json AS BLOB) AS json, CAST(i.attachments_json AS BLOB) AS attachments
    FROM changes c JOIN items i ON i.id = c.item_id
    WHERE c.seq > @after AND c.kind IN (${kinds}) AND c.unit_code >= @from AND c.unit_code < @to
      AND (c.unit_code = i.unit_code
        OR NOT (i.unit_code >= @from AND i.unit_code < @to)
          AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.item_id = c.item_id AND d.unit_code >= @from AND d.unit_code < @to AND d.seq > c.seq))
    ORDER BY c.seq LIMIT @limit`;
}

/**
 * One change, seq `max + 1`, written as the item's presence row at `unitCode` (replacing it, or
 * the departure row of that unit when the item comes back). Rows are only ever re-sequenced
 * upwards, never deleted, so the newest change always holds the largest seq: `max(seq)` is the
 * latest seq, across restarts and the compaction alike, and the next one is always larger.
 */
export const PRESENCE_SQL = `INSERT INTO changes (item_id, unit_code, kind, seq) VALUES (?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM changes))
  ON CONFLICT (item_id, unit_code) DO UPDATE SET seq = excluded.seq RETURNING seq`;
/** The departure from `unitCode` made by change `seq` (the latest departure from that unit). */
const DEPARTURE_SQL = `INSERT INTO changes (item_id, unit_code, kind, seq) VALUES (?, ?, ?, ?)
  ON CONFLICT (item_id, unit_code) DO UPDATE SET seq = excluded.seq`;
export const LATEST_SEQ_SQL = 'SELECT coalesce(max(seq), 0) AS seq FROM changes';

/** The named parameters of `feedSql`. */
export function feedParams(after: number, limit: number, scope: Scope): Record<string, string | number> {
  const [from, to] = prefixRange(scope.unitPrefix);
  const params: Record<string, string | number> = { after, from, to, limit };
  scope.kinds.forEach((kind, k) => (params[`k${k}`] = kind));
  return params;
}

/** `[prefix, end)`: exactly the strings that start with `prefix` (binary collation). */
export function prefixRange(prefix: string): [string, string] {
  if (prefix === '') return ['', '\u{10FFFF}'];
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)];
}

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

/** Anything that prepares statements: the store's cache, or a migration's database. */
interface Prepares {
  get(sql: string): { all(...params: unknown[]): unknown[] };
}

export function attachmentsOf(s: Prepares, itemIds: readonly string[]): AttachmentMeta[] {
  if (itemIds.length === 0) return [];
  const rows = s
    .get(
      `SELECT a.item_id, a.sha256, a.role, a.party_idx, b.content_type, b.size, b.taken_at, b.gps_lat, b.gps_lng
       FROM item_attachments a JOIN blobs b ON b.sha256 = a.sha256
       WHERE a.item_id IN (SELECT value FROM json_each(?)) ORDER BY a.item_id, a.role`,
    )
    .all(JSON.stringify(itemIds)) as AttachmentRow[];
  // Plain columns written only after validation on intake (roles, types), so no per-row
  // schema parse here: a feed page carries thousands of these.
  return rows.map(toMeta);
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

/**
 * An item's attachment metadata as the feed sends it, array elements without the brackets
 * (column `attachments_json`, migration 0060), so a page joins them like the items. Blob metadata
 * never changes once stored and links are only added, so it is rewritten only when links are.
 */
export function attachmentsJson(s: Prepares, itemId: string): string {
  return attachmentsOf(s, [itemId])
    .map((a) => JSON.stringify(a))
    .join(',');
}

export function itemQueries(s: Statements) {
  const parsed = new ParsedItems();
  /**
   * The change log keeps one presence row per item and one departure row per unit it left (see
   * feedSql): a write re-sequences the presence row and, when the unit changed, the departure
   * row of the unit left, both with the new seq. A unit the item comes back to had a departure
   * row: the same upsert makes it the presence row again. So a seq names at most two rows.
   */
  const recordChange = (item: WorkItem, prevUnitCode: string | null): number => {
    const { seq } = s.get(PRESENCE_SQL).get(item.id, item.unitCode, item.kind) as { seq: number };
    if (prevUnitCode !== null && prevUnitCode !== item.unitCode) s.get(DEPARTURE_SQL).run(item.id, prevUnitCode, item.kind, seq);
    return seq;
  };
  const linkAttachments = (itemId: string, attachments: readonly ItemAttachment[]): void => {
    const stmt = s.get('INSERT OR IGNORE INTO item_attachments (item_id, sha256, role, party_idx) VALUES (?, ?, ?, ?)');
    for (const a of attachments) stmt.run(itemId, a.sha256, a.role, a.partyIdx ?? -1);
  };
  const addAttachments = (itemId: string, attachments: readonly ItemAttachment[]): void => {
    if (attachments.length === 0) return;
    linkAttachments(itemId, attachments);
    s.get('UPDATE items SET attachments_json = ? WHERE id = ?').run(attachmentsJson(s, itemId), itemId);
  };
  /**
   * `attachmentsJson` of a new item, from the blobs' metadata before its links exist, so an intake
   * writes its row once: the links as the table will hold them (duplicates dropped, in role order).
   */
  const newAttachmentsJson = (itemId: string, attachments: readonly ItemAttachment[]): string => {
    if (attachments.length === 0) return '';
    const blob = s.get('SELECT content_type, size, taken_at, gps_lat, gps_lng FROM blobs WHERE sha256 = ?');
    const rows = new Map<string, AttachmentRow>();
    for (const a of attachments) {
      const key = `${a.sha256}|${a.role}|${a.partyIdx ?? -1}`;
      const meta = blob.get(a.sha256) as Omit<AttachmentRow, 'item_id' | 'sha256' | 'role' | 'party_idx'> | undefined;
      // a missing blob fails the link's foreign key right after
      if (meta && !rows.has(key)) rows.set(key, { item_id: itemId, sha256: a.sha256, role: a.role, party_idx: a.partyIdx ?? -1, ...meta });
    }
    return [...rows.values()]
      .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0))
      .map((r) => JSON.stringify(toMeta(r)))
      .join(',');
  };

  return {
    nextItemNumber(prefix: string, cityCode: string): number {
      const row = s
        .get(
          `INSERT INTO id_counters (prefix, city_code, next) VALUES (?, ?, 1)
           ON CONFLICT(prefix, city_code) DO UPDATE SET next = next + 1 RETURNING next`,
        )
        .get(prefix, cityCode) as { next: number };
      return row.next;
    },
    getItem(id: string): StoredItem | undefined {
      const row = s.get(`SELECT ${ITEM_COLUMNS}, pii FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
      if (!row) return undefined;
      return { item: parsed.parse(row), pii: ItemPiiSchema.parse(JSON.parse(row.pii ?? '{}')) };
    },
    getWorkItem(id: string): WorkItem | undefined {
      const row = s.get(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
      return row && parsed.parse(row);
    },
    insertItem(item: WorkItem, pii: ItemPii, attachments: readonly ItemAttachment[]): number {
      s.get(
        `INSERT INTO items (${ITEM_COLUMNS}, pii, json, attachments_json) VALUES (@id, @kind, @unit_code, @status, @version, @claimed_by,
           @claim_expires_at, @submitted_at, @due_at, @updated_at, @notes, @data, @pii, @json, @attachments_json)`,
      ).run({ ...itemToRow(item), pii: JSON.stringify(pii), json: itemJson(item), attachments_json: newAttachmentsJson(item.id, attachments) });
      linkAttachments(item.id, attachments);
      return recordChange(item, null);
    },
    updateItem(item: WorkItem, prevUnitCode: string, attachments: readonly ItemAttachment[] = []): number {
      // a claim, note or release keeps `data`: the text of its last write is reused
      const dataJson = parsed.dataJson(item);
      const row = itemToRow(item, dataJson);
      const params = { ...row, json: dataJson === undefined ? stringifyOnce(item) : itemJsonWithData(item, dataJson) };
      // (stringifyOnce: the item is frozen by `remember` below, so the answer may reuse this text)
      // SQLite rewrites every index whose columns are assigned, changed or not, and recomputes the
      // generated columns of an assigned `data` (the stats columns and their indexes, migration
      // 110). So the narrowest form that fits runs, each guarded by a WHERE that holds only when
      // what it leaves out is unchanged: a claim, renewal, release or note (most commands) sets
      // the lease, version, notes and JSON alone; a decision keeps kind and unit (items_by_unit);
      // only a move or a change of kind takes the full form.
      const lease = s
        .get(
          `UPDATE items SET version = @version, claimed_by = @claimed_by, claim_expires_at = @claim_expires_at, updated_at = @updated_at,
             notes = @notes, json = @json
           WHERE id = @id AND kind = @kind AND unit_code = @unit_code AND status = @status AND submitted_at = @submitted_at
             AND due_at IS @due_at AND data = @data`,
        )
        .run(params);
      const kept =
        lease.changes === 1
          ? lease
          : s
              .get(
                `UPDATE items SET status = @status, version = @version, claimed_by = @claimed_by, claim_expires_at = @claim_expires_at,
                   submitted_at = @submitted_at, due_at = @due_at, updated_at = @updated_at, notes = @notes, data = @data, json = @json
                 WHERE id = @id AND kind = @kind AND unit_code = @unit_code`,
              )
              .run(params);
      const info =
        kept.changes === 1
          ? kept
          : s
              .get(
                `UPDATE items SET kind = @kind, unit_code = @unit_code, status = @status, version = @version, claimed_by = @claimed_by,
                   claim_expires_at = @claim_expires_at, submitted_at = @submitted_at, due_at = @due_at, updated_at = @updated_at,
                   notes = @notes, data = @data, json = @json WHERE id = @id`,
              )
              .run(params);
      if (info.changes !== 1) throw new Error(`item ${item.id} vanished during update`);
      // callers write only validated items (see ParsedItems), so this is what reading the row gives
      parsed.remember(row, item);
      addAttachments(item.id, attachments);
      return recordChange(item, prevUnitCode);
    },
    latestSeq(): number {
      return (s.get(LATEST_SEQ_SQL).get() as { seq: number }).seq;
    },
    changesAfter(after: number, limit: number, scope: Scope): ChangeRow[] {
      if (scope.kinds.length === 0) return [];
      return s.get(feedSql(scope.kinds.length)).all(feedParams(after, limit, scope)) as ChangeRow[];
    },
    attachmentsOf(itemIds: readonly string[]): AttachmentMeta[] {
      return attachmentsOf(s, itemIds);
    },
    liveBookings(unitCode: string, serviceCode: string, slotStart: string): number {
      // a hall's appointments (items_by_unit), the slot's start is the item's due_at
      const row = s
        .get(
          `SELECT count(*) AS n FROM items WHERE unit_code = ? AND kind = 'appointment' AND due_at = ?
             AND status IN ('booked', 'checked_in') AND json_extract(data, '$.serviceCode') = ?`,
        )
        .get(unitCode, slotStart, serviceCode) as { n: number };
      return row.n;
    },
    tipFollowers(primaryId: string): WorkItem[] {
      const rows = s.get(`SELECT ${ITEM_COLUMNS} FROM items WHERE duplicate_of = ? AND kind = 'tip' ORDER BY id`).all(primaryId) as ItemRow[];
      return rows.map((r) => parsed.parse(r));
    },
    itemsWithBlob(sha256: string): { id: string; kind: ItemKind; unitCode: string; status: string }[] {
      return s
        .get(
          `SELECT DISTINCT i.id AS id, i.kind AS kind, i.unit_code AS unitCode, i.status AS status
           FROM item_attachments a JOIN items i ON i.id = a.item_id WHERE a.sha256 = ?`,
        )
        .all(sha256) as { id: string; kind: ItemKind; unitCode: string; status: string }[];
    },
  };
}
