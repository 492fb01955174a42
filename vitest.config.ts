import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Two projects: `unit` (pure, fast, parallel) and `integration` (real exchange processes, real
// SQLite files, real ports). The e2e suite runs under Playwright (tests/e2e/playwright.config.ts).
export default defineConfig({
  resolve: { alias: { '#shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // each file starts its own exchange on its own port and folder; two cores
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          // one throwaway PostgreSQL for the run: the store conformance suite and the multi-instance tests
          globalSetup: ['tests/helpers/postgres-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The exchange's HTTP tests that read nothing but the API, once more with every exchange
          // on PostgreSQL (tests/helpers/exchange.ts): the store conformance suite at the level of
          // the routes. The others also read the SQLite file beside the process to check it.
          name: 'integration-pg',
          include: ['determination', 'feed-history', 'feed', 'outbound', 'raw-http', 'throttle'].map((f) => `tests/integration/server/${f}.test.ts`),
          environment: 'node',
          env: { EXCHANGE_TEST_STORE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          globalSetup: ['tests/helpers/postgres-setup.ts'],
        },
      },
    ],
  },
});
