import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, ROUTES } from '#shared/contract/api';
import { COMMAND_BODIES } from '#shared/domain/commands';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, auth, snapshot, tipBody } from './fixtures';

/**
 * Generated request bodies against the commands and intake endpoints: whatever arrives, the
 * exchange never answers 5xx, and a refusal changes nothing stored.
 */
const RUNS = 200;

async function post(url: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A value with one key replaced by anything, or removed, or an extra key added. */
function mutate(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), fc.anything()).map(([k, v]) => ({ ...base, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k))),
    fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue()).map(([k, v]) => ({ ...base, [k]: v })),
    fc.constant(base),
  );
}

describe('generated requests', () => {
  let exchange: ExchangeHandle;
  let token: string;
  const itemIds: string[] = [];

  beforeAll(async () => {
    exchange = await startExchange();
    token = await login(exchange.url, '100001');
    for (let i = 0; i < 3; i++) itemIds.push((await intake(exchange, 'application', applicationBody('410105'))).id!);
    itemIds.push((await intake(exchange, 'tip', tipBody())).id!);
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('never answers 5xx to a commands batch, and refusals change no item', async () => {
    const commandArb = fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.string()),
        itemId: fc.oneof(fc.constantFrom(...itemIds, 'APP-410300-1', 'ACC-410100-999'), fc.string()),
        type: fc.oneof(fc.constantFrom(...Object.keys(COMMAND_BODIES)), fc.string()),
        expectedVersion: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string(), fc.constant(null)),
        body: fc.oneof(
          fc.constant({}),
          fc.record({ text: fc.string() }),
          fc.record({ outcome: fc.constantFrom('approve', 'reject', 'determine'), pickup: fc.string() }),
          fc.object(),
        ),
      },
      { requiredKeys: [] },
    );
    const batchArb = fc.oneof(fc.record({ commands: fc.array(commandArb, { maxLength: 4 }) }), fc.anything(), fc.record({ commands: fc.anything() }));

    await fc.assert(
      fc.asyncProperty(batchArb, async (batch) => {
        const before = snapshot(exchange);
        const res = await post(`${exchange.url}${ROUTES.commands}`, auth(token), batch);
        expect(res.status).toBeLessThan(500);
        const after = snapshot(exchange);
        if (res.status !== 200) {
          expect(after).toEqual(before);
          return;
        }
        const results = res.body.results as { status: string }[];
        if (results.every((r) => r.status !== 'applied')) {
          // rejections are remembered for idempotency, and nothing else moves
          expect({ ...after, 'rows:commands': 0 }).toEqual({ ...before, 'rows:commands': 0 });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never answers 5xx to an intake body, and a refused one stores nothing', async () => {
    const headers = { [INTAKE_KEY_HEADER]: exchange.intakeKey };
    const cases = fc.oneof(
      mutate(applicationBody() as unknown as Record<string, unknown>).map((body) => ({ path: ROUTES.intakeApplication, body })),
      mutate(accidentBody() as unknown as Record<string, unknown>).map((body) => ({ path: ROUTES.intakeAccident, body })),
      mutate(tipBody() as unknown as Record<string, unknown>).map((body) => ({ path: ROUTES.intakeTip, body })),
      mutate(applicationBody().applicant).map((applicant) => ({ path: ROUTES.intakeApplication, body: { ...applicationBody(), applicant } })),
      fc.record({ itemId: fc.oneof(fc.constantFrom(...itemIds), fc.string()), reason: fc.string() }).map((body) => ({ path: ROUTES.intakeWithdraw, body })),
      fc.anything().map((body) => ({ path: ROUTES.intakeTip, body })),
    );

    await fc.assert(
      fc.asyncProperty(cases, async ({ path, body }) => {
        const before = snapshot(exchange);
        const res = await post(`${exchange.url}${path}`, headers, body);
        expect(res.status).toBeLessThan(500);
        const after = snapshot(exchange);
        if (res.status === 200) {
          expect(after.maxChangeSeq).toBe((before.maxChangeSeq ?? 0) + 1);
        } else {
          expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(after).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
