/**
 * Child process of the console bench: runs only the console core on an already-synced cache and
 * prints its memory as one JSON line. Run with --expose-gc.
 * argv: <consoleDataDir> <exchangeUrl>
 */
import { createConsoleService } from '#console/service';
import type { ItemKind } from '#shared/domain/items';
import { until } from './dataset';

const [dataDir, exchangeUrl] = process.argv.slice(2);
if (!dataDir || !exchangeUrl) throw new Error('usage: console-rss-child <dataDir> <exchangeUrl>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
const settle = () => {
  gc();
  gc();
  return process.memoryUsage();
};

const core = await createConsoleService({ dataDir, exchangeUrl, shell: 'web', demo: false, version: 'bench' });
// resumed session: wait until the engine has been online (its pull after start found nothing new)
const resumed = (await core['auth.session']({})) !== null;
if (resumed) await until(async () => (await core['sync.status']({})).online, 30_000, 50);
const idle = settle();
let rows = 0;
for (const kind of ['application', 'accident', 'tip'] as ItemKind[]) rows += (await core['items.list']({ kind, sinceRev: 0 })).rows.length;
const afterList = settle();
await core.close();
process.stdout.write(
  `${JSON.stringify({ resumed, rows, idleRssMiB: mib(idle.rss), idleHeapMiB: mib(idle.heapUsed), afterListRssMiB: mib(afterList.rss), afterListHeapMiB: mib(afterList.heapUsed) })}\n`,
);
