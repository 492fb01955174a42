import type { Db } from '../open';

/**
 * The officer directory of the signed-in officer's city (badge → name, role, unit), pulled from
 * the exchange at each online sync start, so "claimed by" shows a name, offline too. Names and
 * badges of colleagues only: no citizen data.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE officers (
      badge TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      unit_code TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
