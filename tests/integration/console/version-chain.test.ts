import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { exchangeItem, PASSWORD, readCache, startCore, startProxy, tempDir, waitFor, type ProxyHandle } from './support';

/**
 * Issue 9, finding 1: when a claim's answer is lost and the next pull already shows the item at
 * the claim's new version while the claim is still queued, a decision made in that window was
 * sent expecting one version too many and came back as a conflict nobody caused.
 */
describe('the expected-version chain on one item', () => {
  let exchange: ExchangeHandle;
  let proxy: ProxyHandle;
  beforeAll(async () => {
    exchange = await startExchange();
    proxy = await startProxy(exchange.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await exchange?.stop();
  });

  it('lands a decision made after the pull showed a claim whose answer was lost, without a conflict', async () => {
    const id = await scannedApplication(exchange);
    const dataDir = tempDir();
    const core = await startCore(dataDir, proxy.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});

    // the claim reaches the exchange, its answer does not; then commands cannot get through for a while
    proxy.dropNextCommandsResponse({ thenCommandsDown: true });
    await core['items.command']({ itemId: id, type: 'claim', body: {} });
    await waitFor(async () => ((await core['outbox.list']({}))[0]?.attempts ?? 0) >= 1, 'the claim’s lost answer to be counted');
    // the feed still flows: the cache learns the exchange's version 2 while the claim is still queued
    await core['sync.now']({});
    const serverVersion = readCache(dataDir, (db) => (db.prepare('SELECT server_version AS v FROM items WHERE id = ?').get(id) as { v: number }).v);
    expect(serverVersion).toBe(2);
    expect((await core['outbox.list']({})).map((c) => c.type)).toEqual(['claim']);

    await core['items.command']({ itemId: id, type: 'decide', body: { outcome: 'approve', pickup: 'window' } });
    const expected = readCache(dataDir, (db) => db.prepare('SELECT type, expected_version AS v FROM outbox ORDER BY seq').all());
    expect(expected).toEqual([
      { type: 'claim', v: 1 },
      { type: 'decide', v: 2 },
    ]);

    proxy.commandsDown = false;
    await core['sync.now']({});
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the outbox to drain');
    expect(await core['conflicts.list']({})).toEqual([]);
    const onExchange = await exchangeItem(exchange.url, await login(exchange.url, '100001'), id);
    expect(onExchange).toMatchObject({ status: 'approved', version: 3 });
    await core.close();
  });
});
