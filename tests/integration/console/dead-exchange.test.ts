import { spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SyncStatus } from '#shared/contract/bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { PASSWORD, startCore, tempDir, waitFor } from './support';

/**
 * Issue 9, finding 2: a TCP balancer in front of a dead exchange accepts connections and then
 * either says nothing or closes them. The console must show "offline" within seconds (its
 * first-byte timeout), not hang on its 15 s request timeout with the header saying nothing.
 */
type Mode = 'forward' | 'hold' | 'close';

const FIXTURE = fileURLToPath(new URL('./fixtures/enqueue-and-watch.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function balancer(targetPort: number): Promise<{ url: string; mode: Mode; setMode(mode: Mode): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const handle = {
    url: '',
    mode: 'forward' as Mode,
    /** The exchange behind dies (or comes back): connections open through the balancer break. */
    setMode(mode: Mode) {
      handle.mode = mode;
      for (const s of sockets) s.destroy();
    },
    close: async (): Promise<void> => undefined,
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (handle.mode === 'close') return void client.destroy();
    if (handle.mode === 'hold') return; // accepted, never answered
    const up = connect(targetPort, '127.0.0.1');
    sockets.add(up);
    up.on('error', () => client.destroy());
    client.pipe(up).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  handle.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  handle.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return handle;
}

describe('a dead exchange behind a balancer', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  for (const mode of ['hold', 'close'] as const) {
    it(`shows offline within seconds when the balancer ${mode === 'hold' ? 'accepts and says nothing' : 'accepts and closes'}, and sends the decision once it is back`, async () => {
      const id = await scannedApplication(exchange);
      const lb = await balancer(Number(new URL(exchange.url).port));
      const dataDir = tempDir();
      const first = await startCore(dataDir, lb.url);
      await first['auth.login']({ badge: '100001', password: PASSWORD });
      await first['sync.now']({});
      await first.close();

      // the exchange behind the balancer dies; the officer starts the console again (the session resumes)
      lb.setMode(mode);
      const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, lb.url, id], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const statuses = (): SyncStatus[] => [...out.matchAll(/^STATUS (.+)$/gm)].map((m) => JSON.parse(m[1]!) as SyncStatus);
      try {
        const offline = await waitFor(
          () => statuses().find((s) => !s.online && s.lastError?.code === 'offline' && s.pending === 1),
          'the header to say offline with the claim pending',
          // well under the 15 s request timeout: the first-byte timeout must be what fired
          9_000,
        );
        // held: the first-byte timeout fired ("no answer"); closed: the connection failed at once
        expect(offline.lastError?.message).toContain(mode === 'hold' ? '无应答' : '无法连接');
        lb.setMode('forward');
        await waitFor(() => statuses().find((s) => s.online && s.pending === 0), 'the claim to land', 30_000);
      } finally {
        child.kill('SIGKILL');
      }
      const core = await startCore(dataDir, lb.url);
      expect((await core['items.get']({ id })).item).toMatchObject({ claimedBy: '100001', version: 2 });
      await core.close();
      await lb.close();
    });
  }
});
