import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponseSchema, ROUTES } from '#shared/contract/api';
import { DEMO_PASSWORD, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { auth, getJson, openDb, until } from './fixtures';

async function postLogin(handle: ExchangeHandle, badge: string, password: string) {
  const res = await fetch(`${handle.url}${ROUTES.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ badge, password }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe('signing in to the exchange', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange({ env: { EXCHANGE_TOKEN_TTL_MS: '1500' } });
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('gives a demo officer a token, their profile, and records the login in the audit log', async () => {
    const res = await postLogin(exchange, '100001', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const body = LoginResponseSchema.parse(res.body);
    expect(body.officer).toEqual({ badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' });
    const me = await getJson(`${exchange.url}${ROUTES.me}`, body.token);
    expect(me).toEqual({ status: 200, body: { officer: body.officer } });
    const db = openDb(exchange);
    const rows = db.prepare("SELECT count(*) AS n FROM audit WHERE actor = '100001' AND action = 'login'").get() as { n: number };
    db.close();
    expect(rows.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses a wrong password and an unknown badge alike with bad_credentials', async () => {
    expect(await postLogin(exchange, '100002', 'wrong-password')).toMatchObject({ status: 401, body: { error: { code: 'bad_credentials' } } });
    expect(await postLogin(exchange, '123456', DEMO_PASSWORD)).toMatchObject({ status: 401, body: { error: { code: 'bad_credentials' } } });
  });

  it('locks a badge after five failures, even against the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(exchange, '100005', `guess-${i}`)).status).toBe(401);
    }
    const withRightPassword = await postLogin(exchange, '100005', DEMO_PASSWORD);
    expect(withRightPassword).toMatchObject({ status: 423, body: { error: { code: 'locked' } } });
    // other officers are unaffected
    expect((await postLogin(exchange, '100004', DEMO_PASSWORD)).status).toBe(200);
  });

  it('revokes the token on logout', async () => {
    const token = await login(exchange.url, '100003');
    const out = await fetch(`${exchange.url}${ROUTES.logout}`, { method: 'POST', headers: auth(token) });
    expect(out.status).toBe(200);
    expect((await getJson(`${exchange.url}${ROUTES.me}`, token)).body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('stops accepting a token once it has expired', async () => {
    const token = await login(exchange.url, '100002');
    expect((await getJson(`${exchange.url}${ROUTES.me}`, token)).status).toBe(200);
    const expired = await until('the token to expire', async () => {
      const res = await getJson(`${exchange.url}${ROUTES.me}`, token);
      return res.status === 401 ? res : undefined;
    });
    expect(expired.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('refuses requests without a token', async () => {
    const res = await fetch(`${exchange.url}${ROUTES.changes}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});
