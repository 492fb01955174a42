import type { Db } from '../open';

const OLD_CHECK = "kind TEXT NOT NULL CHECK (kind IN ('application', 'accident', 'tip'))";
const NEW_CHECK = "kind TEXT NOT NULL CHECK (kind IN ('application', 'accident', 'tip', 'appointment'))";

/**
 * A fourth kind of item, the hall's appointments (shared/domain/items.ts). 0010 wrote the kinds
 * into a CHECK constraint of `items`; SQLite cannot alter a constraint, and rebuilding the table
 * (with 0040–0080's columns and indexes) would copy a 100k-item
 * cache on an officer's laptop at start-up. A CHECK that admits more values changes no stored
 * byte, so this follows SQLite's own procedure for it (sqlite.org/lang_altertable.html, "Making
 * Other Kinds Of Table Schema Changes"): rewrite the table's SQL in sqlite_schema with
 * writable_schema on, bump schema_version so every connection re-reads the schema, and check the
 * file's integrity before the transaction commits (runMigrations runs every step in one).
 *
 * The hall lists approved applications by how they are delivered, so applications carry a `pickup`
 * column (`window` or `ems`, from the decision; NULL before one and for other kinds), backfilled
 * from the cached JSON.
 */
export function up(db: Db): void {
  const row = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'items'").get();
  if (!row?.sql.includes(OLD_CHECK)) throw new Error('items: the kind constraint is not the one 0010 wrote');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'items'").run(row.sql.replace(OLD_CHECK, NEW_CHECK));
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
  db.exec(`
    ALTER TABLE items ADD COLUMN pickup TEXT;
    UPDATE items SET pickup = json_extract(coalesce(local_json, server_json), '$.data.decision.pickup') WHERE kind = 'application';
  `);
  const check = db.pragma('integrity_check', { simple: true });
  if (check !== 'ok') throw new Error(`cache integrity after 0090: ${String(check)}`);
}
