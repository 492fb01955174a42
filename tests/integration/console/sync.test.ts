import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE } from '#shared/contract/bridge';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, exchangeItems, PASSWORD, readCache, startCore, startProxy, tempDir, waitFor, type ProxyHandle } from './support';

describe('console sync: the changes feed into the cache', () => {
  let exchange: ExchangeHandle;
  let proxy: ProxyHandle;

  beforeAll(async () => {
    exchange = await startExchange({ demo: true });
    proxy = await startProxy(exchange.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await exchange?.stop();
  });

  it('gets every visible item exactly once over small pages, persists the cursor, and a restarted console resumes from it', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir, proxy.url, { pageSize: 50 });
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});

    // the applications (the clerk's feed also brings the halls' appointments, listed by their own kind)
    const visible = new Map([...(await exchangeItems(exchange.url, await login(exchange.url, '100001')))].filter(([, i]) => i.kind === 'application'));
    expect(visible.size).toBeGreaterThan(100);
    const listed = await core['items.list']({ kind: 'application', sinceRev: 0 });
    // results keep the bridge contract (the shells do not re-validate them)
    BRIDGE['items.list'].result.parse(listed);
    BRIDGE['items.get'].result.parse(await core['items.get']({ id: listed.rows[0]!.id }));
    BRIDGE['sync.status'].result.parse(await core['sync.status']({}));
    const ids = listed.rows.map((r) => r.id);
    // each visible item once: none missing, none duplicated, none outside the scope
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...visible.keys()].sort());
    const pages = proxy.requests.filter((r) => r.path.startsWith('/api/v1/changes?'));
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(visible.size / 50));
    for (const row of listed.rows) expect(row.version).toBe(visible.get(row.id)!.version);

    const status = await core['sync.status']({});
    const cursor = readCache(dataDir, (db) => Number((db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value: string }).value));
    expect(cursor).toBe(status.cursor);
    expect(cursor).toBeGreaterThan(0);
    await core.close();

    const created = await intake(exchange, 'application', applicationBody('410100', '李雷'));
    expect(created.id).toBeTruthy();
    const before = proxy.requests.length;
    const again = await startCore(dataDir, proxy.url, { pageSize: 50 });
    // the session and the cursor come back from the cache: no new login, no full resync
    expect((await again['auth.session']({}))?.officer.badge).toBe('100001');
    await waitFor(async () => (await again['items.list']({ kind: 'application', sinceRev: listed.rev })).rows.some((r) => r.id === created.id), 'the new item');
    const resumed = proxy.requests.slice(before).filter((r) => r.path.startsWith('/api/v1/changes?'));
    expect(resumed[0]?.path).toContain(`after=${cursor}`);
    const delta = await again['items.list']({ kind: 'application', sinceRev: listed.rev });
    expect(delta.rows.map((r) => r.id)).toEqual([created.id]);
    await again.close();
  });

  it('shows an item taken in while it is online without a manual sync (long-poll wake-up)', async () => {
    const core = await startCore(tempDir(), exchange.url, { longPollMs: 20_000 });
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    const { rev } = await core['items.list']({ kind: 'application', sinceRev: 0 });
    const changed: number[] = [];
    core.on('items.changed', (p) => changed.push(p.rev));
    const created = await intake(exchange, 'application', applicationBody('410100', '韩梅梅'));
    // well inside the 20 s long-poll timeout, so only the wake-up can have brought it
    await waitFor(async () => (await core['items.list']({ kind: 'application', sinceRev: rev })).rows.some((r) => r.id === created.id), 'the new item', 5_000);
    expect(changed.length).toBeGreaterThan(0);
    await core.close();
  });

  it('drops items that leave the officer’s scope (withdrawn by the citizen)', async () => {
    const core = await startCore(tempDir(), exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    const created = await intake(exchange, 'application', applicationBody('410100', '王芳'));
    await core['sync.now']({});
    const { rev } = await core['items.list']({ kind: 'application', sinceRev: 0 });
    expect((await core['items.get']({ id: created.id! })).item.status).toBe('submitted');
    const withdrawn = await intake(exchange, 'withdraw', { itemId: created.id, reason: '不办了' });
    expect(withdrawn.status).toBeLessThan(300);
    await waitFor(async () => (await core['items.list']({ kind: 'application', sinceRev: rev })).removed.includes(created.id!), 'the removal');
    await expect(core['items.get']({ id: created.id! })).rejects.toMatchObject({ code: 'not_found' });
    await core.close();
  });
});
