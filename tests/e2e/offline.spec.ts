import { approveInUi, claimInUi, expect, exchangeItem, openItem, pendingCount, pickOpenApplication, shot, signIn, test, useDemoExchange, waitForQueue } from './fixtures';

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
