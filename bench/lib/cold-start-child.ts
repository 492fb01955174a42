/**
 * Child process of the grid bench's cold start: what `npm run start:web` runs for the officer
 * (scripts/start.ts spawns `node --import tsx electron/web-shell.ts`), on a given data folder and
 * renderer folder: the console core over the synced cache (it resumes the stored session, see
 * electron/console/auth.ts resumeSession) and the web shell in front of it. Prints one line
 * `CONSOLE_READY <url with #token=…> <json of its own phase times>` when listening, then serves
 * until SIGTERM, on which it closes the shell and the core (the session stays stored).
 * argv: <consoleDataDir> <exchangeUrl> <rendererDir> [port] (port 0 or none: a free one, as CONSOLE_PORT)
 */
import { performance } from 'node:perf_hooks';

const atModule = performance.now();
const [dataDir, exchangeUrl, rendererDir, portArg] = process.argv.slice(2);
if (!dataDir || !exchangeUrl || !rendererDir) throw new Error('usage: cold-start-child <consoleDataDir> <exchangeUrl> <rendererDir> [port]');

// imported here, not at the top, so their load time is a phase of its own
const { createConsoleService } = await import('#console/service');
const { startWebShell } = await import('../../electron/web-shell');
const atImported = performance.now();
const core = await createConsoleService({ dataDir, exchangeUrl, shell: 'web', demo: false, version: 'bench' });
const atCore = performance.now();
const resumed = (await core['auth.session']({})) !== null;
const shell = await startWebShell({ core, rendererDir, port: Number(portArg ?? 0) });
const atListening = performance.now();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await shell.close();
  await core.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

const phases = {
  // performance.now() counts from this process's start
  toModuleMs: atModule,
  importsMs: atImported - atModule,
  openCoreMs: atCore - atImported,
  listenMs: atListening - atCore,
  readyEpochMs: performance.timeOrigin + atListening,
  resumed,
};
process.stdout.write(`CONSOLE_READY ${shell.url} ${JSON.stringify(phases)}\n`);
