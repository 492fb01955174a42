import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { Application, WorkItem } from '#shared/domain/items';
import { covers } from '#shared/domain/units';
import { bridgeCall, expect, feedItems, partitionable, readExchangeDb, ROOT, SCREENS_DIR, screensAt, shot, signIn, test, useDemoExchange, type ConsoleHandle } from './fixtures';

/**
 * The supervisors' dashboards (issue 10) as 100004 (Zhengzhou) reads them against a real demo
 * exchange: the timely-handling rate shown equals the test's own count over the exchange's items
 * for the same period (this week, last week, one district chosen with the keyboard), units and
 * officers lowest first, the overdue list equal to the items past their deadline and a click on
 * one opening it in the application review, and the weekly report downloaded as PDF (its text
 * through pdftotext) and XLSX (read back with exceljs), each audited on the exchange. Screens of
 * every section at 1366×768 and 1440×900 in Chinese and English, and the report's first page.
 */
const exchange = useDemoExchange();
const SUPERVISOR = '100004';
const DOWNLOADS = path.join(ROOT, 'test-results', 'downloads');

const isApplication = (i: WorkItem): i is Application => i.kind === 'application';

/** The test's own figure: decided in [from, to) at or before the deadline ÷ decided in [from, to). */
function timelyOf(items: readonly WorkItem[], from: string, to: string, unit = '410100'): { decided: number; onTime: number; text: string } {
  const [lo, hi] = [Date.parse(from), Date.parse(to)];
  const decided = items.filter(isApplication).filter((a) => {
    const at = a.data.decision ? Date.parse(a.data.decision.decidedAt) : NaN;
    return at >= lo && at < hi && covers(unit, a.unitCode);
  });
  const onTime = decided.filter((a) => a.dueAt !== null && Date.parse(a.data.decision!.decidedAt) <= Date.parse(a.dueAt)).length;
  return { decided: decided.length, onTime, text: decided.length === 0 ? '—' : `${((onTime / decided.length) * 100).toFixed(1)}%` };
}

async function periodOf(page: Page): Promise<{ from: string; to: string }> {
  const el = page.getByTestId('dashboard-period');
  return { from: (await el.getAttribute('data-from'))!, to: (await el.getAttribute('data-to'))! };
}

/** Until the headline shows the figures of the period and unit on screen (not the previous ones). */
async function figuresLoaded(page: Page, unit: string): Promise<{ from: string; to: string }> {
  const period = await periodOf(page);
  const headline = page.getByTestId('dashboard-headline');
  await expect(headline).toHaveAttribute('data-unit', unit);
  await expect(headline).toHaveAttribute('data-from', period.from);
  await expect(headline).toHaveAttribute('data-to', period.to);
  await expect(headline).not.toHaveAttribute('data-loading', 'true');
  return period;
}

async function openDashboard(page: Page, console_: ConsoleHandle): Promise<void> {
  await signIn(page, console_, SUPERVISOR);
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-page')).toBeVisible();
  await figuresLoaded(page, '410100');
}

/** Saves a download under test-results/downloads by the name the exchange gave it. */
async function keep(download: Download): Promise<string> {
  mkdirSync(DOWNLOADS, { recursive: true });
  const file = path.join(DOWNLOADS, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

test.describe('the supervisor’s dashboards', () => {
  test('show the timely-handling rate the exchange’s items give for each period and unit, units and officers lowest first', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openDashboard(page, console_);
    const items = await feedItems(exchange().url, SUPERVISOR);

    // this week (the default): Monday 00:00 Shanghai to the end of today
    await expect(page.getByTestId('period-this_week')).toHaveAttribute('aria-pressed', 'true');
    let period = await figuresLoaded(page, '410100');
    const monday = new Date(Date.parse(period.from) + 8 * 3600_000);
    expect([monday.getUTCDay(), monday.getUTCHours(), monday.getUTCMinutes()]).toEqual([1, 0, 0]);
    let mine = timelyOf(items, period.from, period.to);
    await expect(page.getByTestId('timely-rate')).toHaveText(mine.text);
    await expect(page.getByTestId('decided-count')).toHaveText(String(mine.decided));

    // last week, chosen with the keyboard
    await page.getByTestId('period-last_week').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('period-last_week')).toHaveAttribute('aria-pressed', 'true');
    period = await figuresLoaded(page, '410100');
    expect(Date.parse(period.to) - Date.parse(period.from)).toBe(7 * 86_400_000);
    mine = timelyOf(items, period.from, period.to);
    expect(mine.decided, 'the demo data has decisions last week').toBeGreaterThan(10);
    await expect(page.getByTestId('timely-rate')).toHaveText(mine.text);

    // units and officers: each row the test's own figure, lowest first
    const unitRates = page.getByTestId('timely-unit').locator('[data-testid^="timely-unit-rate-"]');
    await expect(unitRates.first()).toBeVisible();
    const rates = (await unitRates.allTextContents()).map((t) => (t === '—' ? Infinity : parseFloat(t)));
    expect(rates.length).toBeGreaterThan(1);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    await expect(page.getByTestId('timely-unit-rate-410105')).toHaveText(timelyOf(items, period.from, period.to, '410105').text);
    const officerRates = (await page.getByTestId('timely-officer').locator('[data-testid^="timely-officer-rate-"]').allTextContents()).map(parseFloat);
    expect(officerRates).toEqual([...officerRates].sort((a, b) => a - b));
    const byClerk = items.filter(isApplication).filter((a) => a.data.decision?.decidedBy === '100001');
    const clerk = timelyOf(byClerk, period.from, period.to);
    await expect(page.getByTestId('timely-officer-rate-100001')).toHaveText(clerk.text);

    // one district, picked with the keyboard from the jurisdiction
    const unitInput = page.getByTestId('dashboard-unit');
    await unitInput.focus();
    await unitInput.fill('金水区');
    await expect(page.getByTestId('unit-option-410105')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(unitInput).toHaveValue('郑州市公安局金水区分局');
    period = await figuresLoaded(page, '410105');
    await expect(page.getByTestId('timely-rate')).toHaveText(timelyOf(items, period.from, period.to, '410105').text);
    await expect(page.getByTestId('dashboard-unit-name')).toHaveText('郑州市公安局金水区分局');

    // a custom range refused in words, then applied
    await page.getByTestId('period-custom').click();
    await page.getByTestId('custom-from').fill('2026-11-20');
    await page.getByTestId('custom-to').fill('2026-11-10');
    await page.getByTestId('custom-to').press('Enter');
    await expect(page.getByTestId('custom-problem')).toHaveText('结束日期不能早于开始日期');
    const last = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const first = new Date(Date.now() + 8 * 3600_000 - 13 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('custom-from').fill(first);
    await page.getByTestId('custom-to').fill(last);
    await page.getByTestId('custom-apply').click();
    await expect(page.getByTestId('custom-problem')).toHaveCount(0);
    await expect(page.getByTestId('dashboard-period')).toHaveAttribute('data-from', new Date(Date.parse(`${first}T00:00:00+08:00`)).toISOString());
    period = await figuresLoaded(page, '410105');
    await expect(page.getByTestId('timely-rate')).toHaveText(timelyOf(items, period.from, period.to, '410105').text);
    await expect(page.getByTestId('volume-chart')).toHaveAttribute('data-buckets', '14');
  });

  test('lists the overdue applications the exchange holds and opens one in the application review', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openDashboard(page, console_);
    const now = Date.now();
    const overdue = (await feedItems(exchange().url, SUPERVISOR))
      .filter(isApplication)
      .filter((a) => a.status === 'submitted' && a.dueAt !== null && Date.parse(a.dueAt) < now)
      .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!) || a.id.localeCompare(b.id));
    expect(overdue.length, 'the demo data has overdue applications').toBeGreaterThan(3);

    // the exchange's own count and the cache's list agree with the items
    await expect(page.getByTestId('overdue-open')).toHaveText(String(overdue.length));
    await expect(page.getByTestId('overdue-count')).toHaveAttribute('data-count', String(overdue.length), { timeout: 60_000 });
    const listed = await page.getByTestId('section-overdue').locator('[data-testid^="overdue-item-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('overdue-item-', '')));
    expect(new Set(listed)).toEqual(new Set(overdue.map((a) => a.id)));
    const dues = listed.map((id) => overdue.find((a) => a.id === id)!.dueAt!);
    expect(dues).toEqual([...dues].sort());

    // the latest of them, clicked: the application review opens on it
    const target = overdue.at(-1)!;
    await page.getByTestId(`overdue-item-${target.id}`).click();
    await expect(page.getByTestId('review-item-id')).toHaveText(target.id);
    await expect(page.getByTestId('nav-applications')).toHaveAttribute('aria-current', 'page');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/applications');

    // back on the dashboard, the first one opened with Enter
    await page.getByTestId('nav-dashboard').click();
    const first = page.getByTestId(`overdue-item-${overdue[0]!.id}`);
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('review-item-id')).toHaveText(overdue[0]!.id);
  });

  test('downloads the weekly report as PDF and XLSX with the unit and the week’s timely rate, each audited', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openDashboard(page, console_);
    const items = await feedItems(exchange().url, SUPERVISOR);

    const week = page.getByTestId('report-week');
    const weekId = (await week.getAttribute('data-week'))!;
    const from = (await week.getAttribute('data-from'))!;
    const to = (await week.getAttribute('data-to'))!;
    expect(Date.parse(to) - Date.parse(from)).toBe(7 * 86_400_000);
    const mine = timelyOf(items, from, to);
    expect(mine.decided).toBeGreaterThan(0);

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    expect(pdfDownload.suggestedFilename()).toBe(`weekly-410100-${weekId}.pdf`);
    const pdf = await keep(pdfDownload);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('郑州市公安局“互联网+”警务工作周报');
    expect(text).toContain(`第${Number(weekId.slice(6))}周`);
    expect(text).toMatch(new RegExp(`及时办件率\\s+${mine.text.replace('.', '\\.')}`));
    expect(text).toMatch(new RegExp(`申请办结\\s+${mine.decided}\\s`));
    await expect(page.getByTestId('notice')).toContainText(`weekly-410100-${weekId}.pdf`);

    // the first page, to look at
    mkdirSync(SCREENS_DIR, { recursive: true });
    const prefix = path.join(SCREENS_DIR, 'dashboard-weekly-report');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, prefix]);
    renameSync(`${prefix}-1.png`, `${prefix}.png`);

    // the XLSX, chosen with the keyboard
    await page.getByTestId('report-xlsx').focus();
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(xlsxDownload.suggestedFilename()).toBe(`weekly-410100-${weekId}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await keep(xlsxDownload)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('主要指标')!;
    expect(sheet.getCell('A1').value).toBe('郑州市公安局“互联网+”警务工作周报');
    const headline = new Map<unknown, unknown>();
    sheet.eachRow((row) => headline.set(row.getCell(1).value, row.getCell(2).value));
    expect(headline.get('及时办件率')).toBe(mine.text);
    expect(headline.get('申请办结')).toBe(mine.decided);
    expect(headline.get('按期办结')).toBe(mine.onTime);

    const audited = readExchangeDb(exchange(), (db) =>
      (db.prepare("SELECT actor, detail FROM audit WHERE action = 'report_weekly' ORDER BY seq DESC LIMIT 2").all() as { actor: string; detail: string }[]).map((r) => ({ actor: r.actor, ...(JSON.parse(r.detail) as object) })),
    );
    expect(audited).toMatchObject([
      { actor: SUPERVISOR, unit: '410100', week: weekId, format: 'xlsx' },
      { actor: SUPERVISOR, unit: '410100', week: weekId, format: 'pdf' },
    ]);
  });

  test('offline: says the figures need the network, keeps the overdue list from the cache, and the core refuses with offline', async ({ page, consoles }) => {
    const partition = await partitionable(() => exchange().port);
    try {
      const console_ = await consoles.start(partition.url);
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, console_, SUPERVISOR);
      // what the exchange refuses comes back with its code: another city, a week that is none
      await expect(bridgeCall(console_, 'stats.get', { unit: '410300', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).rejects.toThrow(/^stats\.get: forbidden /);
      await expect(bridgeCall(console_, 'reports.weekly', { week: '2026-W60', format: 'pdf' })).rejects.toThrow(/^reports\.weekly: invalid /);
      await expect.poll(async () => (await bridgeCall<{ rows: unknown[] }>(console_, 'items.query', { kind: 'application', view: 'overdue' })).rows.length, { timeout: 60_000 }).toBeGreaterThan(0);

      partition.cut();
      await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 30_000 });
      await page.getByTestId('nav-dashboard').click();
      await expect(page.getByTestId('dashboard-offline')).toBeVisible();
      await expect(page.getByTestId('timely-rate')).toHaveText('—');
      await expect(page.getByTestId('report-pdf')).toBeDisabled();
      await expect(page.getByTestId('report-xlsx')).toBeDisabled();
      await expect(page.getByTestId('overdue-count')).toBeVisible();
      expect(Number(await page.getByTestId('overdue-count').getAttribute('data-count'))).toBeGreaterThan(0);
      await expect(bridgeCall(console_, 'stats.services', { month: '2026-11' })).rejects.toThrow(/^stats\.services: offline 无法连接交换平台/);
      await shot(page, 'dashboard-offline-1366x768-zh-CN');

      // back online: the figures come
      partition.heal();
      await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 60_000 });
      await figuresLoaded(page, '410100');
      await expect(page.getByTestId('timely-rate')).toHaveText(/^(\d+\.\d%|—)$/);
      await expect(page.getByTestId('report-pdf')).toBeEnabled();
    } finally {
      await partition.close();
    }
  });

  test('every section at both sizes in both languages', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openDashboard(page, console_);
    await expect(page.getByTestId('overdue-count')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('volume-chart')).toBeVisible();
    await expect(page.getByTestId('services-table')).toBeVisible();
    await screensAt(page, 'dashboard-top', async () => {
      await page.getByTestId('dashboard-page').evaluate((el) => el.scrollTo(0, 0));
    });
    for (const section of ['volume', 'timely', 'overdue', 'clearance', 'tips', 'satisfaction', 'services']) {
      await screensAt(page, `dashboard-${section}`, async () => {
        await page.getByTestId(`section-${section}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        // nothing of a section sticks out of its card or the page sideways
        expect(await page.getByTestId('dashboard-page').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      });
    }
  });
});
