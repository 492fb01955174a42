import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { exchangeItem, PASSWORD, readCache, startCore, tempDir, waitFor } from './support';

describe('console session: the officer’s login expires with work still unsent', () => {
  let exchange: ExchangeHandle;

  beforeAll(async () => {
    exchange = await startExchange({ env: { EXCHANGE_TOKEN_TTL_MS: '6000' } });
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('ends the session but keeps the offline decision, and sends it after the officer logs in again', async () => {
    const id = await scannedApplication(exchange);
    const dataDir = tempDir();
    const core = await startCore(dataDir, exchange.url);
    try {
      const session = await core['auth.login']({ badge: '100001', password: PASSWORD });
      await core['sync.now']({});
      await core['items.command']({ itemId: id!, type: 'claim', body: {} });
      await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the claim to land');

      await exchange.stop();
      const { item } = await core['items.command']({ itemId: id!, type: 'decide', body: { outcome: 'approve', pickup: 'window' } });
      expect(item.status).toBe('approved');

      // past the token's life the console asks for a new login; the queued decision stays on disk
      await waitFor(() => Date.now() > Date.parse(session.expiresAt), 'the login to expire');
      expect(await core['auth.session']({})).toBeNull();
      await expect(core['items.command']({ itemId: id!, type: 'note', body: { text: '过期后' } })).rejects.toMatchObject({ code: 'no_session' });
      expect(readCache(dataDir, (db) => db.prepare('SELECT type FROM outbox').all())).toEqual([{ type: 'decide' }]);

      await exchange.restart();
      await core['auth.login']({ badge: '100001', password: PASSWORD });
      await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the kept decision to land after logging in again');
      const viewer = await login(exchange.url, '100005');
      expect(await exchangeItem(exchange.url, viewer, id!)).toMatchObject({ status: 'approved', data: { decision: { decidedBy: '100001' } } });
    } finally {
      await core.close();
    }
  });
});
