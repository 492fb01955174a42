import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE } from '#shared/contract/bridge';
import { login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import {
  deadUrl,
  exchangeItem,
  PASSWORD,
  postCommands,
  readCache,
  startCore,
  startProxy,
  tempDir,
  waitFor,
} from './support';
import type { ConsoleCore } from '#console/service';

async function newApplication(exchange: ExchangeHandle): Promise<string> {
  return scannedApplication(exchange);
}

async function drained(core: ConsoleCore): Promise<boolean> {
  return (await core['outbox.list']({})).filter((c) => c.state === 'queued').length === 0;
}

describe('console commands: optimistic apply, outbox and the exchange’s answer', () => {
  let exchange: ExchangeHandle;

  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('applies a command locally at once and keeps the exchange’s item once it lands', async () => {
    const id = await newApplication(exchange);
    const core = await startCore(tempDir(), exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    const { item, commandId } = await core['items.command']({ itemId: id, type: 'claim', body: {} });
    expect(item.claimedBy).toBe('100001');
    // the optimistic view is the state the exchange will reach: one version on
    expect(item.version).toBe(2);
    await waitFor(() => drained(core), 'the outbox to drain');
    const detail = await core['items.get']({ id });
    expect(detail.item).toMatchObject({ claimedBy: '100001', version: 2 });
    expect(detail.pending).toEqual([]);
    const onExchange = await exchangeItem(exchange.url, await login(exchange.url, '100005'), id);
    expect(onExchange?.claimedBy).toBe('100001');
    expect(commandId).toMatch(/^[0-9a-f-]{36}$/);
    await core.close();
  });

  it('refuses early, without queuing, a command the status machine or the claim does not allow', async () => {
    const id = await newApplication(exchange);
    const core = await startCore(tempDir(), exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    await expect(core['items.command']({ itemId: id, type: 'dispatch', body: { waybill: 'EA123456789CN' } })).rejects.toMatchObject({ code: 'invalid' });
    // a hand-over never queues: its ID number goes to the exchange through hall.handOver alone
    await expect(core['items.command']({ itemId: id, type: 'hand_over', body: { idNumber: '11010519491231002X' } })).rejects.toMatchObject({ code: 'invalid' });
    await expect(core['items.command']({ itemId: id, type: 'decide', body: { outcome: 'approve', pickup: 'window' } })).rejects.toMatchObject({
      code: 'claim_lost',
    });
    await expect(core['items.command']({ itemId: id, type: 'note', body: { text: '' } })).rejects.toMatchObject({ code: 'invalid' });
    expect(await core['outbox.list']({})).toEqual([]);
    await core.close();
  });

  it('sends a chain of commands on one item with consecutive expected versions and all of them land', async () => {
    const id = await newApplication(exchange);
    const dataDir = tempDir();
    const core = await startCore(dataDir, exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    await core['settings.set']({ exchangeUrl: await deadUrl() });
    await core['items.command']({ itemId: id, type: 'claim', body: {} });
    await core['items.command']({ itemId: id, type: 'note', body: { text: '材料齐全' } });
    const { item } = await core['items.command']({ itemId: id, type: 'decide', body: { outcome: 'approve', pickup: 'window' } });
    expect(item.status).toBe('approved');
    expect((await core['outbox.list']({})).map((c) => c.type)).toEqual(['claim', 'note', 'decide']);
    expect(readCache(dataDir, (db) => db.prepare('SELECT expected_version FROM outbox ORDER BY seq').all())).toEqual([
      { expected_version: 1 },
      { expected_version: 2 },
      { expected_version: 3 },
    ]);
    await core['settings.set']({ exchangeUrl: exchange.url });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the chain to land');
    const onExchange = await exchangeItem(exchange.url, await login(exchange.url, '100005'), id);
    expect(onExchange).toMatchObject({ status: 'approved', version: 4 });
    expect(await core['conflicts.list']({})).toEqual([]);
    await core.close();
  });

  it('resends a command whose response was lost and the exchange applies it only once', async () => {
    const id = await newApplication(exchange);
    const proxy = await startProxy(exchange.url);
    const core = await startCore(tempDir(), proxy.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    proxy.dropNextCommandsResponse();
    const { commandId } = await core['items.command']({ itemId: id, type: 'claim', body: {} });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the resend to be answered');
    const sends = proxy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/commands'));
    const carrying = sends.filter((r) => JSON.stringify(r.body).includes(commandId));
    expect(carrying.length).toBeGreaterThanOrEqual(2);
    const onExchange = await exchangeItem(exchange.url, await login(exchange.url, '100005'), id);
    expect(onExchange).toMatchObject({ claimedBy: '100001', version: 2 });
    expect((await core['items.get']({ id })).item.version).toBe(2);
    expect(await core['conflicts.list']({})).toEqual([]);
    await core.close();
    await proxy.close();
  });

  it('rolls a rejected command back to the exchange’s state, keeps the officer’s decision as a conflict, holds that item’s later commands and lets other items’ commands land', async () => {
    const x = await newApplication(exchange);
    const y = await newApplication(exchange);
    const dataDir = tempDir();
    const core = await startCore(dataDir, exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    await core['items.command']({ itemId: x, type: 'claim', body: {} });
    await core['items.command']({ itemId: y, type: 'claim', body: {} });
    await waitFor(() => drained(core), 'the claims to land');

    // offline: the officer decides X, notes X, notes Y
    await core['settings.set']({ exchangeUrl: await deadUrl() });
    const decision = { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '不符合首次申领条件' } as const;
    const { commandId: decideId } = await core['items.command']({ itemId: x, type: 'decide', body: decision });
    await core['items.command']({ itemId: x, type: 'note', body: { text: '已电话告知申请人' } });
    await core['items.command']({ itemId: y, type: 'note', body: { text: 'Y 的备注' } });
    expect((await core['items.get']({ id: x })).item.status).toBe('rejected');

    // meanwhile a colleague changes X on the exchange
    const other = await login(exchange.url, '100005');
    const [noted] = await postCommands(exchange.url, other, [{ id: randomUUID(), itemId: x, type: 'note', expectedVersion: 2, body: { text: '同事的备注' } }]);
    expect(noted?.status).toBe('applied');

    await core['settings.set']({ exchangeUrl: exchange.url });
    await waitFor(async () => (await core['conflicts.list']({})).length === 1 && (await drained(core)), 'the rejection');

    const [conflict] = BRIDGE['conflicts.list'].result.parse(await core['conflicts.list']({}));
    BRIDGE['outbox.list'].result.parse(await core['outbox.list']({}));
    BRIDGE['items.get'].result.parse(await core['items.get']({ id: x }));
    expect(conflict).toMatchObject({ commandId: decideId, itemId: x, type: 'decide', code: 'conflict', body: decision });
    const detail = await core['items.get']({ id: x });
    expect(detail.item).toMatchObject({ status: 'submitted', version: 3 });
    expect(detail.item.notes.map((n) => n.text)).toEqual(['同事的备注']);
    expect(detail.pending.map((p) => [p.type, p.state])).toEqual([['note', 'held']]);
    expect(readCache(dataDir, (db) => db.prepare("SELECT item_id, state FROM outbox WHERE item_id = ?").all(x))).toEqual([{ item_id: x, state: 'held' }]);
    const row = (await core['items.list']({ kind: 'application', sinceRev: 0 })).rows.find((r) => r.id === x);
    expect(row).toMatchObject({ conflict: true, pending: true, status: 'submitted' });

    // the other item's command went on
    const yOnExchange = await exchangeItem(exchange.url, other, y);
    expect(yOnExchange?.notes.map((n) => n.text)).toEqual(['Y 的备注']);
    expect((await exchangeItem(exchange.url, other, x))?.status).toBe('submitted');

    // re-applying the kept decision sends it again, then the held note behind it
    await core['conflicts.reapply']({ id: conflict!.id });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the re-applied decision and the held note to land');
    const xOnExchange = await exchangeItem(exchange.url, other, x);
    expect(xOnExchange).toMatchObject({ status: 'rejected', version: 5 });
    expect(xOnExchange?.notes.map((n) => n.text)).toEqual(['同事的备注', '已电话告知申请人']);
    expect(await core['conflicts.list']({})).toEqual([]);
    await core.close();
  });

  it('keeps an officer’s unsent commands for that officer when another officer uses the same console', async () => {
    const id = await newApplication(exchange);
    const dataDir = tempDir();
    const core = await startCore(dataDir, exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    await core['settings.set']({ exchangeUrl: await deadUrl() });
    const { commandId } = await core['items.command']({ itemId: id, type: 'claim', body: {} });
    await core['auth.logout']({ wipe: false });
    await core['settings.set']({ exchangeUrl: exchange.url });

    await core['auth.login']({ badge: '100005', password: PASSWORD });
    await core['sync.now']({});
    expect(await core['outbox.list']({})).toEqual([]);
    expect((await core['items.get']({ id })).item.claimedBy).toBeNull();
    expect(readCache(dataDir, (db) => db.prepare('SELECT id, badge FROM outbox').all())).toEqual([{ id: commandId, badge: '100001' }]);
    const other = await login(exchange.url, '100004');
    expect((await exchangeItem(exchange.url, other, id))?.claimedBy).toBeNull();

    await core['auth.logout']({ wipe: false });
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the first officer’s claim to land');
    expect((await exchangeItem(exchange.url, other, id))?.claimedBy).toBe('100001');
    await core.close();
  });

  it('refuses an exchange address that is not http(s)', async () => {
    const core = await startCore(tempDir(), exchange.url);
    await expect(core['settings.set']({ exchangeUrl: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await core['settings.get']({})).exchangeUrl).toBe(exchange.url);
    await core.close();
  });
});
