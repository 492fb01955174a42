import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createSqliteStore } from '../../../server/store/sqlite/index';
import { createPgStore } from '../../../server/store/pg/index';
import type { Store } from '../../../server/store/store';
import { createTestDatabase } from '../../helpers/postgres';

/**
 * The two stores the conformance suite holds to one behaviour: SQLite in a temp folder, and
 * PostgreSQL in a fresh database of the run's throwaway cluster (tests/helpers/postgres-setup.ts).
 * `open` gives a place (folder or database) and `connect` opens another store on the same place:
 * a restart (SQLite) or a second exchange instance (PostgreSQL).
 */
export interface StorePlace {
  readonly store: Store;
  /** Another store over the same data; closed by `dispose`. */
  connect(): Promise<Store>;
  /** Closes every store opened here and removes the data. */
  dispose(): Promise<void>;
}

export interface StoreKind {
  readonly name: 'sqlite' | 'postgres';
  open(label: string): Promise<StorePlace>;
}

const sqlite: StoreKind = {
  name: 'sqlite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-conf-'));
    const opened: Store[] = [];
    const connect = async (): Promise<Store> => {
      const s = createSqliteStore(dir);
      opened.push(s);
      return s;
    };
    const store = await connect();
    return {
      store,
      connect,
      dispose: async () => {
        for (const s of opened) await s.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: StoreKind = {
  name: 'postgres',
  async open(label) {
    const db = await createTestDatabase(inject('pgAdminUrl'), label);
    const opened: Store[] = [];
    const connect = async (): Promise<Store> => {
      const s = await createPgStore(db.url);
      opened.push(s);
      return s;
    };
    const store = await connect();
    return {
      store,
      connect,
      dispose: async () => {
        for (const s of opened) await s.close().catch(() => undefined);
        await db.drop();
      },
    };
  },
};

export const STORE_KINDS: readonly StoreKind[] = [sqlite, postgres];
