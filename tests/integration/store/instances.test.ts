import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ChangesResponseSchema, ROUTES, WaitResponseSchema } from '#shared/contract/api';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres';
import { PASSWORD, startCore, tempDir, waitFor } from '../console/support';

/**
 * Two exchange processes on one PostgreSQL database (EXCHANGE_DATABASE_URL), as a province runs
 * them behind a balancer: what one commits is in the other's feed at once, a long-poll on one
 * wakes for a commit on the other (LISTEN/NOTIFY), a session from one is good on the other, and
 * killing one loses nothing: a console given both addresses goes on with the other.
 */
let db: TestDatabase;
let one: ExchangeHandle;
let two: ExchangeHandle;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function feed(handle: ExchangeHandle, token: string, after = 0) {
  const res = await fetch(`${handle.url}${ROUTES.changes}?after=${after}&limit=1000`, { headers: auth(token) });
  expect(res.status).toBe(200);
  return ChangesResponseSchema.parse(await res.json());
}

async function post(handle: ExchangeHandle, token: string, commands: unknown[]) {
  const res = await fetch(`${handle.url}${ROUTES.commands}`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify({ commands }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: { status: string }[] }).results;
}

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'), 'instances');
  const env = { EXCHANGE_DATABASE_URL: db.url, EXCHANGE_INTAKE_KEY: 'two-instances-key' };
  // both at once on an empty database: one migrates, the other waits for it
  [one, two] = await Promise.all([startExchange({ env }), startExchange({ env })]);
});
afterAll(async () => {
  await one?.stop().catch(() => undefined);
  await two?.stop().catch(() => undefined);
  await db?.drop();
});

describe('two exchange instances on one PostgreSQL', () => {
  it('share sessions, and a command through one is in the other feed as soon as it is answered', async () => {
    const token = await login(one.url, '100001', PASSWORD);
    const id = await scannedApplication(one);
    const seen = await feed(two, token);
    expect(seen.items.map((i) => i.id)).toContain(id);
    const results = await post(one, token, [{ id: randomUUID(), itemId: id, type: 'claim', expectedVersion: 1, body: {} }]);
    expect(results[0]!.status).toBe('applied');
    const after = await feed(two, token, seen.next);
    expect(after.items.find((i) => i.id === id)).toMatchObject({ version: 2, claimedBy: '100001' });
    // the token one issued is known to two; a logout through two ends it on one
    const other = await login(two.url, '100005', PASSWORD);
    expect((await fetch(`${one.url}${ROUTES.changes}?after=0&limit=1`, { headers: auth(other) })).status).toBe(200);
    expect((await fetch(`${two.url}${ROUTES.logout}`, { method: 'POST', headers: auth(other) })).status).toBe(200);
    expect((await fetch(`${one.url}${ROUTES.changes}?after=0&limit=1`, { headers: auth(other) })).status).toBe(401);
  });

  it('a long-poll on one instance wakes for a commit on the other', async () => {
    const token = await login(two.url, '100001', PASSWORD);
    const latest = (await feed(two, token)).next;
    const started = Date.now();
    // a long wait: only the other instance's NOTIFY can end it early
    const wait = fetch(`${two.url}${ROUTES.changesWait}?after=${latest}&timeoutMs=25000`, { headers: auth(token) }).then(async (r) => WaitResponseSchema.parse(await r.json()));
    const id = await scannedApplication(one);
    const woke = await wait;
    expect(woke.changed).toBe(true);
    expect(woke.latest).toBeGreaterThan(latest);
    expect((await feed(two, token, latest)).items.map((i) => i.id)).toContain(id);
    process.stdout.write(`long-poll on instance two woke ${Date.now() - started} ms after it started (commit on instance one)\n`);
  });

  it('killing one instance loses nothing, and a console given both addresses goes on with the other', async () => {
    const ids = [await scannedApplication(one), await scannedApplication(two)];
    const core = await startCore(tempDir(), `${one.url},${two.url}`);
    try {
      await core['auth.login']({ badge: '100001', password: PASSWORD });
      await core['sync.now']({});
      for (const id of ids) expect((await core['items.get']({ id })).item.version).toBe(1);
      await one.kill();
      // the console's next calls go to the second address: a claim lands, a new item arrives
      await core['items.command']({ itemId: ids[0]!, type: 'claim', body: {} });
      await waitFor(async () => (await core['outbox.list']({})).every((c) => c.state !== 'queued'), 'the outbox to drain through instance two');
      const token = await login(two.url, '100005', PASSWORD);
      const onTwo = await feed(two, token);
      expect(onTwo.items.find((i) => i.id === ids[0])).toMatchObject({ version: 2, claimedBy: '100001' });
      // everything instance one acknowledged before it died is there
      expect(onTwo.items.map((i) => i.id)).toEqual(expect.arrayContaining(ids));
      const later = await scannedApplication(two);
      await core['sync.now']({});
      expect((await core['items.get']({ id: later })).item.id).toBe(later);
    } finally {
      await core.close();
    }
  });
});
