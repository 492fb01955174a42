import type { Db } from '../open';

/**
 * Core cache: items as the exchange last sent them plus the optimistic local view, removal
 * tombstones so the renderer can ask "what changed since rev N", the outbox of unsent commands,
 * and a key/value meta table (feed cursor, rev counter, last sync time).
 *
 * The outbox has no foreign key to items on purpose: an item may leave the cache (routed away,
 * wiped at logout) while a command the officer typed for it is still unsent, and that command
 * must survive.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE items (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('application', 'accident', 'tip')),
      server_json TEXT NOT NULL,
      server_version INTEGER NOT NULL,
      -- the optimistic view (server state + queued commands); NULL when nothing is pending
      local_json TEXT,
      rev INTEGER NOT NULL,
      -- flattened from the effective (local ?? server) item so lists never parse JSON
      status TEXT NOT NULL,
      terminal INTEGER NOT NULL CHECK (terminal IN (0, 1)),
      unit_code TEXT NOT NULL,
      claimed_by TEXT,
      claim_expires_at TEXT,
      submitted_at TEXT NOT NULL,
      due_at TEXT,
      updated_at TEXT NOT NULL,
      label TEXT NOT NULL,
      person TEXT NOT NULL,
      person_id_masked TEXT NOT NULL,
      urgency TEXT
    ) STRICT;
    CREATE INDEX items_by_kind_rev ON items(kind, rev);

    CREATE TABLE item_removals (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      rev INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX item_removals_by_kind_rev ON item_removals(kind, rev);

    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      badge TEXT NOT NULL,
      item_id TEXT NOT NULL,
      type TEXT NOT NULL,
      body TEXT NOT NULL,
      expected_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('queued', 'held')),
      last_error TEXT
    ) STRICT;
    CREATE INDEX outbox_by_item ON outbox(item_id, seq);
    CREATE INDEX outbox_by_badge_state ON outbox(badge, state, seq);
  `);
}
