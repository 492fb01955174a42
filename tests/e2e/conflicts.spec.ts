import {
  approveInUi,
  claimInUi,
  expect,
  exchangeItem,
  openItem,
  partitionable,
  pendingCount,
  pickOpenApplication,
  sendCommand,
  shot,
  signIn,
  test,
  useDemoExchange,
  waitForQueue,
  waitSynced,
  type Partition,
} from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Leases shrink to 0.003 × 2 h ≈ 22 s so officer A's claim can lapse within a test. A's console
 * reaches the exchange through a relay the test cuts: A keeps working offline while officer B,
 * talking to the exchange directly over HTTP, takes the item over.
 */
const LEASE_SCALE = 0.003;
const exchange = useDemoExchange({ EXCHANGE_LEASE_SCALE: String(LEASE_SCALE) });

let partition: Partition;
test.beforeAll(async () => {
  partition = await partitionable(() => exchange().port);
});
test.afterAll(async () => {
  await partition.close();
});

/** Officer B claims as soon as A's lease has lapsed (the exchange refuses B until then). */
async function takeOverAsB(itemId: string): Promise<void> {
  await expect
    .poll(async () => (await sendCommand(exchange().url, '100005', itemId, 'claim')).status, {
      timeout: 90_000,
      intervals: [2_000],
      message: "officer B's claim is accepted once A's lease has lapsed",
    })
    .toBe('applied');
}

async function goOffline(page: Page): Promise<void> {
  partition.cut();
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 45_000 });
}

async function conflictRow(page: Page, itemId: string) {
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-panel')).toBeVisible();
  return page.getByTestId('conflict-list').getByTestId('conflict-row').filter({ hasText: itemId });
}

test.describe('sync conflicts', () => {
  test.afterEach(() => partition.heal());

  test("a decision on an item another officer took over becomes a conflict that keeps the officer's decision, and can be discarded", async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const consoleA = await consoles.start(partition.url);
    await signIn(page, consoleA, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);

    await goOffline(page);
    await takeOverAsB(item.id);
    const rejected = await sendCommand(exchange().url, '100005', item.id, 'decide', { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' });
    expect(rejected.status).toBe('applied');

    // A, still offline, approves from the local cache.
    await openItem(page, item.id);
    await approveInUi(page);
    await expect.poll(() => pendingCount(page)).toBe(1);

    partition.heal();
    const row = await conflictRow(page, item.id);
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    await expect(row.getByTestId('conflict-decision')).toContainText('批准');
    await expect(row.getByTestId('conflict-decision')).toContainText('窗口领取');
    await waitSynced(page);
    await shot(page, 'sync-conflict');

    // The item went back to the exchange's state: B's rejection.
    const onExchange = await exchangeItem(exchange().url, '100001', item.id);
    expect(onExchange.status).toBe('rejected');

    await row.getByTestId('conflict-discard').click();
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('outbox-list').getByTestId('outbox-row')).toHaveCount(0);
    expect((await exchangeItem(exchange().url, '100001', item.id)).status).toBe('rejected');
  });

  test('a kept decision re-applied after claiming the item again lands on the exchange', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const consoleA = await consoles.start(partition.url);
    await signIn(page, consoleA, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);

    await goOffline(page);
    await takeOverAsB(item.id);
    expect((await sendCommand(exchange().url, '100005', item.id, 'release')).status).toBe('applied');

    await openItem(page, item.id);
    await approveInUi(page);
    partition.heal();
    const row = await conflictRow(page, item.id);
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    await waitSynced(page);

    // Claim it again (it is free now), then re-apply the kept approval from the sync panel.
    await page.getByTestId('nav-applications').click();
    await claimInUi(page, item.id);
    await page.getByTestId('nav-sync').click();
    await row.getByTestId('conflict-reapply').click();
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    await waitSynced(page);

    const onExchange = await exchangeItem(exchange().url, '100001', item.id);
    expect(onExchange.status).toBe('approved');
    if (onExchange.kind !== 'application') throw new Error('expected an application');
    expect(onExchange.data.decision).toMatchObject({ outcome: 'approved', pickup: 'window', decidedBy: '100001' });
  });
});
