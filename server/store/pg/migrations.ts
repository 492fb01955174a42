import { MIGRATION_LOCK, type pg } from './db';

/**
 * Numbered schema migrations of the PostgreSQL store (steps of 10), recorded in
 * `schema_migrations`. Each pending one runs in its own transaction; the whole run holds a
 * session advisory lock, so two instances starting at once apply each migration once. A database
 * with a version this exchange does not know is refused. Append new ones; never edit one that
 * has shipped.
 */
export interface PgMigration {
  readonly version: number;
  readonly name: string;
  up(client: pg.ClientBase): Promise<void>;
}

/**
 * Identifiers, codes and instants compare and sort byte-wise, as SQLite's BINARY collation does:
 * the unit ranges (prefixRange), the audit action ranges and every ORDER BY depend on it, and a
 * database's default collation (en_US…) would order them otherwise.
 */
const C = 'text COLLATE "C"';

/** A value of the item's `data` (its exact JSON text); `json`, not `jsonb`, which refuses a \u0000 escape anywhere in the text. */
const field = (path: string) => `(data::json ${path})`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 10,
    name: '0010-create-schema',
    async up(client) {
      // The SQLite store's schema after its migration 0120 (server/store/sqlite/migrations.ts),
      // in one step: see there for each table's reasons. When the SQLite schema changes, add the
      // same change here as a new migration.
      await client.query(`
        CREATE TABLE officers (
          badge ${C} PRIMARY KEY,
          name text NOT NULL,
          role text NOT NULL,
          unit_code ${C} NOT NULL,
          password_hash bytea NOT NULL,
          password_salt bytea NOT NULL,
          failed_count integer NOT NULL DEFAULT 0,
          failed_window_start text,
          locked_until text,
          -- an admin's lock (server/domain/officer-admin.ts): no end, unlike the failed-login lockout
          locked_at text,
          locked_by text
        );
        CREATE INDEX officers_by_unit ON officers(unit_code);
        CREATE TABLE tokens (
          token_hash ${C} PRIMARY KEY,
          badge ${C} NOT NULL REFERENCES officers(badge),
          expires_at text NOT NULL,
          revoked boolean NOT NULL DEFAULT false
        );
        -- sessions.revokeAll
        CREATE INDEX tokens_by_badge ON tokens(badge) WHERE NOT revoked;

        -- data, notes and pii are the JSON texts as written; json is the item's feed JSON
        -- (sqlite/items.ts itemJson), sent byte for byte, so text, never jsonb.
        CREATE TABLE items (
          id ${C} PRIMARY KEY,
          kind ${C} NOT NULL,
          unit_code ${C} NOT NULL,
          status ${C} NOT NULL,
          version integer NOT NULL,
          claimed_by text,
          claim_expires_at text,
          submitted_at ${C} NOT NULL,
          due_at ${C},
          updated_at text NOT NULL,
          notes text NOT NULL,
          data text NOT NULL,
          pii text NOT NULL,
          json text NOT NULL,
          attachments_json text NOT NULL,
          -- the stats columns (SQLite migration 0110) and a tip's group (0090), computed from data
          duplicate_of ${C} GENERATED ALWAYS AS ${field("->> 'duplicateOf'")} STORED,
          service_code ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'application' THEN ${field("->> 'serviceCode'")} END) STORED,
          decided_at ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'application' THEN ${field("#>> '{decision,decidedAt}'")} END) STORED,
          decided_by ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'application' THEN ${field("#>> '{decision,decidedBy}'")} END) STORED,
          determined_at ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'accident' THEN ${field("#>> '{determination,decidedAt}'")} END) STORED,
          referred_at ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'accident' THEN ${field("#>> '{referral,at}'")} END) STORED,
          routed_at ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'tip' THEN ${field("->> 'routedAt'")} END) STORED,
          tip_category ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'tip' THEN ${field("->> 'category'")} END) STORED,
          tip_outcome ${C} GENERATED ALWAYS AS (CASE WHEN kind = 'tip' THEN
            CASE WHEN status = 'duplicate' THEN 'duplicate' WHEN ${field("->> 'caseNumber'")} IS NOT NULL THEN 'case_opened'
              WHEN status = 'closed' THEN 'unfounded' WHEN status = 'routed' THEN 'routed' ELSE 'pending' END END) STORED
        );
        CREATE INDEX items_by_unit ON items(unit_code, kind);
        CREATE INDEX items_by_duplicate_of ON items(duplicate_of) WHERE duplicate_of IS NOT NULL;
        CREATE INDEX items_stats_received ON items(kind, submitted_at, unit_code, service_code, tip_category, tip_outcome);
        CREATE INDEX items_stats_decided ON items(decided_at, unit_code, service_code, decided_by, due_at, status)
          WHERE kind = 'application' AND decided_at IS NOT NULL;
        CREATE INDEX items_stats_open ON items(due_at, unit_code, service_code) WHERE kind = 'application' AND status = 'submitted';
        CREATE INDEX items_stats_determined ON items(determined_at, unit_code, submitted_at) WHERE kind = 'accident' AND determined_at IS NOT NULL;
        CREATE INDEX items_stats_referred ON items(referred_at, unit_code) WHERE kind = 'accident' AND referred_at IS NOT NULL;
        CREATE INDEX items_stats_routed ON items(routed_at, unit_code, submitted_at)
          WHERE kind = 'tip' AND routed_at IS NOT NULL AND status != 'duplicate';

        -- The compacted change log (SQLite migration 0070, pg/items.ts): per item its presence at
        -- its current unit and its latest departure from each unit it left. A seq is max + 1,
        -- drawn under the writer lock (db.ts WRITER_LOCK).
        CREATE TABLE changes (
          item_id ${C} NOT NULL REFERENCES items(id),
          unit_code ${C} NOT NULL,
          kind ${C} NOT NULL,
          seq bigint NOT NULL,
          PRIMARY KEY (item_id, unit_code)
        );
        -- the feed's walk from a cursor, covering the row
        CREATE INDEX changes_by_seq ON changes(seq, kind) INCLUDE (unit_code, item_id);
        CREATE TABLE id_counters (
          prefix ${C} NOT NULL,
          city_code ${C} NOT NULL,
          next integer NOT NULL,
          PRIMARY KEY (prefix, city_code)
        );

        -- The bytes live here, not on a file system as the SQLite store keeps them: every exchange
        -- instance must read every blob, whichever instance took it in, and the database is the
        -- one thing they all share (and back up together with the rows that name the blobs).
        CREATE TABLE blobs (
          sha256 ${C} PRIMARY KEY,
          content_type text NOT NULL,
          size bigint NOT NULL,
          taken_at text,
          gps_lat double precision,
          gps_lng double precision,
          bytes bytea NOT NULL
        );
        -- party_idx -1 stands for "no party" so the primary key stays NOT NULL
        CREATE TABLE item_attachments (
          item_id ${C} NOT NULL REFERENCES items(id),
          sha256 ${C} NOT NULL REFERENCES blobs(sha256),
          role ${C} NOT NULL,
          party_idx integer NOT NULL,
          PRIMARY KEY (item_id, sha256, role, party_idx)
        );
        CREATE INDEX item_attachments_by_sha ON item_attachments(sha256);

        CREATE TABLE commands (
          id ${C} PRIMARY KEY,
          officer text NOT NULL,
          item_id text NOT NULL,
          result text NOT NULL
        );
        -- the hash chain (sqlite/audit.ts auditHash); seq is the tail's + 1, under the writer lock
        CREATE TABLE audit (
          seq bigint PRIMARY KEY,
          at ${C} NOT NULL,
          actor ${C} NOT NULL,
          action ${C} NOT NULL,
          item_id ${C},
          detail text NOT NULL,
          prev_hash text NOT NULL,
          hash text NOT NULL
        );
        CREATE INDEX audit_by_actor ON audit(actor, seq);
        CREATE INDEX audit_by_item ON audit(item_id, seq) WHERE item_id IS NOT NULL;
        CREATE INDEX audit_by_action ON audit(action, seq);
        CREATE INDEX audit_by_at ON audit(at);

        -- Perceptual hashes (encoding: sqlite/migrations.ts 0080). id orders the rows as they
        -- were committed (drawn under the writer lock), so each instance's in-memory index reads
        -- the rows others wrote since the last id it saw (pg/forensics.ts).
        CREATE TABLE photo_hashes (
          sha256 ${C} PRIMARY KEY REFERENCES blobs(sha256),
          hash bytea NOT NULL,
          views bytea NOT NULL,
          dhashes bytea NOT NULL,
          item_id ${C} NOT NULL REFERENCES items(id),
          id bigserial NOT NULL UNIQUE
        );
        -- seq is max + 1 under the writer lock, as the change log's
        CREATE TABLE outbound (
          seq bigint PRIMARY KEY,
          at text NOT NULL,
          item_id ${C} NOT NULL REFERENCES items(id),
          kind text NOT NULL,
          event text NOT NULL,
          payload text NOT NULL
        );
        CREATE TABLE tip_keys (
          city ${C} NOT NULL,
          key ${C} NOT NULL,
          submitted_at ${C} NOT NULL,
          tip_id ${C} NOT NULL REFERENCES items(id),
          PRIMARY KEY (city, key, submitted_at, tip_id)
        );
        CREATE TABLE ratings (
          item_id ${C} PRIMARY KEY REFERENCES items(id),
          kind text NOT NULL,
          unit_code ${C} NOT NULL,
          service_code ${C} NOT NULL,
          stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
          comment text,
          at ${C} NOT NULL
        );
        CREATE INDEX ratings_by_at ON ratings(at, unit_code, service_code, stars);
      `);
    },
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;

export async function migratePg(client: pg.ClientBase, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<void> {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) throw new Error(`migrations out of order at ${migrations[i]!.name}`);
  }
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Error(`exchange database is version ${current}, newer than this exchange (${latest}); refusing to open it`);
    }
    for (const m of migrations.filter((m) => m.version > current)) {
      await client.query('BEGIN');
      try {
        await m.up(client);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
