import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's admin URL (tests/helpers/postgres.ts); files make their own databases on it. */
    pgAdminUrl: string;
  }
}

/** The integration project's global setup: one PostgreSQL cluster for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  project.provide('pgAdminUrl', cluster.adminUrl);
  // for tests/helpers/exchange.ts, which the Playwright suite imports too (no vitest `inject` there)
  process.env.EXCHANGE_TEST_PG_ADMIN_URL = cluster.adminUrl;
  return () => cluster.stop();
}
