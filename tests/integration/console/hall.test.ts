import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#shared/rules/idNumber';
import { ID_NUMBER } from '../../helpers/intake-bodies';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { exchangeItem, PASSWORD, postCommands, readCache, startCore, startProxy, tempDir, waitFor } from './support';
import { randomUUID } from 'node:crypto';
import type { Command } from '#shared/domain/commands';

/**
 * The console's side of the hand-over (electron/console/handlers/hall.ts): the typed ID number
 * goes to the exchange in one request and is found nowhere on the console afterwards — not in the
 * outbox, not in a conflict, not in the cache file or its log — whether the exchange accepted it,
 * refused it or could not be reached.
 */
let exchange: ExchangeHandle;
const OTHER = makeIdNumber('410105', '19850312', 777);

async function approvedForWindow(): Promise<string> {
  const id = await scannedApplication(exchange);
  const token = await login(exchange.url, '100001');
  const cmd = (type: string, expectedVersion: number, body: unknown) => ({ id: randomUUID(), itemId: id, type, expectedVersion, body }) as Command;
  const results = await postCommands(exchange.url, token, [cmd('claim', 1, {}), cmd('decide', 2, { outcome: 'approve', pickup: 'window' })]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return id;
}

function cacheBytes(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('');
}

beforeAll(async () => {
  exchange = await startExchange();
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

describe('hall.handOver', () => {
  it('refuses a mistyped number at once, another’s with id_mismatch from the exchange, and hands over with the right one; no number stays on the console', async () => {
    const id = await approvedForWindow();
    const dir = tempDir();
    const core = await startCore(dir, exchange.url);
    await core['auth.login']({ badge: '100005', password: PASSWORD });
    await core['sync.now']({});
    await waitFor(async () => (await core['items.get']({ id })).item.status === 'approved' || undefined, 'the approved item in the cache');

    const typo = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER.endsWith('1') ? '2' : '1'}`;
    await expect(core['hall.handOver']({ itemId: id, idNumber: typo })).rejects.toMatchObject({ code: 'invalid' });
    await expect(core['hall.handOver']({ itemId: id, idNumber: OTHER })).rejects.toMatchObject({ code: 'id_mismatch', message: expect.stringContaining('审计') });
    expect((await core['items.get']({ id })).item.status).toBe('approved');
    // the hand-over never queues, even through items.command
    await expect(core['items.command']({ itemId: id, type: 'hand_over', body: { idNumber: ID_NUMBER } })).rejects.toMatchObject({ code: 'invalid' });
    expect(await core['outbox.list']({})).toEqual([]);
    expect(await core['conflicts.list']({})).toEqual([]);

    const done = await core['hall.handOver']({ itemId: id, idNumber: ID_NUMBER.toLowerCase() });
    expect(done.item).toMatchObject({ id, status: 'completed', data: { handedOver: { by: '100005', idChecked: true } } });
    expect((await core['items.get']({ id })).item.status).toBe('completed');
    expect(readCache(dir, (db) => db.prepare('SELECT status FROM items WHERE id = ?').get(id))).toEqual({ status: 'completed' });
    expect((await exchangeItem(exchange.url, await login(exchange.url, '100001'), id))?.status).toBe('completed');
    await core.close();
    const bytes = cacheBytes(dir);
    for (const n of [ID_NUMBER, OTHER, typo]) expect(bytes).not.toContain(n);
  });

  it('offline it refuses with offline and queues nothing', async () => {
    const id = await approvedForWindow();
    const proxy = await startProxy(exchange.url);
    const dir = tempDir();
    const core = await startCore(dir, proxy.url);
    try {
      await core['auth.login']({ badge: '100001', password: PASSWORD });
      await core['sync.now']({});
      await waitFor(async () => (await core['items.get']({ id })).item.status === 'approved' || undefined, 'the approved item in the cache');
      proxy.down = true;
      await expect(core['hall.handOver']({ itemId: id, idNumber: ID_NUMBER })).rejects.toMatchObject({ code: 'offline' });
      expect(await core['outbox.list']({})).toEqual([]);
      expect((await core['items.get']({ id })).item.status).toBe('approved');
    } finally {
      await core.close();
      await proxy.close();
    }
    expect(cacheBytes(dir)).not.toContain(ID_NUMBER);
  });
});
