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
    ],
  },
});
