import type { Locator, Page } from '@playwright/test';
import type { ItemRow } from '#shared/contract/bridge';
import { ROUTES } from '#shared/contract/api';
import { DEMO_PASSWORD, login } from '../helpers/exchange';
import {
  bridgeCall,
  expect,
  feedItems,
  inputOf,
  logOut,
  queueCount,
  readExchangeDb,
  screensAt,
  shot,
  signIn,
  signInAgain,
  test,
  useDemoExchange,
  waitForQueue,
} from './fixtures';

/**
 * Officer administration (issue 10) as the provincial admin 900001 works it against a real demo
 * exchange: the roster with its search and filters; a Jinshui clerk created in the UI, whose
 * one-time password is read from the dialog and signs them in to the applications workspace with
 * Jinshui's items only; a duplicate badge refused in Chinese; a clerk locked with a reason (their
 * login refused with the lockout message), unlocked, their password reset and their unit changed,
 * mostly by keys. Screens of the list and each dialog at 1366×768 and 1440×900, Chinese and English.
 */
const exchange = useDemoExchange();
const ADMIN = '900001';
const NEW_BADGE = '610105';
const JINSHUI = '410105';

const grid = (page: Page): Locator => page.getByTestId('admin-grid');
const badgeCells = (page: Page): Locator => grid(page).locator('[role="gridcell"][col-id="badge"]');
function officerRow(page: Page, badge: string): Locator {
  return grid(page)
    .getByRole('row')
    .filter({ has: page.locator('[role="gridcell"][col-id="badge"]', { hasText: new RegExp(`^\\s*${badge}\\s*$`) }) });
}
const cell = (page: Page, badge: string, col: string): Locator => officerRow(page, badge).locator(`[role="gridcell"][col-id="${col}"]`);
async function badgesShown(page: Page): Promise<string[]> {
  return (await badgeCells(page).allTextContents()).map((s) => s.trim()).sort();
}

async function openRoster(page: Page): Promise<void> {
  await page.getByTestId('nav-admin').click();
  await expect(page.getByTestId('admin-page')).toBeVisible();
  await expect(officerRow(page, '100001')).toHaveCount(1);
}

async function selectOfficer(page: Page, badge: string): Promise<void> {
  await cell(page, badge, 'badge').click();
  await expect(page.getByTestId('admin-selected')).toHaveAttribute('data-badge', badge);
}

/** Closes the toasts, so a screen in the other language shows none of this one's words. */
async function quietNotices(page: Page): Promise<void> {
  for (const close of await page.getByTestId('notice').getByRole('button').all()) await close.click().catch(() => undefined);
  await expect(page.getByTestId('notice')).toHaveCount(0);
}

async function chooseUnit(dialog: Locator, testId: string, typed: string, code: string): Promise<void> {
  const input = dialog.getByTestId(testId);
  await input.fill(typed);
  await dialog.page().getByTestId(`${testId}-option-${code}`).click();
  await expect(input).toHaveValue(new RegExp(`${code}$`));
}

test.describe('officer administration', () => {
  test('admin creates a Jinshui clerk in the UI; the clerk signs in with the password shown once and sees Jinshui’s applications only', async ({ page, consoles, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, console_, ADMIN);
    await openRoster(page);

    // the roster: every demo officer, roles and units in Chinese
    expect(await badgesShown(page)).toEqual(['100001', '100002', '100003', '100004', '100005', '300001', '300002', '900001']);
    await expect(cell(page, '100002', 'role')).toHaveText('交警');
    await expect(cell(page, '300001', 'unit')).toHaveText('洛阳市公安局');
    await expect(cell(page, '100001', 'state')).toHaveText('正常');
    await expect(page.getByTestId('admin-count')).toHaveText('共 8 名警员');
    await screensAt(page, 'admin-list');

    // search by unit name (/ focuses it), by badge; filter by role
    await page.keyboard.press('/');
    await expect(page.getByTestId('admin-search')).toBeFocused();
    await page.keyboard.type('洛阳');
    await expect.poll(() => badgesShown(page)).toEqual(['300001', '300002']);
    await expect(page.getByTestId('admin-count')).toHaveText('显示 2 / 8 名');
    await page.getByTestId('admin-search').fill('10000');
    await expect.poll(() => badgesShown(page)).toEqual(['100001', '100002', '100003', '100004', '100005']);
    await page.getByTestId('admin-search').fill('');
    await page.getByTestId('admin-role-filter').click();
    await page.getByTestId('admin-role-filter-clerk').click();
    await expect.poll(() => badgesShown(page)).toEqual(['100001', '100005', '300001']);
    await page.getByTestId('admin-role-filter').click();
    await page.getByRole('option', { name: '全部岗位' }).click();
    await expect.poll(() => badgesShown(page)).toHaveLength(8);

    // another admin's console created 610199 meanwhile: this roster does not know, the exchange refuses
    const adminToken = await login(exchange().url, ADMIN);
    const other = await fetch(`${exchange().url}${ROUTES.adminOfficers}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ badge: '610199', name: '别处新建', role: 'clerk', unitCode: '410102' }),
    });
    expect(other.status).toBe(200);

    await screensAt(
      page,
      'admin-create-dialog',
      async () => {
        await page.keyboard.press('n');
        const d = page.getByTestId('admin-create-dialog');
        await expect(d).toBeVisible();
        await d.getByTestId('create-badge').fill('61010');
        await d.getByTestId('create-badge').blur();
        await d.getByTestId('create-name').fill('金水新警');
        await chooseUnit(d, 'create-unit', '金水', JINSHUI);
      },
      async () => {
        await page.getByTestId('admin-create-dialog').getByTestId('dialog-cancel').click();
        await expect(page.getByTestId('admin-create-dialog')).toBeHidden();
      },
    );
    await page.keyboard.press('n');
    const create = page.getByTestId('admin-create-dialog');
    await expect(create).toBeVisible();
    // problems in words before anything is sent: badge shape, a badge the roster has, a name, no unit
    await create.getByTestId('create-badge').fill('12345');
    await create.getByTestId('create-name').fill('测试1');
    await create.getByTestId('dialog-confirm').click();
    await expect(create).toContainText('警号应为 6 位数字');
    await expect(create).toContainText('姓名只能含汉字、字母、空格或“·”');
    await expect(create).toContainText('请从列表中选择单位');
    await create.getByTestId('create-badge').fill('100001');
    await expect(create).toContainText('警号 100001 已存在');
    await create.getByTestId('create-badge').fill('610199');
    await create.getByTestId('create-name').fill('金水新警');
    await chooseUnit(create, 'create-unit', '金水', JINSHUI);
    await create.getByTestId('dialog-confirm').click();
    await expect(create.getByTestId('admin-error')).toHaveAttribute('data-code', 'conflict');
    await expect(create.getByTestId('admin-error')).toHaveText('警号 610199 已存在，请换一个警号。');
    await shot(page, 'admin-create-duplicate-1366x768-zh-CN');

    await create.getByTestId('create-badge').fill(NEW_BADGE);
    await create.getByTestId('create-role').click();
    await page.getByTestId('create-role-clerk').click();
    await expect(create.getByTestId('create-role')).toHaveText('窗口民警');
    await create.getByTestId('dialog-confirm').click();

    const pw = page.getByTestId('admin-password-dialog');
    await expect(pw).toBeVisible();
    await expect(create).toBeHidden();
    await expect(pw).toHaveAttribute('data-kind', 'created');
    await expect(pw).toContainText('密码只显示这一次');
    await expect(pw.getByTestId('admin-password-who')).toContainText(`金水新警（警号 ${NEW_BADGE}） · 窗口民警 · 郑州市公安局金水区分局`);
    const password = (await pw.getByTestId('admin-password-value').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await pw.getByTestId('admin-password-copy').click();
    await expect(pw.getByTestId('admin-password-copied')).toHaveText('已复制到剪贴板');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await quietNotices(page);
    await shot(page, 'admin-password-created-1366x768-zh-CN');
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'admin-password-created-1440x900-zh-CN');
    await page.setViewportSize({ width: 1366, height: 768 });
    // Esc does not lose the password: only the close button closes
    await page.keyboard.press('Escape');
    await expect(pw).toBeVisible();
    await pw.getByTestId('admin-password-close').click();
    await expect(pw).toBeHidden();

    // the row is there, selected, and the exchange has the officer; its audit row has no password
    await expect(cell(page, NEW_BADGE, 'unit')).toHaveText('郑州市公安局金水区分局');
    await expect(cell(page, NEW_BADGE, 'role')).toHaveText('窗口民警');
    await expect(page.getByTestId('admin-selected')).toHaveAttribute('data-badge', NEW_BADGE);
    const audit = readExchangeDb(exchange(), (db) => db.prepare("SELECT detail FROM audit WHERE action = 'officer_create'").all() as { detail: string }[]);
    expect(audit.map((r) => JSON.parse(r.detail).badge)).toContain(NEW_BADGE);
    expect(JSON.stringify(audit)).not.toContain(password);

    // the new clerk signs in on this console with the password from the dialog
    await logOut(page);
    await signInAgain(page, NEW_BADGE, password);
    await expect(page.getByTestId('officer-unit')).toContainText('金水区分局');
    await expect(page.getByTestId('nav-admin')).toHaveCount(0);
    await expect(page.getByTestId('workspace-application')).toBeVisible();
    await waitForQueue(page);
    const jinshui = (await feedItems(exchange().url, NEW_BADGE, password)).filter((i) => i.kind === 'application');
    expect(jinshui.length).toBeGreaterThan(0);
    expect(jinshui.every((i) => i.unitCode.startsWith(JINSHUI))).toBe(true);
    await expect
      .poll(async () => (await bridgeCall<{ rows: ItemRow[] }>(console_, 'items.list', { kind: 'application', sinceRev: 0 })).rows.length, { message: 'the first sync is done' })
      .toBe(jinshui.length);
    const cached = (await bridgeCall<{ rows: ItemRow[] }>(console_, 'items.list', { kind: 'application', sinceRev: 0 })).rows;
    expect(cached.every((r) => r.unitCode.startsWith(JINSHUI))).toBe(true);
    expect(cached.map((r) => r.id).sort()).toEqual(jinshui.map((i) => i.id).sort());
    await page.getByTestId('view-all').click();
    await expect.poll(() => queueCount(page)).toBe(jinshui.length);
    await shot(page, 'admin-new-clerk-applications-1366x768-zh-CN');
  });

  test('admin locks a clerk with a reason (their login is refused in Chinese), unlocks them, resets their password and moves them to another unit, by keys', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, console_, ADMIN);
    await openRoster(page);

    // the admin's own row: no lock, reset or move of oneself, and the reason says so
    await selectOfficer(page, ADMIN);
    await expect(page.getByTestId('admin-lock')).toBeDisabled();
    await expect(page.getByTestId('admin-lock')).toHaveAttribute('data-reason', '不能在这里锁定、重置密码或调整自己的账号');
    await expect(page.getByTestId('admin-assign')).toBeDisabled();

    await selectOfficer(page, '100005');
    await screensAt(
      page,
      'admin-lock-dialog',
      async () => {
        await page.keyboard.press('l');
        await expect(page.getByTestId('admin-lock-dialog')).toBeVisible();
        await page.getByTestId('admin-lock-dialog').getByTestId('lock-reason').fill('停职检查');
      },
      async () => {
        await page.getByTestId('admin-lock-dialog').getByTestId('dialog-cancel').click();
        await expect(page.getByTestId('admin-lock-dialog')).toBeHidden();
      },
    );
    await page.keyboard.press('l');
    const lock = page.getByTestId('admin-lock-dialog');
    await expect(lock.getByTestId('lock-reason')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(lock).toContainText('原因需 2–200 字');
    await page.keyboard.type('停职检查');
    await page.keyboard.press('Enter');
    await expect(lock).toBeHidden();
    await expect(cell(page, '100005', 'state')).toContainText('起锁定');
    await expect(page.getByTestId('admin-unlock')).toBeVisible();
    await expect(page.getByTestId('admin-locked-count')).toHaveText('已锁定 1 名');
    await page.getByTestId('admin-state-filter').click();
    await page.getByRole('option', { name: '已锁定' }).click();
    await expect.poll(() => badgesShown(page)).toEqual(['100005']);
    await shot(page, 'admin-list-locked-1366x768-zh-CN');
    const lockAudit = readExchangeDb(exchange(), (db) => db.prepare("SELECT detail FROM audit WHERE action = 'officer_lock'").all() as { detail: string }[]);
    expect(lockAudit.map((r) => JSON.parse(r.detail))).toContainEqual(expect.objectContaining({ badge: '100005', reason: '停职检查' }));

    // the locked clerk's login is refused with the administrator-lock message
    await logOut(page);
    await page.getByTestId('login-badge').fill('100005');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByRole('alert')).toHaveText('账号已被管理员停用，请联系管理员。');
    await shot(page, 'admin-locked-login-1366x768-zh-CN');

    // the admin unlocks (no reason needed), and the clerk gets in again
    await signInAgain(page, ADMIN);
    await openRoster(page);
    await selectOfficer(page, '100005');
    await screensAt(
      page,
      'admin-unlock-dialog',
      async () => {
        await page.keyboard.press('l');
        await expect(page.getByTestId('admin-unlock-dialog')).toBeVisible();
      },
      async () => {
        await page.getByTestId('admin-unlock-dialog').getByTestId('dialog-cancel').click();
        await expect(page.getByTestId('admin-unlock-dialog')).toBeHidden();
      },
    );
    await page.keyboard.press('l');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('admin-unlock-dialog')).toBeHidden();
    await expect(cell(page, '100005', 'state')).toHaveText('正常');
    await expect(page.getByTestId('admin-lock')).toBeVisible();

    // reset the password (P, Enter): a new one shown once, in English this time
    await screensAt(
      page,
      'admin-reset-dialog',
      async () => {
        await page.keyboard.press('p');
        await expect(page.getByTestId('admin-reset-dialog')).toBeVisible();
      },
      async () => {
        await page.getByTestId('admin-reset-dialog').getByTestId('dialog-cancel').click();
        await expect(page.getByTestId('admin-reset-dialog')).toBeHidden();
      },
    );
    await page.getByTestId('lang-switch').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('p');
    await expect(page.getByTestId('admin-reset-dialog')).toContainText('Generate a new password for');
    await page.keyboard.press('Enter');
    const pw = page.getByTestId('admin-password-dialog');
    await expect(pw).toHaveAttribute('data-kind', 'reset');
    await expect(pw).toContainText('This password is shown only once');
    const password = (await pw.getByTestId('admin-password-value').textContent())?.trim() ?? '';
    expect(password).not.toBe(DEMO_PASSWORD);
    await quietNotices(page);
    await shot(page, 'admin-password-reset-1366x768-en');
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'admin-password-reset-1440x900-en');
    await page.setViewportSize({ width: 1366, height: 768 });
    await pw.getByTestId('admin-password-close').click();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('option', { name: '中文' }).click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // change the unit (A): Zhengzhou city → Zhongyuan district, with a reason
    await screensAt(
      page,
      'admin-assign-dialog',
      async () => {
        await page.keyboard.press('a');
        const d = page.getByTestId('admin-assign-dialog');
        await expect(d).toBeVisible();
        await chooseUnit(d, 'assign-unit', '中原', '410102');
        await d.getByTestId('assign-reason').fill('交流任职');
      },
      async () => {
        await page.getByTestId('admin-assign-dialog').getByTestId('dialog-cancel').click();
        await expect(page.getByTestId('admin-assign-dialog')).toBeHidden();
      },
    );
    await page.keyboard.press('a');
    const assign = page.getByTestId('admin-assign-dialog');
    await expect(assign.getByTestId('assign-unchanged')).toHaveText('岗位和单位均未改变');
    await expect(assign.getByTestId('dialog-confirm')).toBeDisabled();
    await chooseUnit(assign, 'assign-unit', '中原', '410102');
    await expect(assign).toContainText('登录会话立即结束');
    await inputOf(assign.getByTestId('assign-reason')).fill('交流任职');
    await assign.getByTestId('dialog-confirm').click();
    await expect(assign).toBeHidden();
    await expect(cell(page, '100005', 'unitCode')).toHaveText('410102');
    await expect(cell(page, '100005', 'unit')).toHaveText('郑州市公安局中原区分局');
    await quietNotices(page);
    await shot(page, 'admin-list-after-1366x768-zh-CN');

    // the old password is gone, the new one signs the clerk in at the new unit
    await logOut(page);
    await page.getByTestId('login-badge').fill('100005');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByRole('alert')).toHaveText('警号或密码错误。');
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('officer-unit')).toContainText('中原区分局');
  });
});
