import { approveInUi, claimInUi, expect, exchangeItem, openItem, pendingCount, pickOpenApplication, rowOf, shot, signIn, test, useDemoExchange, waitForQueue, waitSynced } from './fixtures';

const exchange = useDemoExchange();

test.describe('working offline', () => {
  test('a decision taken offline waits in the outbox and lands when the exchange is back', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);
    await expect(page.getByTestId('offline-banner')).toBeHidden();
    await expect(page.getByTestId('sync-state')).toHaveText('在线');

    await exchange().stop();
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId('sync-state')).toHaveText('离线');
    await shot(page, 'offline-banner');

    // The claimed item stays workable: the decision is applied locally and queued.
    await openItem(page, item.id);
    await approveInUi(page);
    await expect(page.getByTestId('review-status')).toContainText('已批准');
    await expect.poll(() => pendingCount(page)).toBe(1);
    await expect(page.getByTestId('review-pending')).toBeVisible();
    await shot(page, 'offline-pending');

    await exchange().restart();
    await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 60_000 });
    await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe(0);
    await expect(page.getByTestId('review-pending')).toBeHidden();

    const onExchange = await exchangeItem(exchange().url, '100001', item.id);
    expect(onExchange.status).toBe('approved');
    if (onExchange.kind !== 'application') throw new Error('expected an application');
    expect(onExchange.data.decision).toMatchObject({ outcome: 'approved', pickup: 'window', decidedBy: '100001' });
  });
});

test.describe('offline claims and "sync now"', () => {
  test('a claim made offline shows as not yet confirmed, and "sync now" says whether it worked', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);

    await exchange().stop();
    try {
      const banner = page.getByTestId('offline-banner');
      await expect(banner).toBeVisible({ timeout: 45_000 });
      // the banner says what offline work means
      await expect(banner).toContainText('恢复连接后自动发送');
      await expect(banner).toContainText('需要联网');

      await openItem(page, item.id);
      await page.getByTestId('action-claim').click();
      await expect(page.getByTestId('review-claimed-by-name')).toHaveText('你');
      await expect(page.getByTestId('claim-unconfirmed')).toBeVisible();
      await expect(page.getByTestId('review-pending')).toBeVisible();
      await expect(rowOf(page, item.id).getByTestId('row-pending')).toBeVisible();
      await shot(page, 'offline-claim-unconfirmed');

      // "sync now" while the exchange is away: the error, not a silent nothing
      await page.getByTestId('nav-sync').click();
      await page.getByTestId('sync-now').click();
      await expect(page.getByTestId('sync-result')).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
      await expect(page.getByTestId('outbox-list').getByTestId('outbox-row').filter({ hasText: item.id })).toHaveCount(1);
    } finally {
      await exchange().restart();
    }

    await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 60_000 });
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('sync-result')).toContainText('同步完成');
    await shot(page, 'sync-now-done');
    await waitSynced(page);
    expect((await exchangeItem(exchange().url, '100001', item.id)).claimedBy).toBe('100001');

    await page.getByTestId('nav-applications').click();
    await expect(page.getByTestId('review-item-id')).toHaveText(item.id);
    await expect(page.getByTestId('claim-unconfirmed')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('review-pending')).toHaveCount(0);
  });
});
