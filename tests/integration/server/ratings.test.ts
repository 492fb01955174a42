import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, RatingResponseSchema, ROUTES, StatsResponseSchema } from '#shared/contract/api';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, command, getJson, openDb, postCommands, tipBody } from './fixtures';

/** POST /api/v1/intake/ratings: citizens rate a finished item once, through the Internet side's key. */
let exchange: ExchangeHandle;
let clerk: string;
let supervisor: string;

const rate = (body: unknown, key: string | null = exchange.intakeKey) =>
  fetch(`${exchange.url}${ROUTES.intakeRating}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { [INTAKE_KEY_HEADER]: key } : {}) },
    body: JSON.stringify(body),
  });

async function approved(unit = '410100'): Promise<string> {
  const id = await scannedApplication(exchange, unit);
  const r = await postCommands(exchange, clerk, [command(id, 'claim', 1), command(id, 'decide', 2, { outcome: 'approve', pickup: 'window' })]);
  expect(r.map((x) => x.status)).toEqual(['applied', 'applied']);
  return id;
}

beforeAll(async () => {
  exchange = await startExchange();
  clerk = await login(exchange.url, '100001');
  supervisor = await login(exchange.url, '100004');
});
afterAll(async () => {
  await exchange?.stop();
});

describe('citizen ratings', () => {
  it('records a rating of a finished item with its comment, once; a second is conflict', async () => {
    const id = await approved();
    const res = await rate({ itemId: id, stars: 4, comment: '窗口办理很快，赞！' });
    expect(res.status).toBe(200);
    const body = RatingResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ itemId: id, stars: 4 });
    const again = await rate({ itemId: id, stars: 1 });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'conflict' } });
    const db = openDb(exchange);
    try {
      expect(db.prepare('SELECT item_id, kind, unit_code, service_code, stars, comment FROM ratings').all()).toEqual([
        { item_id: id, kind: 'application', unit_code: '410100', service_code: 'exit_passport_first', stars: 4, comment: '窗口办理很快，赞！' },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses an item that is not finished, an unknown item, and bad stars, storing nothing', async () => {
    const open = (await intake(exchange, 'application', applicationBody())).id!;
    expect(await (await rate({ itemId: open, stars: 5 })).json()).toMatchObject({ error: { code: 'invalid' } });
    const tip = (await intake(exchange, 'tip', tipBody())).id!;
    expect((await rate({ itemId: tip, stars: 5 })).status).toBe(400);
    expect((await rate({ itemId: 'APP-410100-99999', stars: 5 })).status).toBe(404);
    const done = await approved();
    for (const stars of [0, 6, 3.5, '5']) expect((await rate({ itemId: done, stars })).status).toBe(400);
    expect((await rate({ itemId: done, stars: 5, comment: 'x'.repeat(501) })).status).toBe(400);
    expect((await rate({ itemId: done, stars: 5, comment: 'bad\u0007bell' })).status).toBe(400);
    expect((await rate({ itemId: done, stars: 5, extra: 1 })).status).toBe(400);
    const db = openDb(exchange);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM ratings WHERE item_id IN (?, ?, ?)').get(open, tip, done)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('needs the intake key: none or a wrong one is bad_intake_key', async () => {
    const id = await approved();
    expect(await (await rate({ itemId: id, stars: 5 }, null)).json()).toMatchObject({ error: { code: 'bad_intake_key' } });
    expect((await rate({ itemId: id, stars: 5 }, 'wrong')).status).toBe(401);
  });

  it('feeds the satisfaction figures by service and unit: count and average, no comment', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const ids = [await approved('410105'), await approved('410105'), await approved('410102')];
    for (const [i, stars] of [5, 2, 3].entries()) expect((await rate({ itemId: ids[i], stars, comment: '张三 13812345678' })).status).toBe(200);
    const to = new Date(Date.now() + 3600_000).toISOString();
    const res = await getJson(`${exchange.url}${ROUTES.stats}?unit=410100&from=${from}&to=${to}`, supervisor);
    const s = StatsResponseSchema.parse(res.body).satisfaction;
    // the first test's rating (4, at the city) is in the period too
    expect(s.count).toBe(4);
    expect(s.average).toBe(3.5);
    expect(s.byUnit).toEqual([
      { unitCode: '410100', name: '郑州市公安局', count: 1, average: 4 },
      { unitCode: '410102', name: '郑州市公安局中原区分局', count: 1, average: 3 },
      { unitCode: '410105', name: '郑州市公安局金水区分局', count: 2, average: 3.5 },
    ]);
    expect(s.byService).toEqual([{ serviceCode: 'exit_passport_first', name: '普通护照首次申领', count: 4, average: 3.5 }]);
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });
});
