import {
  approveInUi,
  cellOf,
  claimInUi,
  expect,
  exchangeItem,
  feedItems,
  idCells,
  inputOf,
  openItem,
  pickOpenApplication,
  queueCount,
  rowOf,
  searchQueue,
  shot,
  signIn,
  test,
  useDemoExchange,
  waitForQueue,
  waitSynced,
} from './fixtures';
import { isTerminal } from '#shared/domain/status';
import { makeIdNumber } from '#shared/rules/idNumber';

const exchange = useDemoExchange();

test.describe('application review', () => {
  test('a Zhengzhou clerk sees Zhengzhou applications and none of Luoyang', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.goto(console_.url);
    await expect(page.getByTestId('login-submit')).toBeVisible();
    await shot(page, 'login');

    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await expect(page.getByTestId('officer-unit')).toContainText(/郑州|410100/);
    await shot(page, 'queue');

    const shownIds = await idCells(page).allTextContents();
    expect(shownIds.length).toBeGreaterThan(0);
    for (const id of shownIds) expect(id.trim()).toMatch(/^APP-4101\d{2}-\d+$/);

    // The queue opens on the open work: exactly the applications the exchange shows this clerk
    // that are not finished; "all" adds the finished ones...
    const zhengzhou = (await feedItems(exchange().url, '100001')).filter((i) => i.kind === 'application');
    const open = zhengzhou.filter((i) => !isTerminal(i));
    expect(open.length).toBeLessThan(zhengzhou.length);
    await expect(page.getByTestId('view-open')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => queueCount(page)).toBe(open.length);
    const statuses = page.getByTestId('queue-grid').locator('[role="gridcell"][col-id="status"]');
    for (const finished of ['已驳回', '已办结', '已撤回']) await expect(statuses.filter({ hasText: finished })).toHaveCount(0);
    await page.getByTestId('view-all').click();
    await expect.poll(() => queueCount(page)).toBe(zhengzhou.length);

    // ...and none of Luoyang's: searching for any of them finds nothing.
    const luoyang = (await feedItems(exchange().url, '300001')).filter((i) => i.kind === 'application');
    expect(luoyang.length).toBeGreaterThan(0);
    const zhengzhouIds = new Set(zhengzhou.map((i) => i.id));
    for (const item of luoyang) {
      expect(item.unitCode.startsWith('4103')).toBe(true);
      expect(zhengzhouIds.has(item.id)).toBe(false);
    }
    await page.getByTestId('quick-search').fill('APP-4103');
    await expect.poll(() => queueCount(page)).toBe(0);
    for (const item of luoyang.slice(0, 3)) {
      await page.getByTestId('quick-search').fill(item.id);
      await expect.poll(() => queueCount(page)).toBe(0);
    }
  });

  test('an approved application shows as approved, and no longer approvable, in a second clerk console', async ({ page, browser, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const consoleA = await consoles.start(exchange().url);
    await signIn(page, consoleA, '100001');
    await waitForQueue(page);

    await openItem(page, item.id);
    await shot(page, 'review-pane');
    await page.getByTestId('action-claim').click();
    await expect(cellOf(page, item.id, 'claimedBy')).not.toHaveText(/^\s*$/);
    await waitSynced(page);
    await approveInUi(page, 'dialog-approve');
    await expect(page.getByTestId('review-status')).toContainText('已批准');
    await waitSynced(page);
    await expect.poll(async () => (await exchangeItem(exchange().url, '100001', item.id)).status).toBe('approved');

    const consoleB = await consoles.start(exchange().url);
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    try {
      await signIn(pageB, consoleB, '100005');
      await waitForQueue(pageB);
      await searchQueue(pageB, item.id);
      await expect(cellOf(pageB, item.id, 'status')).toContainText('已批准');
      await openItem(pageB, item.id);
      await expect(pageB.getByTestId('review-status')).toContainText('已批准');
      // Decided already: officer B can neither claim nor approve it.
      for (const action of ['action-approve', 'action-claim']) {
        const button = pageB.getByTestId(action);
        if ((await button.count()) > 0) await expect(button).toBeDisabled();
      }
    } finally {
      await contextB.close();
    }
  });

  test('a supplement request names exactly the ticked materials, in one notice', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);

    await page.getByTestId('action-supplement').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const boxes = dialog.locator('[data-testid^="supplement-material-"]');
    await expect.poll(() => boxes.count()).toBeGreaterThanOrEqual(2);
    const ticked: string[] = [];
    for (const box of [boxes.nth(0), boxes.nth(1)]) {
      const testId = (await box.getAttribute('data-testid')) ?? '';
      ticked.push(testId.replace('supplement-material-', ''));
      await box.check();
    }
    await inputOf(dialog.getByTestId('supplement-note')).fill('请补充清晰的原件扫描件');
    await shot(page, 'dialog-supplement');
    await dialog.getByTestId('dialog-confirm').click();
    await expect(dialog).toBeHidden();

    await expect(page.getByTestId('review-status')).toContainText('待补正');
    await expect(cellOf(page, item.id, 'status')).toContainText('待补正');
    await waitSynced(page);

    await expect.poll(async () => (await exchangeItem(exchange().url, '100001', item.id)).status).toBe('supplement_requested');
    const onExchange = await exchangeItem(exchange().url, '100001', item.id);
    if (onExchange.kind !== 'application') throw new Error('expected an application');
    expect([...(onExchange.data.supplement?.missing ?? [])].sort()).toEqual([...ticked].sort());
    expect(onExchange.data.supplement?.note).toBe('请补充清晰的原件扫描件');
    expect(onExchange.data.supplement?.requestedBy).toBe('100001');

    // The saved view for supplements lists it.
    await page.getByTestId('view-supplement').click();
    await searchQueue(page, item.id);
    await expect(rowOf(page, item.id)).toHaveCount(1);
    const statuses = page.getByTestId('queue-grid').locator('[role="gridcell"][col-id="status"]');
    await expect.poll(async () => (await statuses.allTextContents()).every((s) => s.includes('待补正'))).toBe(true);
  });

  test('the reject, hand-over and reveal dialogs open from the review pane', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id);

    await page.getByTestId('action-reject').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('reject-reason')).toBeVisible();
    await shot(page, 'dialog-reject');
    await dialog.getByTestId('dialog-cancel').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('action-reveal-id').click();
    await expect(dialog.getByTestId('reveal-reason')).toBeVisible();
    await inputOf(dialog.getByTestId('reveal-reason')).fill('核对申请人身份');
    await dialog.getByTestId('dialog-confirm').click();
    await expect(dialog.getByTestId('reveal-value')).toHaveText(/^\s*\d{17}[\dX]\s*$/);
    const applicantId = ((await dialog.getByTestId('reveal-value').textContent()) ?? '').trim();
    await shot(page, 'dialog-reveal');
    await dialog.getByTestId('dialog-cancel').click();
    await expect(dialog).toBeHidden();

    await approveInUi(page);
    await waitSynced(page);
    // the hand-over: the number typed from the card is checked by the exchange, not by the console
    await page.getByTestId('action-handover').click();
    await expect(dialog).toBeVisible();
    const typed = dialog.getByTestId('handover-id-number');
    await typed.fill(`${applicantId.slice(0, 17)}${applicantId.endsWith('1') ? '2' : '1'}`);
    await expect(dialog).toContainText('校验位不符');
    await expect(dialog.getByTestId('dialog-confirm')).toBeDisabled();
    const someoneElse = makeIdNumber('410105', '19850312', 777);
    await typed.fill(someoneElse);
    await typed.press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('证件号码与申请人登记的不一致');
    await expect(typed).toHaveValue(someoneElse);
    expect((await exchangeItem(exchange().url, '100001', item.id)).status).toBe('approved');
    await shot(page, 'dialog-handover');
    await typed.fill(applicantId.toLowerCase());
    await typed.press('Enter');
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await exchangeItem(exchange().url, '100001', item.id)).status).toBe('completed');
  });
});
