/**
 * The exchange's tables as the copy moves them, parents before children (the foreign keys), each
 * with the columns both stores hold in the same meaning and the key that orders its rows alike on
 * both sides (SQLite's BINARY collation and PostgreSQL's "C" are both byte order). Generated
 * columns (the stats columns, duplicate_of) are left out: PostgreSQL computes its own from `data`.
 *
 * When a migration adds a table or column to the stores (server/store/sqlite/migrations.ts and
 * server/store/pg/migrations.ts), add it here too; the check's row digests then cover it.
 */
export interface TableSpec {
  readonly name: string;
  readonly columns: readonly string[];
  /** ORDER BY of both sides: a key, so the order is total. */
  readonly order: string;
  /** SQLite's INTEGER 0/1 columns that are PostgreSQL booleans. */
  readonly booleans?: readonly string[];
}

export const TABLES: readonly TableSpec[] = [
  {
    name: 'officers',
    columns: ['badge', 'name', 'role', 'unit_code', 'password_hash', 'password_salt', 'failed_count', 'failed_window_start', 'locked_until', 'locked_at', 'locked_by'],
    order: 'badge',
  },
  { name: 'tokens', columns: ['token_hash', 'badge', 'expires_at', 'revoked'], order: 'token_hash', booleans: ['revoked'] },
  {
    name: 'items',
    columns: ['id', 'kind', 'unit_code', 'status', 'version', 'claimed_by', 'claim_expires_at', 'submitted_at', 'due_at', 'updated_at', 'notes', 'data', 'pii', 'json', 'attachments_json'],
    order: 'id',
  },
  { name: 'changes', columns: ['item_id', 'unit_code', 'kind', 'seq'], order: 'item_id, unit_code' },
  { name: 'id_counters', columns: ['prefix', 'city_code', 'next'], order: 'prefix, city_code' },
  // the bytes come from the blobs/ folder (copy.ts), not from this table
  { name: 'blobs', columns: ['sha256', 'content_type', 'size', 'taken_at', 'gps_lat', 'gps_lng'], order: 'sha256' },
  { name: 'item_attachments', columns: ['item_id', 'sha256', 'role', 'party_idx'], order: 'item_id, sha256, role, party_idx' },
  { name: 'commands', columns: ['id', 'officer', 'item_id', 'result'], order: 'id' },
  { name: 'audit', columns: ['seq', 'at', 'actor', 'action', 'item_id', 'detail', 'prev_hash', 'hash'], order: 'seq' },
  // `id` is PostgreSQL's commit order of the rows (pg/forensics.ts); SQLite's rowid is the same order
  { name: 'photo_hashes', columns: ['sha256', 'hash', 'views', 'dhashes', 'item_id'], order: 'sha256' },
  { name: 'outbound', columns: ['seq', 'at', 'item_id', 'kind', 'event', 'payload'], order: 'seq' },
  { name: 'tip_keys', columns: ['city', 'key', 'submitted_at', 'tip_id'], order: 'city, key, submitted_at, tip_id' },
  { name: 'ratings', columns: ['item_id', 'kind', 'unit_code', 'service_code', 'stars', 'comment', 'at'], order: 'item_id' },
];

/** A value as one canonical form on both sides (bytes as hex, booleans as 0/1), for the row digests. */
export function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return value;
}
