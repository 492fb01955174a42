import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, deadUrl, exchangeItem, PASSWORD, readCache, startCore, tempDir, waitFor } from './support';

const FIXTURE = fileURLToPath(new URL('./fixtures/enqueue-and-hang.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('console crash safety', () => {
  let exchange: ExchangeHandle;

  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('keeps a command queued just before a kill -9 and sends it when the console comes back', async () => {
    const { id } = await intake(exchange, 'application', applicationBody());
    const dataDir = tempDir();
    const first = await startCore(dataDir, exchange.url);
    await first['auth.login']({ badge: '100001', password: PASSWORD });
    await first['sync.now']({});
    await first.close();

    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, await deadUrl(), id!], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const commandId = await waitFor(() => /QUEUED (\S+)/.exec(out)?.[1], `the child to queue its command (${err})`, 30_000);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const rows = readCache(dataDir, (db) => db.prepare('SELECT id, item_id, type, state FROM outbox').all());
    expect(rows).toEqual([{ id: commandId, item_id: id, type: 'claim', state: 'queued' }]);
    const local = readCache(dataDir, (db) => db.prepare('SELECT claimed_by FROM items WHERE id = ?').get(id));
    expect(local).toEqual({ claimed_by: '100001' });

    const again = await startCore(dataDir, exchange.url);
    await waitFor(async () => (await again['outbox.list']({})).length === 0, 'the queued command to land');
    const onExchange = await exchangeItem(exchange.url, await login(exchange.url, '100005'), id!);
    expect(onExchange).toMatchObject({ claimedBy: '100001', version: 2 });
    await again.close();
  });
});
