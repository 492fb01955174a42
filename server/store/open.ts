import type { ExchangeConfig } from '../config';
import type { Store } from './store';
import { createSqliteStore } from './sqlite/index';
import { createPgStore } from './pg/index';

/** The store the configuration names: PostgreSQL for a `postgres://` EXCHANGE_DATABASE_URL, else SQLite in the data folder. */
export async function openStore(config: Pick<ExchangeConfig, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? createPgStore(config.databaseUrl) : createSqliteStore(config.dataDir);
}
