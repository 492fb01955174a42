import {
  approveInUi,
  claimInUi,
  expect,
  exchangeItem,
  inputOf,
  openItem,
  partitionable,
  pendingCount,
  pickOpenApplication,
  shot,
  signIn,
  test,
  useDemoExchange,
  waitForQueue,
  waitSynced,
  type Partition,
} from './fixtures';

/**
 * A supervisor takes over a clerk's claim. The clerk's console reaches the exchange through a
 * relay the test cuts, so the clerk keeps working offline on the item meanwhile: their approval
 * comes back `claim_lost` and waits, kept, in the sync panel.
 */
const exchange = useDemoExchange();

let partition: Partition;
test.beforeAll(async () => {
  partition = await partitionable(() => exchange().port);
});
test.afterAll(async () => {
  await partition.close();
});

test.describe('take-over', () => {
  test.afterEach(() => partition.heal());

  test("supervisor 100004 takes over clerk 100001's claim with a reason; the clerk's later approval is a claim_lost conflict", async ({ page, browser, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const clerkConsole = await consoles.start(partition.url);
    await signIn(page, clerkConsole, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);

    partition.cut();
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 45_000 });

    const supervisorConsole = await consoles.start(exchange().url);
    const context = await browser.newContext();
    const sup = await context.newPage();
    try {
      await signIn(sup, supervisorConsole, '100004');
      await waitForQueue(sup);
      await openItem(sup, item.id);
      await expect(sup.getByTestId('review-claimed-by-name')).toHaveText('王丽娜（100001）');
      // a supervisor may not claim over a live lease, but may take over, and says why
      await expect(sup.getByTestId('action-claim')).toBeDisabled();
      const takeOver = sup.getByTestId('action-take-over');
      await expect(takeOver).toBeEnabled();
      await takeOver.click();
      const dialog = sup.getByTestId('take-over-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('王丽娜');
      await expect(dialog.getByTestId('dialog-confirm')).toBeDisabled();
      await inputOf(dialog.getByTestId('take-over-reason')).fill('原认领人临时外出，群众在窗口等候');
      await shot(sup, 'dialog-take-over');
      await dialog.getByTestId('dialog-confirm').click();
      await expect(dialog).toBeHidden();
      await expect(sup.getByTestId('review-claimed-by-name')).toHaveText('你');
      await waitSynced(sup);
      const taken = await exchangeItem(exchange().url, '100004', item.id);
      expect(taken.claimedBy).toBe('100004');
      expect(taken.notes.at(-1)?.text).toContain('原认领人临时外出');
    } finally {
      await context.close();
    }

    // the clerk, still offline, approves from the cache: kept, then refused when it is sent
    await openItem(page, item.id);
    await approveInUi(page);
    await expect.poll(() => pendingCount(page)).toBe(1);
    partition.heal();
    await page.getByTestId('nav-sync').click();
    const row = page.getByTestId('conflict-list').getByTestId('conflict-row').filter({ hasText: item.id });
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    await expect(row.getByTestId('conflict-code')).toHaveAttribute('data-code', 'claim_lost');
    await expect(row.getByTestId('conflict-decision')).toContainText('批准');
    await waitSynced(page);
    await shot(page, 'sync-conflict-take-over');
    expect((await exchangeItem(exchange().url, '100001', item.id)).status).toBe('submitted');

    // back online, the clerk's console shows the supervisor as the holder and refuses to approve
    await page.getByTestId('nav-applications').click();
    await openItem(page, item.id);
    await expect(page.getByTestId('review-claimed-by-name')).toHaveText('陈志强（100004）', { timeout: 30_000 });
    await expect(page.getByTestId('action-approve')).toBeDisabled();
    await expect(page.getByTestId('action-take-over')).toHaveCount(0); // clerks do not take over
  });
});
