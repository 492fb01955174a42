import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, WaitResponseSchema } from '#shared/contract/api';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, changes, getJson, tipBody } from './fixtures';

describe('the changes feed', () => {
  let exchange: ExchangeHandle;
  let clerk: string;

  beforeAll(async () => {
    exchange = await startExchange();
    clerk = await login(exchange.url, '100001');
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('returns every visible item exactly once while new items keep arriving', async () => {
    const expected = new Set<string>();
    const addVisible = async () => expected.add((await intake(exchange, 'application', applicationBody('410105'))).id!);
    const addInvisible = async (i: number) => {
      await intake(exchange, i % 2 ? 'application' : 'tip', i % 2 ? applicationBody('410305') : tipBody('410105'));
    };
    for (let i = 0; i < 60; i++) {
      await addVisible();
      if (i % 3 === 0) await addInvisible(i);
    }

    let arriving = true;
    const producer = (async () => {
      for (let i = 0; i < 60; i++) {
        await addVisible();
        if (i % 4 === 0) await addInvisible(i);
      }
      arriving = false;
    })();

    const seen = new Map<string, number>();
    let after = 0;
    let pages = 0;
    for (;;) {
      const stillArriving = arriving;
      const page = await changes(exchange, clerk, after, 7);
      pages++;
      for (const item of page.items) seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
      expect(page.removed).toEqual([]);
      expect(page.next).toBeGreaterThanOrEqual(after);
      after = page.next;
      // done once a page taken after the producer finished is the last one
      if (!page.hasMore && !stillArriving) break;
    }
    await producer;

    expect(pages).toBeGreaterThan(10);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(seen.keys())).toEqual(expected);
  });

  it('wakes a long-poll as soon as something newer exists', async () => {
    const { next } = await changes(exchange, clerk);
    const waiting = getJson(`${exchange.url}${ROUTES.changesWait}?after=${next}&timeoutMs=30000`, clerk);
    const started = Date.now();
    await intake(exchange, 'application', applicationBody());
    const res = await waiting;
    expect(res.status).toBe(200);
    const body = WaitResponseSchema.parse(res.body);
    expect(body.changed).toBe(true);
    expect(body.latest).toBeGreaterThan(next);
    // well before the 30 s time-out
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers a long-poll with changed=false when nothing happens before its time-out', async () => {
    const { next } = await changes(exchange, clerk);
    const res = await getJson(`${exchange.url}${ROUTES.changesWait}?after=${next}&timeoutMs=200`, clerk);
    expect(WaitResponseSchema.parse(res.body)).toEqual({ latest: next, changed: false });
  });

  it('sends a withdrawn application as a removal', async () => {
    const { id } = await intake(exchange, 'application', applicationBody());
    const { next } = await changes(exchange, clerk);
    expect((await intake(exchange, 'withdraw', { itemId: id, reason: '不需要了' })).status).toBe(200);
    const page = await changes(exchange, clerk, next);
    expect(page).toMatchObject({ items: [], removed: [id] });
  });
});
