import type { Db } from '../open';

/**
 * Officer sessions (token + offline verifier), the conflicts panel and settings.
 *
 * Tokens and verifiers are secrets: they live only here and are wiped on logout-with-wipe and
 * when the offline window runs out. The verifier is a scrypt hash with its own salt, never the
 * password.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE sessions (
      badge TEXT PRIMARY KEY,
      officer_json TEXT NOT NULL,
      token TEXT,
      token_expires_at TEXT,
      verifier_json TEXT,
      last_online_login_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE conflicts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      command_id TEXT NOT NULL,
      badge TEXT NOT NULL,
      item_id TEXT NOT NULL,
      type TEXT NOT NULL,
      body TEXT NOT NULL,
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX conflicts_by_item ON conflicts(item_id);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
