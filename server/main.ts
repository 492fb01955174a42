import { loadConfig } from './config';
import { buildApp } from './app';
import { openStore } from './store/open';
import { ensureDemoOfficers, loadOfficersFile } from './officers';
import { seedDemoIfEmpty } from './demo';

/**
 * The exchange process: `npx tsx server/main.ts [--demo] [--port N] [--data DIR] [--host H]`, on
 * SQLite in the data folder or, with EXCHANGE_DATABASE_URL, on PostgreSQL (store/open.ts).
 * Prints exactly one `EXCHANGE_READY http://127.0.0.1:<port>` line on stdout once listening;
 * tests and `npm start` wait for it. SIGTERM/SIGINT close gracefully (in-flight requests finish,
 * the database is closed cleanly).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2), process.env);
  const store = await openStore(config);
  if (config.officersFile) await loadOfficersFile(store, config.officersFile);
  if (config.demoOfficers) await ensureDemoOfficers(store);
  if (config.demo) await seedDemoIfEmpty(store, config, (line) => process.stderr.write(`${line}\n`));

  const app = buildApp({ store, config, logger: process.env.EXCHANGE_LOG === '1' });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`EXCHANGE_READY http://127.0.0.1:${port}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`exchange: ${signal}, closing\n`);
    app
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`exchange: close failed: ${String(err)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`exchange failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
