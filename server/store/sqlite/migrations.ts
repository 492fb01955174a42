import type Database from 'better-sqlite3';
import { cityOf } from '#shared/domain/units';
import { lookupKeys, tipFacts, type TipText } from '#shared/rules/tipDuplicates';
import { attachmentsJson, itemJson, rowToItem } from './items';

/**
 * Numbered schema migrations (steps of 10). The runner applies pending ones in one transaction,
 * records the version in `user_version`, and refuses a database written by a newer exchange.
 * When you add one, append it here; never edit one that has shipped.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: '0010-create-officers-and-tokens',
    up(db) {
      db.exec(`
        CREATE TABLE officers (
          badge TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL,
          unit_code TEXT NOT NULL,
          password_hash BLOB NOT NULL,
          password_salt BLOB NOT NULL,
          failed_count INTEGER NOT NULL DEFAULT 0,
          failed_window_start TEXT,
          locked_until TEXT
        ) STRICT;
        CREATE TABLE tokens (
          token_hash TEXT PRIMARY KEY,
          badge TEXT NOT NULL REFERENCES officers(badge),
          expires_at TEXT NOT NULL,
          revoked INTEGER NOT NULL DEFAULT 0
        ) STRICT;
      `);
    },
  },
  {
    version: 20,
    name: '0020-create-items-and-changes',
    up(db) {
      db.exec(`
        CREATE TABLE items (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          unit_code TEXT NOT NULL,
          status TEXT NOT NULL,
          version INTEGER NOT NULL,
          claimed_by TEXT,
          claim_expires_at TEXT,
          submitted_at TEXT NOT NULL,
          due_at TEXT,
          updated_at TEXT NOT NULL,
          notes TEXT NOT NULL,
          data TEXT NOT NULL,
          pii TEXT NOT NULL
        ) STRICT;
        CREATE INDEX items_by_unit ON items(unit_code, kind);
        -- One row per item change. prev_unit_code lets the feed tell an officer that an item left
        -- their scope; kind/unit are copied so the feed filters without touching items.
        CREATE TABLE changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          item_id TEXT NOT NULL REFERENCES items(id),
          kind TEXT NOT NULL,
          prev_unit_code TEXT,
          unit_code TEXT NOT NULL
        ) STRICT;
        CREATE INDEX changes_by_item ON changes(item_id);
        CREATE TABLE id_counters (
          prefix TEXT NOT NULL,
          city_code TEXT NOT NULL,
          next INTEGER NOT NULL,
          PRIMARY KEY (prefix, city_code)
        ) STRICT;
      `);
    },
  },
  {
    version: 30,
    name: '0030-create-blobs',
    up(db) {
      db.exec(`
        -- Bytes live on disk, named by sha256; this is their metadata.
        CREATE TABLE blobs (
          sha256 TEXT PRIMARY KEY,
          content_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          taken_at TEXT,
          gps_lat REAL,
          gps_lng REAL
        ) STRICT;
        -- party_idx -1 stands for "no party" so the primary key stays NOT NULL.
        CREATE TABLE item_attachments (
          item_id TEXT NOT NULL REFERENCES items(id),
          sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          role TEXT NOT NULL,
          party_idx INTEGER NOT NULL,
          PRIMARY KEY (item_id, sha256, role, party_idx)
        ) STRICT;
        CREATE INDEX item_attachments_by_sha ON item_attachments(sha256);
      `);
    },
  },
  {
    version: 40,
    name: '0040-create-commands-and-audit',
    up(db) {
      db.exec(`
        CREATE TABLE commands (
          id TEXT PRIMARY KEY,
          officer TEXT NOT NULL,
          item_id TEXT NOT NULL,
          result TEXT NOT NULL
        ) STRICT;
        CREATE TABLE audit (
          seq INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          item_id TEXT,
          detail TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 50,
    name: '0050-items-feed-json',
    up(db) {
      // The item's feed JSON, kept on every write (store/sqlite/items.ts `itemJson`), so the
      // changes feed joins stored strings. Existing rows are backfilled through the same parse the
      // feed used to do per read, so the stored text is what it used to send.
      db.exec(`ALTER TABLE items ADD COLUMN json TEXT NOT NULL DEFAULT ''`);
      // in chunks by id: better-sqlite3 allows no write while a read is iterating
      const chunk = db.prepare(
        'SELECT id, kind, unit_code, status, version, claimed_by, claim_expires_at, submitted_at, due_at, updated_at, notes, data FROM items WHERE id > ? ORDER BY id LIMIT 1000',
      );
      const write = db.prepare('UPDATE items SET json = ? WHERE id = ?');
      for (let after = ''; ; ) {
        const rows = chunk.all(after) as Parameters<typeof rowToItem>[0][];
        if (rows.length === 0) break;
        for (const row of rows) write.run(itemJson(rowToItem(row)), row.id);
        after = rows[rows.length - 1]!.id;
      }
    },
  },
  {
    version: 60,
    name: '0060-items-feed-attachments-json',
    up(db) {
      // The item's attachment metadata as feed JSON (store/sqlite/items.ts `attachmentsJson`),
      // so a feed page needs no attachment query.
      db.exec(`ALTER TABLE items ADD COLUMN attachments_json TEXT NOT NULL DEFAULT ''`);
      const prepares = { get: (sql: string) => db.prepare(sql) };
      const ids = db.prepare('SELECT DISTINCT item_id AS id FROM item_attachments').pluck().all() as string[];
      const write = db.prepare('UPDATE items SET attachments_json = ? WHERE id = ?');
      for (const id of ids) write.run(attachmentsJson(prepares, id), id);
    },
  },
  {
    version: 70,
    name: '0070-compact-change-log',
    up(db) {
      // The change log becomes one row per item and unit (store/sqlite/items.ts feedSql): the
      // item's presence at its current unit, with the seq of its latest change, and a departure
      // from each unit it left, with the seq of the latest change that took it away from there.
      // Seqs are kept, so a cursor handed out before still names the same point in the history:
      // after it come the items changed since, and the departures an officer needs to drop a
      // cached copy. The newest change is the presence of its item, so max(seq) is unchanged.
      db.exec(`
        CREATE TABLE changes_compact (
          item_id TEXT NOT NULL REFERENCES items(id),
          unit_code TEXT NOT NULL,
          kind TEXT NOT NULL,
          seq INTEGER NOT NULL,
          PRIMARY KEY (item_id, unit_code)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO changes_compact (item_id, unit_code, kind, seq)
          SELECT i.id, i.unit_code, i.kind, c.seq FROM items i JOIN (SELECT item_id, max(seq) AS seq FROM changes GROUP BY item_id) c ON c.item_id = i.id;
        INSERT INTO changes_compact (item_id, unit_code, kind, seq)
          SELECT c.item_id, c.prev_unit_code, i.kind, max(c.seq) FROM changes c JOIN items i ON i.id = c.item_id
          WHERE c.prev_unit_code IS NOT NULL AND c.prev_unit_code != c.unit_code AND c.prev_unit_code != i.unit_code
          GROUP BY c.item_id, c.prev_unit_code;
        DROP TABLE changes;
        ALTER TABLE changes_compact RENAME TO changes;
        -- the feed's walk from a cursor; with the primary key's columns it covers the row
        CREATE INDEX changes_by_seq ON changes(seq, kind);
      `);
    },
  },
  {
    version: 80,
    name: '0080-photo-hashes-and-outbound',
    up(db) {
      db.exec(`
        -- Perceptual hashes of accident photos (store/sqlite/forensics.ts): the whole frame's pHash
        -- as 8 bytes, the five crop views' (shared/rules/phash.ts VIEW_NAMES) as 40, a flat view as
        -- eight 0xff bytes (never a pHash: its DC bit is always 0); the six views' dHashes as 48.
        -- item_id is the first case the photo came with; the in-memory index is loaded from here.
        CREATE TABLE photo_hashes (
          sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256),
          hash BLOB NOT NULL,
          views BLOB NOT NULL,
          dhashes BLOB NOT NULL,
          item_id TEXT NOT NULL REFERENCES items(id)
        ) STRICT;
        -- What citizens must be told (store/sqlite/outbound.ts), written in the transaction of the
        -- command that caused it; read by the Internet side from GET /api/v1/outbound.
        CREATE TABLE outbound (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          item_id TEXT NOT NULL REFERENCES items(id),
          kind TEXT NOT NULL,
          event TEXT NOT NULL,
          payload TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 90,
    name: '0090-tip-groups',
    up(db) {
      // A duplicate group is routed and closed as one (server/domain/tip-group.ts): the primary's
      // followers are found by this index, computed from the stored data (null for other kinds).
      db.exec(`
        ALTER TABLE items ADD COLUMN duplicate_of TEXT GENERATED ALWAYS AS (json_extract(data, '$.duplicateOf')) VIRTUAL;
        CREATE INDEX items_by_duplicate_of ON items(duplicate_of) WHERE duplicate_of IS NOT NULL;
      `);
    },
  },
  {
    version: 100,
    name: '0100-tip-keys',
    up(db) {
      // Tip duplicate candidates are found by key (store/sqlite/tip-keys.ts): the primary key is
      // the lookup (city, key, window, newest first), so no other index is needed.
      db.exec(`
        CREATE TABLE tip_keys (
          city TEXT NOT NULL,
          key TEXT NOT NULL,
          submitted_at TEXT NOT NULL,
          tip_id TEXT NOT NULL REFERENCES items(id),
          PRIMARY KEY (city, key, submitted_at, tip_id)
        ) STRICT, WITHOUT ROWID;
      `);
      // Tips stored before get their keys now, by today's extraction rule, so a new tip finds
      // them too. A later change of the rule needs a migration that re-keys like this one.
      const tips = db.prepare(`SELECT id, unit_code, submitted_at, data FROM items WHERE kind = 'tip'`).all() as { id: string; unit_code: string; submitted_at: string; data: string }[];
      const insert = db.prepare('INSERT OR IGNORE INTO tip_keys (city, key, submitted_at, tip_id) VALUES (?, ?, ?, ?)');
      for (const t of tips) {
        const data = JSON.parse(t.data) as TipText;
        for (const key of lookupKeys(tipFacts(data))) insert.run(cityOf(t.unit_code), key, t.submitted_at, t.id);
      }
    },
  },
  {
    version: 110,
    name: '0110-stats-columns-ratings-officer-locks',
    up(db) {
      // The figures of GET /api/v1/stats and the weekly report (store/sqlite/stats.ts) as GROUP BY
      // over indexes: each figure's instant and keys are columns computed from the stored data
      // (null where they do not apply), and each figure walks one partial, covering index by its
      // instant, with the unit range filtered inside the index. The tip outcome reads the status:
      // a duplicate, a case opened (a case number, closed or not), unfounded (closed without a
      // case), routed, else pending. When you change one here, change the figure's query too.
      db.exec(`
        ALTER TABLE items ADD COLUMN service_code TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'application' THEN json_extract(data, '$.serviceCode') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN decided_at TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'application' THEN json_extract(data, '$.decision.decidedAt') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN decided_by TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'application' THEN json_extract(data, '$.decision.decidedBy') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN determined_at TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'accident' THEN json_extract(data, '$.determination.decidedAt') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN referred_at TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'accident' THEN json_extract(data, '$.referral.at') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN routed_at TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'tip' THEN json_extract(data, '$.routedAt') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN tip_category TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'tip' THEN json_extract(data, '$.category') END) VIRTUAL;
        ALTER TABLE items ADD COLUMN tip_outcome TEXT GENERATED ALWAYS AS (CASE WHEN kind = 'tip' THEN
          CASE WHEN status = 'duplicate' THEN 'duplicate' WHEN json_extract(data, '$.caseNumber') IS NOT NULL THEN 'case_opened'
            WHEN status = 'closed' THEN 'unfounded' WHEN status = 'routed' THEN 'routed' ELSE 'pending' END END) VIRTUAL;
        -- received (every kind), with the keys each kind groups by
        CREATE INDEX items_stats_received ON items(kind, submitted_at, unit_code, service_code, tip_category, tip_outcome);
        -- applications decided, with what on time and per officer need
        CREATE INDEX items_stats_decided ON items(decided_at, unit_code, service_code, decided_by, due_at, status)
          WHERE kind = 'application' AND decided_at IS NOT NULL;
        -- applications whose clock runs (shared/domain/status.ts DEADLINE_CLOCK_RUNS), by deadline
        CREATE INDEX items_stats_open ON items(due_at, unit_code, service_code) WHERE kind = 'application' AND status = 'submitted';
        CREATE INDEX items_stats_determined ON items(determined_at, unit_code, submitted_at) WHERE kind = 'accident' AND determined_at IS NOT NULL;
        CREATE INDEX items_stats_referred ON items(referred_at, unit_code) WHERE kind = 'accident' AND referred_at IS NOT NULL;
        -- a linked duplicate mirrors its primary's routing, so it is not a routing of its own
        CREATE INDEX items_stats_routed ON items(routed_at, unit_code, submitted_at)
          WHERE kind = 'tip' AND routed_at IS NOT NULL AND status != 'duplicate';

        -- Citizens' ratings of finished items (store/sqlite/ratings.ts), one per item. Unit and
        -- service as at rating time, so satisfaction groups without touching items. The comment is
        -- citizen text: it may hold personal data and never leaves the exchange in a report.
        CREATE TABLE ratings (
          item_id TEXT PRIMARY KEY REFERENCES items(id),
          kind TEXT NOT NULL,
          unit_code TEXT NOT NULL,
          service_code TEXT NOT NULL,
          stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
          comment TEXT,
          at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ratings_by_at ON ratings(at, unit_code, service_code, stars);

        -- An admin's lock (server/domain/officer-admin.ts): no end, unlike the failed-login lockout.
        ALTER TABLE officers ADD COLUMN locked_at TEXT;
        ALTER TABLE officers ADD COLUMN locked_by TEXT;
      `);
    },
  },
  {
    version: 120,
    name: '0120-audit-indexes',
    up(db) {
      // The audit viewer (GET /api/v1/audit, store/sqlite/audit.ts listAudit) pages newest first
      // by seq under a filter: each filter walks its own index in seq order, so a page costs its
      // rows, not the log. A supervisor's scope is tested per row by the items' and officers'
      // primary keys (the item's unit, the actor's unit).
      db.exec(`
        CREATE INDEX audit_by_actor ON audit(actor, seq);
        CREATE INDEX audit_by_item ON audit(item_id, seq) WHERE item_id IS NOT NULL;
        CREATE INDEX audit_by_action ON audit(action, seq);
        CREATE INDEX audit_by_at ON audit(at);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) throw new Error(`migrations out of order at ${migrations[i]!.name}`);
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(`exchange database is version ${current}, newer than this exchange (${latest}); refusing to open it`);
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
}
