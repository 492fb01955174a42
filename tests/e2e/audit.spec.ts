import type { Page } from '@playwright/test';
import { ROUTES } from '#shared/contract/api';
import { login } from '../helpers/exchange';
import { expect, feedItems, readExchangeDb, screensAt, shot, signIn, test, useDemoExchange } from './fixtures';

/**
 * The audit viewer (issue 10) as supervisor 100004 of Zhengzhou works it against a real demo
 * exchange: the chain verified on opening; reveals made in the test by a clerk, filtered by
 * officer and action, show exactly the exchange's rows with whose data and why (never the value);
 * an entry's item opens in its review. Screens at both sizes in both languages.
 */
const exchange = useDemoExchange();

async function reveal(badge: string, itemId: string, reason: string): Promise<string> {
  const token = await login(exchange().url, badge);
  const res = await fetch(`${exchange().url}${ROUTES.reveal}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ itemId, field: 'idNumber', reason }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: string }).value;
}

async function openAudit(page: Page): Promise<void> {
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-page')).toBeVisible();
  await expect(page.getByTestId('audit-verify')).toHaveAttribute('data-state', 'ok');
}

test.describe('the audit viewer', () => {
  test('verifies the chain, lists a clerk’s reveals with their reasons exactly as the exchange has them, and opens an entry’s item', async ({ page, consoles }) => {
    const apps = (await feedItems(exchange().url, '100001')).filter((i) => i.kind === 'application').slice(0, 2);
    const values = [await reveal('100005', apps[0]!.id, '核对申请人身份（审计测试）'), await reveal('100005', apps[1]!.id, '电话回访前核对')];
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100004');
    await openAudit(page);
    const total = readExchangeDb(exchange(), (db) => (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n);
    await expect(page.getByTestId('audit-verify')).toContainText(`共 ${total} 条`);

    // officer 100005, action "查看个人信息", all time
    await page.getByTestId('audit-filter-officer').fill('100005');
    await page.getByTestId('audit-filter-action').click();
    await page.getByTestId('audit-action-reveal').click();
    await page.getByTestId('audit-period-all').click();
    await page.getByTestId('audit-search').click();
    const expected = readExchangeDb(exchange(), (db) =>
      db.prepare("SELECT seq, item_id AS itemId, json_extract(detail, '$.reason') AS reason FROM audit WHERE actor = '100005' AND action = 'reveal' ORDER BY seq DESC").all() as { seq: number; itemId: string; reason: string }[],
    );
    expect(expected.length).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('audit-count')).toHaveAttribute('data-count', String(expected.length));
    const grid = page.getByTestId('audit-grid');
    const seqs = await grid.locator('[role="gridcell"][col-id="seq"]').allTextContents();
    expect(seqs.map(Number)).toEqual(expected.map((e) => e.seq));
    const details = await grid.locator('[role="gridcell"][col-id="detail"]').allTextContents();
    expect(details[0]).toContain(`查看了 ${apps[1]!.id}`);
    expect(details[0]).toContain('电话回访前核对');
    expect(details[1]).toContain('核对申请人身份（审计测试）');
    for (const v of values) expect(await page.getByTestId('audit-page').textContent()).not.toContain(v);
    await shot(page, 'audit-reveals-1366x768-zh-CN');

    // a bad filter is answered in words before anything is sent
    await page.getByTestId('audit-filter-item').fill('APP-12');
    await page.getByTestId('audit-search').click();
    await expect(page.getByTestId('audit-filter-problem')).toHaveText('事项编号格式应如 APP-410100-42');
    await page.getByTestId('audit-filter-item').fill(apps[0]!.id);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('audit-count')).toHaveAttribute('data-count', String(expected.filter((e) => e.itemId === apps[0]!.id).length));

    // the entry's item opens in the application review
    await grid.locator('[role="gridcell"][col-id="seq"]').first().click();
    await expect(page.getByTestId('audit-pane')).toContainText('核对申请人身份（审计测试）');
    await page.getByTestId('audit-open-item').click();
    await expect(page.getByTestId('nav-applications')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('review-pane')).toContainText(apps[0]!.id);
  });

  test('every screen at both sizes in both languages', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100004');
    await openAudit(page);
    await expect(page.getByTestId('audit-count')).not.toHaveAttribute('data-count', '0');
    await page.getByTestId('audit-grid').locator('[role="gridcell"][col-id="seq"]').first().click();
    await screensAt(page, 'audit-log');
  });
});
