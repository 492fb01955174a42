import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, Statements } from './db';
import { officerQueries } from './officers';
import { itemQueries } from './items';
import { blobQueries } from './blobs';
import { auditQueries } from './audit';
import { forensicsQueries } from './forensics';
import { outboundQueries } from './outbound';
import { tipKeyQueries } from './tip-keys';
import { statsQueries } from './stats';
import { ratingQueries } from './ratings';
import { transactionRunner } from './transactions';
import { startCheckpointer } from './checkpointer';
import type { Store } from '../store';

export const DB_FILE = 'exchange.sqlite';

/** The SQLite store: one file `exchange.sqlite` and a `blobs/` folder inside the data folder. */
export function createSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const db = openDatabase(file);
  const s = new Statements(db);
  const checkpointer = startCheckpointer(file, 500, (message) => process.stderr.write(`exchange: checkpoint: ${message}\n`));
  return {
    transaction: transactionRunner(db),
    close: () => {
      // the worker's connection first: the last connection to close folds the WAL in
      checkpointer.close();
      db.close();
    },
    ...officerQueries(s),
    ...itemQueries(s),
    ...blobQueries(s, path.join(dataDir, 'blobs')),
    ...auditQueries(s),
    ...forensicsQueries(s),
    ...outboundQueries(s),
    ...tipKeyQueries(s),
    ...statsQueries(s),
    ...ratingQueries(s),
  };
}
