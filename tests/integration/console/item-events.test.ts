import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { PASSWORD, startCore, tempDir, waitFor } from './support';

/**
 * An approve used to reload the open item about four times: the command result, then three
 * `items.changed` (the optimistic write, the result, and the feed echo of the same version). Now
 * the result carries the rev it was written at, each event names the items it wrote, and the echo
 * is not written at all.
 */
describe('console item events and names', () => {
  let exchange: ExchangeHandle;
  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('announces an approval twice (the local write, the exchange’s answer) and never the feed’s echo', async () => {
    const id = await scannedApplication(exchange);
    const core = await startCore(tempDir(), exchange.url);
    await core['auth.login']({ badge: '100001', password: PASSWORD });
    await core['sync.now']({});
    await core['items.command']({ itemId: id, type: 'claim', body: {} });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the claim to land');
    await core['sync.now']({});

    const events: { rev: number; ids?: string[] }[] = [];
    const off = core.on('items.changed', (p) => events.push(p));
    const result = await core['items.command']({ itemId: id, type: 'decide', body: { outcome: 'approve', pickup: 'window' } });
    await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the approval to land');
    // the feed now holds the approved version too: pull it, it must change nothing
    const before = await core['items.get']({ id });
    await core['sync.now']({});
    const after = await core['items.get']({ id });
    off();

    const naming = events.filter((e) => e.ids === undefined || e.ids.includes(id));
    expect(naming).toHaveLength(2);
    // the first is the write the command result already reported: a view holding result.rev skips it
    expect(naming[0]!.rev).toBe(result.rev);
    expect(naming[1]!.rev).toBeGreaterThan(result.rev);
    expect(after.rev).toBe(before.rev);
    expect(after.item).toMatchObject({ status: 'approved', version: 3 });
    await core.close();
  });

  it('shows who holds an item by name, from the officer directory it keeps for offline use', async () => {
    const id = await scannedApplication(exchange);
    const core = await startCore(tempDir(), exchange.url);
    await core['auth.login']({ badge: '100005', password: PASSWORD });
    await core['sync.now']({});
    const directory = await waitFor(async () => {
      const list = await core['officers.directory']({});
      return list.length > 0 ? list : null;
    }, 'the officer directory');
    expect(directory.find((o) => o.badge === '100001')?.name).toBe('王丽娜');
    await core['items.command']({ itemId: id, type: 'claim', body: {} });
    const detail = await core['items.get']({ id });
    expect(detail.claimedByName).toBe('刘晓燕');
    const page = await core['items.query']({ kind: 'application', search: id });
    expect(page.rows.map((r) => [r.id, r.claimedByName])).toEqual([[id, '刘晓燕']]);
    await core.close();
  });
});
