import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient, exchangeUrls } from '#console/exchange-client';
import { scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { deadUrl, PASSWORD } from './support';

/**
 * The console's exchange client given several addresses (exchange instances on one PostgreSQL):
 * a request no address answers goes to the next, the one that answered is kept, and an answer
 * that is an error (a wrong password) is the exchange's word, never retried elsewhere.
 */
let exchange: ExchangeHandle;
beforeAll(async () => {
  exchange = await startExchange();
});
afterAll(() => exchange?.stop());

describe('exchange client failover', () => {
  it('reads a setting of one or several addresses and refuses an empty one', () => {
    expect(exchangeUrls('http://a:7410/')).toEqual(['http://a:7410']);
    expect(exchangeUrls(' http://a:7410 , http://b:7410/ ')).toEqual(['http://a:7410', 'http://b:7410']);
    expect(() => exchangeUrls(' , ')).toThrow(/不能为空/);
  });

  it('goes on with the next address when one gives no answer, and keeps the one that answered', async () => {
    const dead = await deadUrl();
    const client = new ExchangeClient(`${dead},${exchange.url}`);
    expect(client.activeUrl).toBe(dead);
    const { token } = await client.login('100001', PASSWORD);
    expect(token.length).toBeGreaterThan(10);
    expect(client.activeUrl).toBe(exchange.url);
    expect(client.url).toBe(`${dead},${exchange.url}`);
    const id = await scannedApplication(exchange);
    const page = await client.changes(token, 0, 1000);
    expect(page.items.map((i) => i.id)).toContain(id);
    expect(client.activeUrl).toBe(exchange.url);
  });

  it('does not retry elsewhere an error the exchange answered, and is offline when no address answers', async () => {
    const client = new ExchangeClient(`${exchange.url},${await deadUrl()}`);
    await expect(client.login('100001', 'wrong-password')).rejects.toMatchObject({ code: 'bad_credentials' });
    expect(client.activeUrl).toBe(exchange.url);
    const none = new ExchangeClient(`${await deadUrl()},${await deadUrl()}`);
    await expect(none.health()).rejects.toMatchObject({ code: 'offline' });
  });
});
