import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { INTAKE_KEY_HEADER, ROUTES } from '#shared/contract/api';
import { DEMO_PASSWORD, intake, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { tipBody } from './fixtures';

async function tryLogin(url: string, badge: string, password: string): Promise<{ status: number; code: string | null; retryAfter: string | null }> {
  const res = await fetch(`${url}${ROUTES.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge, password }) });
  const body: unknown = await res.json();
  const err = ErrorBodySchema.safeParse(body);
  return { status: res.status, code: err.success ? err.data.error.code : null, retryAfter: res.headers.get('retry-after') };
}

/** Issue 9: login throttled per badge and per address (besides the lockout), and guessing the intake key. */
describe('throttles', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange({ env: { EXCHANGE_LOGIN_RATE_BADGE: '4', EXCHANGE_LOGIN_RATE_ADDRESS: '12', EXCHANGE_INTAKE_BAD_KEY_RATE: '3' } });
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('answers 429 rate_limited past the per-badge limit even with the right password, while other badges still log in', async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await tryLogin(exchange.url, '100001', DEMO_PASSWORD));
    expect(results.slice(0, 4).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results[4]).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(results[4]!.retryAfter)).toBeGreaterThan(0);
    expect((await tryLogin(exchange.url, '100002', DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers 429 past the per-address limit whatever the badge', async () => {
    // 5 + 1 logins so far from this address; 12 allowed per minute
    const statuses: number[] = [];
    for (const badge of ['100003', '100004', '100005', '300001', '300002', '900001', '100002']) statuses.push((await tryLogin(exchange.url, badge, DEMO_PASSWORD)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('throttles guesses of the intake key per address, never the right key', async () => {
    const guess = async () => {
      const res = await fetch(`${exchange.url}${ROUTES.intakeTip}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: 'guess' },
        body: JSON.stringify(tipBody()),
      });
      return { status: res.status, code: ErrorBodySchema.parse(await res.json()).error.code };
    };
    const guesses = [await guess(), await guess(), await guess(), await guess()];
    expect(guesses.map((g) => g.code)).toEqual(['bad_intake_key', 'bad_intake_key', 'bad_intake_key', 'rate_limited']);
    expect(guesses[3]!.status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await intake(exchange, 'tip', tipBody())).status).toBe(200);
  });
});
