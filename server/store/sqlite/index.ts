import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, Statements } from './db';
import { officerQueries } from './officers';
import { itemQueries } from './items';
import { blobQueries } from './blobs';
import { auditQueries } from './audit';
import { transactionRunner } from './transactions';
import type { Store } from '../store';

export const DB_FILE = 'exchange.sqlite';

/** The SQLite store: one file `exchange.sqlite` and a `blobs/` folder inside the data folder. */
export function createSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DB_FILE));
  const s = new Statements(db);
  return {
    transaction: transactionRunner(db),
    close: () => db.close(),
    ...officerQueries(s),
    ...itemQueries(s),
    ...blobQueries(s, path.join(dataDir, 'blobs')),
    ...auditQueries(s),
  };
}
