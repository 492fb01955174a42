import type { Page } from '@playwright/test';
import type { ItemDetail, ItemRow } from '#shared/contract/bridge';
import type { Tip, WorkItem } from '#shared/domain/items';
import { FRAUD_ONGOING, KTV_BORDERLINE, KTV_FIRE_EXIT, KTV_PARAPHRASES, KTV_PRIMARY, SHOWCASE_REPORTER_CODE } from '#server/seed/tipShowcase';
import {
  bridgeCall,
  cellOf,
  expect,
  exchangeItem,
  feedItems,
  gridLayoutProblems,
  idCells,
  LAYOUTS,
  openItem,
  outboundOf,
  postTipFollowUp,
  queueCount,
  readExchangeDb,
  rowOf,
  screensAt,
  shot,
  signIn,
  switchLanguage,
  test,
  useDemoExchange,
  waitForQueue,
  waitSynced,
  type ConsoleHandle,
} from './fixtures';

/**
 * The intelligence officer's tip triage (issue 8) as 100003 (Zhengzhou) works it against a real
 * demo exchange and its showcase tips (server/seed/tipShowcase.ts): the money-still-moving fraud
 * tip on top and claimed with N, routed with U Enter; the KTV group — two paraphrases linked into
 * the primary, the bar next door marked not a duplicate, the group routed and a case opened as one,
 * every reporter told; a reply and the reporter's follow-up; an audited reveal; bulk route and
 * close; where tips cluster; and a clerk's console that never holds a tip. Screens at 1366×768 and
 * 1440×900 in Chinese and English.
 */
const exchange = useDemoExchange();
const INTEL = '100003';
const CLERK = '100001';

const isTip = (i: WorkItem): i is Tip => i.kind === 'tip';
async function tips(badge = INTEL): Promise<Tip[]> {
  return (await feedItems(exchange().url, badge)).filter(isTip);
}
async function tipOnExchange(id: string): Promise<Tip> {
  return (await exchangeItem(exchange().url, INTEL, id)) as Tip;
}
function byContent(all: readonly Tip[], content: string): Tip {
  const found = all.find((t) => t.data.content === content);
  if (!found) throw new Error(`no showcase tip “${content.slice(0, 20)}…” in the demo data (server/seed/tipShowcase.ts)`);
  return found;
}

async function openTips(page: Page, console_: ConsoleHandle): Promise<void> {
  await signIn(page, console_, INTEL);
  await expect(page.getByTestId('workspace-tip')).toBeVisible();
  await waitForQueue(page);
}

const candidate = (page: Page, id: string) => page.getByTestId(`candidate-${id}`);

/** Closes the toasts, so a screen in the other language shows none of this one's words. */
async function quietNotices(page: Page): Promise<void> {
  for (const close of await page.getByTestId('notice').getByRole('button').all()) await close.click().catch(() => undefined);
  await expect(page.getByTestId('notice')).toHaveCount(0);
}

test.describe('the intelligence officer’s tip triage', () => {
  test('sees the ongoing-transfer fraud tip on top, claims it with N and routes it with U Enter; the queue fits at both sizes', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTips(page, console_);
    const fraud = byContent(await tips(), FRAUD_ONGOING.content);
    expect(fraud.data.urgency.level).toBe('critical');

    await expect(page.getByTestId('view-urgent')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await idCells(page).first().textContent())?.trim()).toBe(fraud.id);
    await expect(cellOf(page, fraud.id, 'urgency').getByTestId('row-urgency')).toHaveAttribute('data-level', 'critical');
    await expect(cellOf(page, fraud.id, 'urgency')).toContainText('资金正在转出');
    // every urgent row is a new tip of level high or critical, most urgent first
    const levels = await page.getByTestId('queue-grid').getByTestId('row-urgency').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(levels.every((l) => l === 'critical' || l === 'high')).toBe(true);
    expect(levels.indexOf('high') === -1 || levels.lastIndexOf('critical') < levels.indexOf('high')).toBe(true);

    for (const lang of ['zh-CN', 'en'] as const) {
      await switchLanguage(page, lang);
      for (const [w, h] of LAYOUTS) {
        await page.setViewportSize({ width: w, height: h });
        await expect.poll(() => gridLayoutProblems(page), { message: `queue layout at ${w}×${h} ${lang}` }).toEqual([]);
        await shot(page, `tips-queue-${w}x${h}-${lang}`);
      }
    }
    await switchLanguage(page, 'zh-CN');
    await page.setViewportSize({ width: 1366, height: 768 });

    let keys = 0;
    const press = async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    };
    await press('n');
    await expect(page.getByTestId('review-item-id')).toHaveText(fraud.id);
    await expect(page.getByTestId('review-claimed-by-name')).toHaveText('你');
    await expect(page.getByTestId('tip-content').locator('[data-testid="signal-word"][data-group="money_moving"]').first()).toBeVisible();
    await expect(page.getByTestId('tip-reasons').locator('[data-code="keyword:money_moving"]')).toContainText('资金正在转出');
    await quietNotices(page);
    await screensAt(page, 'tips-pane-fraud');

    await press('u');
    const dialog = page.getByTestId('route-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('route-unit')).toHaveValue(/反电信网络诈骗中心/);
    await expect(dialog.getByTestId('route-hours')).toHaveValue('2');
    await shot(page, 'tips-route-dialog');
    await press('Enter');
    await expect(dialog).toBeHidden();
    expect(keys).toBe(3);
    await expect(page.getByTestId('review-status')).toContainText('已流转');
    await waitSynced(page);
    const routed = await tipOnExchange(fraud.id);
    expect(routed).toMatchObject({ status: 'routed', data: { routedTo: '41010096' } });
    expect(Date.parse(routed.dueAt!) - Date.parse(routed.data.routedAt!)).toBe(2 * 3_600_000);
    // routed within the jurisdiction, it stays with the officer: "routed by me", with its deadline
    await page.getByTestId('view-routed-by-me').click();
    await expect(cellOf(page, fraud.id, 'routedTo')).toContainText('反电信网络诈骗中心');
    await expect(cellOf(page, fraud.id, 'dueAt').getByTestId('row-deadline')).toBeVisible();

    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts-overlay');
    await expect(overlay).toBeVisible();
    for (const label of ['流转', '研判', '标记重复', '不是重复', '立案', '办结', '回复', '查看举报人', '批量流转', '批量办结']) await expect(overlay).toContainText(label);
    await shot(page, 'tips-shortcuts');
    await page.keyboard.press('Escape');
    await expect(overlay).toBeHidden();
  });

  test('links the KTV paraphrases into the primary, marks the bar next door not a duplicate, routes the group, opens a case, replies; the follow-up and an audited reveal', async ({ page, consoles }) => {
    const all = await tips();
    const primary = byContent(all, KTV_PRIMARY);
    const paraphrases = KTV_PARAPHRASES.map((c) => byContent(all, c));
    const borderline = byContent(all, KTV_BORDERLINE);
    const fireExit = byContent(all, KTV_FIRE_EXIT);
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTips(page, console_);

    await openItem(page, primary.id);
    await page.keyboard.press('c');
    await expect(page.getByTestId('action-release')).toBeEnabled();
    // the newer reports hold the candidate (computed at their intake) and point at the primary
    for (const p of paraphrases) await expect(candidate(page, p.id)).toHaveAttribute('data-direction', 'proposes');
    await expect(candidate(page, borderline.id)).toBeVisible();
    await expect(candidate(page, fireExit.id)).toHaveCount(0);
    await expect(candidate(page, paraphrases[0]!.id).getByTestId('candidate-reasons')).not.toBeEmpty();
    await expect(candidate(page, paraphrases[0]!.id).getByTestId('candidate-side-by-side')).toBeVisible();
    await quietNotices(page);
    await screensAt(page, 'tips-candidates', async () => {
      await page.getByTestId('candidates-section').scrollIntoViewIfNeeded();
    });

    for (const p of paraphrases) {
      await page.getByTestId(`action-link-into-${p.id}`).click();
      await expect(candidate(page, p.id)).toHaveAttribute('data-linked', 'true');
    }
    await page.getByTestId(`action-not-duplicate-${borderline.id}`).click();
    const notDup = page.getByTestId('not-duplicate-dialog');
    await expect(notDup).toBeVisible();
    await expect(notDup.getByTestId(`choice-${borderline.id}`)).toBeChecked();
    await notDup.getByTestId('dialog-confirm').click();
    await expect(notDup).toBeHidden();
    await expect(candidate(page, borderline.id)).toHaveCount(0);
    await expect(page.getByTestId('group')).toHaveAttribute('data-size', '3');
    await waitSynced(page);
    for (const p of paraphrases) expect(await tipOnExchange(p.id)).toMatchObject({ status: 'duplicate', data: { duplicateOf: primary.id } });
    expect((await tipOnExchange(primary.id)).data.notDuplicates).toContain(borderline.id);

    // the group is routed as one (the vice tip's usual unit: the public order division) …
    await page.keyboard.press('u');
    await expect(page.getByTestId('route-dialog').getByTestId('route-unit')).toHaveValue(/治安管理支队/);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('route-dialog')).toBeHidden();
    await waitSynced(page);
    for (const t of [primary, ...paraphrases]) {
      await expect.poll(async () => (await tipOnExchange(t.id)).data.routedTo, { timeout: 30_000 }).toBe('41010093');
    }
    // … and gets its case as one
    await page.keyboard.press('a');
    const caseDialog = page.getByTestId('open-case-dialog');
    await caseDialog.getByTestId('case-number').fill('a4101052026110088');
    await expect(caseDialog.getByTestId('case-number')).toHaveValue('A4101052026110088');
    await page.keyboard.press('Enter');
    await expect(caseDialog).toBeHidden();
    await expect(page.getByTestId('record-case')).toContainText('A4101052026110088');
    await waitSynced(page);
    for (const t of [primary, ...paraphrases]) {
      await expect.poll(async () => (await tipOnExchange(t.id)).data.caseNumber, { timeout: 30_000 }).toBe('A4101052026110088');
    }
    // every reporter of the group hears the outcome
    for (const t of paraphrases) {
      await expect.poll(async () => (await outboundOf(exchange(), t.id)).filter((n) => n.event === 'tip_outcome').length, { timeout: 30_000 }).toBeGreaterThan(0);
    }

    const reply = '您好，您反映的情况已转交治安部门立案调查，感谢您的举报。';
    await page.getByTestId('reply-text').fill(reply);
    await page.getByTestId('reply-send').click();
    await expect(page.getByTestId('messages').getByTestId('message').filter({ hasText: reply })).toHaveAttribute('data-from', 'officer');
    await waitSynced(page);
    await expect.poll(async () => (await outboundOf(exchange(), primary.id)).some((n) => n.event === 'tip_reply' && n.text === reply)).toBe(true);

    const followUp = '补充：今晚十点左右三楼最里面的包间又有人在交易。';
    expect(await postTipFollowUp(exchange(), primary.id, SHOWCASE_REPORTER_CODE, followUp)).toBe(200);
    await expect(page.getByTestId('messages').getByTestId('message').filter({ hasText: followUp })).toHaveAttribute('data-from', 'reporter', { timeout: 30_000 });
    await quietNotices(page);
    await screensAt(page, 'tips-thread', async () => {
      await page.getByTestId('messages').scrollIntoViewIfNeeded();
    });

    await page.keyboard.press('v');
    const reveal = page.getByTestId('reveal-dialog');
    await expect(reveal).toBeVisible();
    const reason = '回访举报人核实情况';
    await reveal.getByTestId('reveal-reason').fill(reason);
    await reveal.getByTestId('dialog-confirm').click();
    await expect(reveal.getByTestId('reveal-value')).toContainText('赵红霞');
    await reveal.getByTestId('dialog-cancel').click();
    const audited = readExchangeDb(exchange(), (db) =>
      db.prepare("SELECT actor, json_extract(detail, '$.field') AS field, json_extract(detail, '$.reason') AS reason FROM audit WHERE action = 'reveal' AND item_id = ?").all(primary.id),
    );
    expect(audited).toEqual([{ actor: INTEL, field: 'reporter', reason }]);
    // the cache never held the clear identity
    expect(JSON.stringify(await bridgeCall<ItemDetail>(console_, 'items.get', { id: primary.id }))).not.toContain('赵红霞');
  });

  test('routes and closes several ticked tips at once, claiming each, and shows an overdue routed tip as overdue', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openTips(page, console_);
    const now = Date.now();
    const overdue = (await tips()).filter((t) => t.status === 'routed' && t.dueAt !== null && Date.parse(t.dueAt) < now);
    expect(overdue.length, 'the demo replays routings whose deadline has passed').toBeGreaterThan(0);
    await page.getByTestId('view-overdue').click();
    await expect.poll(() => queueCount(page)).toBe(overdue.length);
    await expect(cellOf(page, overdue[0]!.id, 'dueAt').getByTestId('row-overdue')).toBeVisible();

    // four new tips nobody holds, from the new view as the officer sees it
    await page.getByTestId('view-new').click();
    await expect.poll(() => queueCount(page)).toBeGreaterThan(8);
    const free = new Set((await tips()).filter((t) => t.status === 'new' && t.claimedBy === null && !t.data.duplicateOf).map((t) => t.id));
    const shown = (await idCells(page).allTextContents()).map((s) => s.trim()).filter((id) => free.has(id));
    const [a, b, c, d] = shown.slice(-4);
    expect(d).toBeDefined();
    const tick = (id: string) => rowOf(page, id).locator('[col-id="ag-Grid-SelectionColumn"] input').check();
    await tick(a!);
    await tick(b!);
    await expect(page.getByTestId('bulk-count')).toContainText('2');
    await shot(page, 'tips-bulk-bar');
    await page.keyboard.press('u');
    const route = page.getByTestId('bulk-route-dialog');
    await expect(route).toBeVisible();
    await route.getByTestId('route-unit').fill('经八路');
    await page.getByRole('option', { name: /经八路派出所/ }).click();
    await route.getByTestId('dialog-confirm').click();
    await expect(route.getByTestId('bulk-summary')).toHaveAttribute('data-done', '2');
    await route.getByTestId('dialog-cancel').click();

    await tick(c!);
    await tick(d!);
    await page.keyboard.press('x');
    const close = page.getByTestId('bulk-close-dialog');
    await expect(close).toBeVisible();
    await close.getByTestId('dialog-confirm').click();
    await expect(close.getByTestId('bulk-summary')).toHaveAttribute('data-done', '2');
    await close.getByTestId('dialog-cancel').click();
    await waitSynced(page);
    for (const id of [a!, b!]) expect(await tipOnExchange(id)).toMatchObject({ status: 'routed', claimedBy: INTEL, data: { routedTo: '41010501' } });
    for (const id of [c!, d!]) expect(await tipOnExchange(id)).toMatchObject({ status: 'closed', data: { closure: { by: INTEL } } });
  });

  test('shows where tips cluster by district and category over 7, 30 or 90 days, from the cache', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTips(page, console_);
    const chart = page.getByTestId('tip-clusters');
    await expect(chart).toBeVisible();
    const totalFor = async (days: number) => {
      await page.getByTestId(`cluster-period-${days}`).click();
      await expect(page.getByTestId(`cluster-period-${days}`)).toHaveAttribute('aria-pressed', 'true');
      // the chart's own period (whole hours, at least `days` days back): the cache's count over it
      const from = await chart.getAttribute('data-from');
      const to = await chart.getAttribute('data-to');
      expect(Date.parse(to!) - Date.parse(from!)).toBe((days * 24 + 1) * 3_600_000);
      expect(Date.parse(from!)).toBeLessThanOrEqual(Date.now() - days * 86_400_000);
      const filters = [
        { col: 'submittedAt', op: 'after', value: from },
        { col: 'submittedAt', op: 'before', value: to },
      ];
      const cached = await bridgeCall<{ rows: ItemRow[]; total: number }>(console_, 'items.query', { kind: 'tip', filters, limit: 1 });
      await expect.poll(async () => Number(await chart.getAttribute('data-total'))).toBe(cached.total);
      return cached.total;
    };
    expect(await totalFor(30)).toBeGreaterThan(0);
    expect(await totalFor(7)).toBeLessThanOrEqual(await totalFor(90));
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await screensAt(page, 'tips-chart', async () => {
      await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    });
  });

  test('a clerk’s console never receives a tip: not in the cache, not in the queue, not in the sidebar', async ({ page, consoles }) => {
    expect((await feedItems(exchange().url, CLERK)).some(isTip)).toBe(false);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, CLERK);
    await waitForQueue(page);
    await expect(page.getByTestId('nav-tips')).toHaveCount(0);
    expect((await bridgeCall<{ rows: ItemRow[] }>(console_, 'items.list', { kind: 'tip', sinceRev: 0 })).rows).toEqual([]);
    expect((await bridgeCall<{ total: number }>(console_, 'items.query', { kind: 'tip' })).total).toBe(0);
    expect((await bridgeCall<{ rows: unknown[] }>(console_, 'tips.clusters', { from: '2020-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' })).rows).toEqual([]);
    await page.evaluate(() => {
      window.location.hash = '#/tips';
    });
    await expect(page.getByTestId('workspace-tip')).toHaveCount(0);
  });
});
