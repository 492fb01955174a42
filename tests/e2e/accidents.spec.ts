import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { ItemDetail } from '#shared/contract/bridge';
import type { AccidentCase, FindingCode, WorkItem } from '#shared/domain/items';
import { isTerminal } from '#shared/domain/status';
import { proposeLiability } from '#shared/rules/liability';
import { missingPhotos, quickProcedureExclusions } from '#shared/rules/quickProcedure';
import {
  bridgeCall,
  cellOf,
  chooseLanguage,
  expect,
  exchangeItem,
  feedItems,
  gridLayoutProblems,
  openItem,
  pendingCount,
  queueCount,
  searchQueue,
  SCREENS_DIR,
  sendCommand,
  shot,
  signIn,
  test,
  useDemoExchange,
  waitForQueue,
  waitSynced,
  type ConsoleHandle,
} from './fixtures';

/**
 * The traffic officer's accident review (issue 7) as 100002 (Zhengzhou) works it, against a real
 * demo exchange: the queue from the cache, the keyboard path through a standard case (counted),
 * an excluded case referred, a case missing a photo returned to the parties, an offline
 * determination and its PDF, each forensics finding with its evidence, the viewer's tools, and
 * nothing of Luoyang. Screens at 1366×768 and 1440×900, in Chinese and English.
 */
const exchange = useDemoExchange();
const TRAFFIC = '100002';
/** A colleague who may hold Zhengzhou cases (a supervisor sees every kind): arranges the queue's head. */
const COLLEAGUE = '100004';

const isAccident = (i: WorkItem): i is AccidentCase => i.kind === 'accident';

async function accidents(badge = TRAFFIC): Promise<AccidentCase[]> {
  return (await feedItems(exchange().url, badge)).filter(isAccident);
}

/** What the exchange's attachment list says is missing (the feed's metadata), as the console core checks it. */
async function photosOf(console_: ConsoleHandle, id: string): Promise<ItemDetail['attachments']> {
  return (await bridgeCall<ItemDetail>(console_, 'items.get', { id })).attachments;
}

/** The queue's default order: reported first, then id (SQLite's binary order, as the core sorts). */
function queueOrder(a: WorkItem, b: WorkItem): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function workableFor(badge: string, nowMs: number) {
  return (i: WorkItem) => !isTerminal(i) && (i.claimedBy === null || i.claimedBy === badge || i.claimExpiresAt === null || Date.parse(i.claimExpiresAt) <= nowMs);
}

const taken = new Set<string>();
/** A case no other test of this file has used. */
function take<T extends AccidentCase>(list: readonly T[], what: string): T {
  const item = list.find((i) => !taken.has(i.id));
  if (!item) throw new Error(`no ${what} left in the demo data`);
  taken.add(item.id);
  return item;
}

const excluded = (i: AccidentCase) => quickProcedureExclusions({ parties: i.data.parties, declared: i.data.declared }).length > 0;
const openUnclaimed = (i: AccidentCase) => i.status === 'reported' && i.claimedBy === null;

/** Complete photos, no findings, no exclusion, a proposal from a listed situation: a standard case. */
async function isStandard(console_: ConsoleHandle, i: AccidentCase): Promise<boolean> {
  if (i.status !== 'reported' || i.data.findings.length > 0 || excluded(i) || proposeLiability(i.data.parties).scenario === null) return false;
  return missingPhotos(await photosOf(console_, i.id), i.data.parties.length).length === 0;
}

const LAYOUTS = [
  [1366, 768],
  [1440, 900],
] as const;

/**
 * Screens `name` at each layout in both languages (test-results/screens/<name>-<w>x<h>-<lang>.png),
 * `arrange` bringing the screen about each time (a dialog is opened after the language is set).
 */
async function screens(page: Page, name: string, arrange: () => Promise<void> = async () => undefined, leave: () => Promise<void> = async () => undefined): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await language(page, lang);
    for (const [w, h] of LAYOUTS) {
      await page.setViewportSize({ width: w, height: h });
      await arrange();
      await shot(page, `${name}-${w}x${h}-${lang}`);
      await leave();
    }
  }
  await language(page, 'zh-CN');
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The header's language switch, then the focus back on the page (its menu closed), so the workspace's keys work again. */
async function language(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await chooseLanguage(page, lang);
  await expect(page.locator('.MuiPopover-root')).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test.describe('the traffic officer’s accident review', () => {
  test('a Zhengzhou traffic officer sees the Zhengzhou cases to decide, oldest first, and never a Luoyang case', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await expect(page.getByTestId('workspace-accident')).toBeVisible();
    await waitForQueue(page);

    const zhengzhou = await accidents();
    const todo = zhengzhou.filter((i) => i.status === 'reported').sort(queueOrder);
    await expect(page.getByTestId('view-todo')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => queueCount(page)).toBe(todo.length);
    const shown = (await page.getByTestId('queue-grid').locator('[role="gridcell"][col-id="id"]').allTextContents()).map((s) => s.trim());
    expect(shown.slice(0, 5)).toEqual(todo.slice(0, 5).map((i) => i.id));
    for (const id of shown) expect(id).toMatch(/^ACC-4101\d{2}-\d+$/);
    // the photo columns come from the cache's metadata, through the triggers of migration 0070
    const first = todo[0]!;
    const lacking = missingPhotos(await photosOf(console_, first.id), first.data.parties.length);
    await expect(cellOf(page, first.id, 'missing').getByTestId(lacking.length === 0 ? 'row-photos-complete' : 'row-missing')).toBeVisible();
    await expect(cellOf(page, first.id, 'age').getByTestId('row-age')).toHaveAttribute('data-over-target', 'true');

    await page.getByTestId('view-all').click();
    await expect.poll(() => queueCount(page)).toBe(zhengzhou.length);
    const luoyang = await accidents('300002');
    expect(luoyang.length).toBeGreaterThan(0);
    for (const item of luoyang) expect(item.unitCode.startsWith('4103')).toBe(true);
    await page.getByTestId('quick-search').fill('ACC-4103');
    await expect.poll(() => queueCount(page)).toBe(0);
    for (const item of luoyang.slice(0, 3)) {
      await page.getByTestId('quick-search').fill(item.id);
      await expect.poll(() => queueCount(page)).toBe(0);
      await page.getByTestId('quick-search').fill(item.data.parties[0]!.plate);
      await expect.poll(() => queueCount(page)).toBe(0);
    }
    await page.getByTestId('quick-search').fill('');
    await page.getByTestId('view-todo').click();
    await expect.poll(() => queueCount(page)).toBe(todo.length);

    for (const lang of ['zh-CN', 'en'] as const) {
      await language(page, lang);
      for (const [w, h] of LAYOUTS) {
        await page.setViewportSize({ width: w, height: h });
        await expect.poll(() => gridLayoutProblems(page), { message: `queue layout at ${w}×${h} ${lang}` }).toEqual([]);
        await shot(page, `accidents-queue-${w}x${h}-${lang}`);
      }
    }
    await language(page, 'zh-CN');
  });

  test('clears a standard case from the queue with the keyboard alone: N, D, Enter', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await waitForQueue(page);

    // Arrange the head of the queue: a colleague holds every workable case ahead of the first
    // standard one, so N must skip them and claim the standard case.
    const todo = (await accidents()).filter((i) => i.status === 'reported').sort(queueOrder);
    const workable = todo.filter(workableFor(TRAFFIC, Date.now()));
    let targetAt = -1;
    for (let i = 0; i < workable.length && targetAt < 0; i++) if (!taken.has(workable[i]!.id) && (await isStandard(console_, workable[i]!))) targetAt = i;
    expect(targetAt).toBeGreaterThanOrEqual(0);
    const target = workable[targetAt]!;
    taken.add(target.id);
    for (const item of workable.slice(0, targetAt)) {
      if (item.claimedBy === TRAFFIC) expect((await sendCommand(exchange().url, TRAFFIC, item.id, 'release')).status).toBe('applied');
      expect((await sendCommand(exchange().url, COLLEAGUE, item.id, 'claim')).status).toBe('applied');
      taken.add(item.id);
    }
    for (const item of workable.slice(0, targetAt)) {
      await expect.poll(async () => (await bridgeCall<ItemDetail>(console_, 'items.get', { id: item.id })).item.claimedBy, { timeout: 30_000 }).toBe(COLLEAGUE);
    }
    const proposal = proposeLiability(target.data.parties);

    let keys = 0;
    const press = async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    };
    await press('n'); // the next case to decide, claimed
    await expect(page.getByTestId('review-item-id')).toHaveText(target.id);
    await expect(page.getByTestId('review-claimed-by-name')).toHaveText('你');
    await expect(page.getByTestId('photo-checklist')).toHaveAttribute('data-missing', '0');
    await expect(page.getByTestId('findings-none')).toBeVisible();
    await expect(page.getByTestId('action-determine')).toBeEnabled();
    await press('d'); // the determine dialog, the proposal preset
    const dialog = page.getByTestId('determine-dialog');
    await expect(dialog).toBeVisible();
    for (const [i, cls] of proposal.liabilities.entries()) await expect(dialog.getByTestId(`determine-party-${i}`)).toHaveAttribute('data-class', cls);
    await expect(dialog.getByTestId('dialog-confirm')).toBeEnabled();
    await shot(page, 'accidents-keyboard-determine');
    await press('Enter'); // determined
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('review-status')).toContainText('已认定');
    expect(keys).toBeLessThanOrEqual(4);
    expect(keys).toBe(3);

    await waitSynced(page);
    const onExchange = (await exchangeItem(exchange().url, TRAFFIC, target.id)) as AccidentCase;
    expect(onExchange.status).toBe('determined');
    expect(onExchange.data.determination).toMatchObject({ liabilities: proposal.liabilities, proposed: proposal.liabilities, scenario: proposal.scenario, overrideReason: null, decidedBy: TRAFFIC });
    await expect(page.getByTestId('liability-decision')).toBeVisible();
    await screens(page, 'accidents-liability-panel', async () => {
      await page.getByTestId('liability-panel').scrollIntoViewIfNeeded();
    });
  });

  test('refers a case the quick procedure excludes: determining is off, the reasons are filled in', async ({ page, consoles }) => {
    const item = take((await accidents()).filter((i) => openUnclaimed(i) && excluded(i)).sort(queueOrder), 'excluded case');
    const reasons = quickProcedureExclusions({ parties: item.data.parties, declared: item.data.declared });
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await waitForQueue(page);
    await openItem(page, item.id);
    await page.keyboard.press('c');
    await expect(page.getByTestId('action-release')).toBeEnabled();
    await expect(page.getByTestId('exclusions')).toBeVisible();
    await expect(page.getByTestId('action-determine')).toBeDisabled();
    await expect(page.getByTestId('action-reason-determine')).toContainText('不适用快处快赔');
    await expect(page.getByTestId('action-request-photos')).toBeDisabled();
    await screens(page, 'accidents-excluded');

    await page.keyboard.press('o');
    const dialog = page.getByTestId('refer-dialog');
    await expect(dialog).toBeVisible();
    for (const r of reasons) await expect(dialog.getByTestId(`refer-reason-${r}`)).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('review-status')).toContainText('已转现场处理');
    await waitSynced(page);
    const onExchange = (await exchangeItem(exchange().url, TRAFFIC, item.id)) as AccidentCase;
    expect(onExchange.status).toBe('referred');
    expect(onExchange.data.referral?.reasons).toEqual(reasons);
  });

  test('returns a case missing a photo to the parties, naming the photo, with an unusable one added', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await waitForQueue(page);
    const candidates: AccidentCase[] = [];
    for (const i of (await accidents()).filter((x) => openUnclaimed(x) && !excluded(x)).sort(queueOrder)) {
      if (!taken.has(i.id) && missingPhotos(await photosOf(console_, i.id), i.data.parties.length).length > 0) candidates.push(i);
    }
    const item = take(candidates, 'case missing a photo');
    const lacking = missingPhotos(await photosOf(console_, item.id), item.data.parties.length);

    await openItem(page, item.id);
    await page.keyboard.press('c');
    await expect(page.getByTestId('action-release')).toBeEnabled();
    for (const code of lacking) await expect(page.getByTestId(`photo-check-${code}`)).toHaveAttribute('data-present', 'false');
    await expect(page.getByTestId('action-determine')).toBeDisabled();
    await expect(page.getByTestId('action-reason-determine')).toContainText('缺少必需的照片');
    await page.keyboard.press('d'); // the key says why instead of doing nothing
    await expect(page.getByTestId('notice')).toContainText('请退回当事人补拍');

    // a photo that is there but of no use goes back too
    const unusable = ['collision', 'front_side', 'rear_side'].find((c) => !lacking.includes(c))!;
    const dialog = page.getByTestId('photos-dialog');
    const openDialog = async () => {
      await page.keyboard.press('p');
      await expect(dialog).toBeVisible();
      for (const code of lacking) await expect(dialog.getByTestId(`photos-check-${code}`)).toBeChecked();
      await dialog.getByTestId(`photos-reason-${unusable}`).selectOption('blurry');
      await expect(dialog.getByTestId(`photos-check-${unusable}`)).toBeChecked();
    };
    await screens(page, 'accidents-return-dialog', openDialog, async () => {
      await dialog.getByTestId('dialog-cancel').click();
      await expect(dialog).toBeHidden();
    });
    await openDialog();
    await dialog.getByTestId('dialog-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('review-status')).toContainText('待补拍照片');
    await waitSynced(page);
    const onExchange = (await exchangeItem(exchange().url, TRAFFIC, item.id)) as AccidentCase;
    expect(onExchange.status).toBe('photos_requested');
    expect([...(onExchange.data.photoRequest?.missing ?? [])].sort()).toEqual([...lacking, unusable].sort());
    expect(onExchange.data.photoRequest?.note).toContain('照片模糊');
  });

  test('a determination made offline lands after reconnection, and its PDF then opens', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await waitForQueue(page);
    const standard: AccidentCase[] = [];
    for (const i of (await accidents()).filter(openUnclaimed).sort(queueOrder)) if (!taken.has(i.id) && (await isStandard(console_, i))) standard.push(i);
    const item = take(standard, 'standard case');
    const proposal = proposeLiability(item.data.parties);

    await openItem(page, item.id);
    await page.keyboard.press('c');
    await expect(page.getByTestId('action-determine')).toBeEnabled();
    await waitSynced(page);

    await exchange().stop();
    try {
      await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 45_000 });
      await page.keyboard.press('d');
      await expect(page.getByTestId('determine-dialog')).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('determine-dialog')).toBeHidden();
      await expect(page.getByTestId('review-status')).toContainText('已认定');
      await expect.poll(() => pendingCount(page)).toBe(1);
      await expect(page.getByTestId('review-pending')).toBeVisible();
      await shot(page, 'accidents-offline-determined');
    } finally {
      await exchange().restart();
    }
    await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 60_000 });
    await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe(0);
    const onExchange = (await exchangeItem(exchange().url, TRAFFIC, item.id)) as AccidentCase;
    expect(onExchange.status).toBe('determined');
    expect(onExchange.data.determination?.liabilities).toEqual(proposal.liabilities);

    // the exchange attached the determination (role determination, application/pdf); the
    // console has it with the case and shows it first in the viewer of the case still open: the
    // feed page that brings it announces it (items.changed), though the case's state was cached
    await expect.poll(async () => (await photosOf(console_, item.id)).some((a) => a.role === 'determination' && a.contentType === 'application/pdf'), { timeout: 30_000 }).toBe(true);
    const pdfTab = page.getByTestId('attachment-viewer').getByRole('tab', { name: '认定书（PDF）' });
    await expect(pdfTab).toBeVisible({ timeout: 30_000 });
    await pdfTab.click();
    await expect(page.getByTestId('determination-caption')).toContainText('认定：');
    const link = page.getByTestId('attachment-pdf-link');
    await expect(link).toBeVisible();
    const download = page.waitForEvent('download');
    await link.click();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'determination-')), `${item.id}.pdf`);
    await (await download).saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screens(page, 'accidents-pdf', async () => {
      await page.getByTestId('attachment-viewer').getByRole('tab', { name: /认定书|Determination/ }).click();
      await expect(page.getByTestId('attachment-pdf')).toBeVisible();
    });
    // the document itself, as the officer's PDF viewer (here Chromium's) shows the downloaded file
    mkdirSync(SCREENS_DIR, { recursive: true });
    const reader = await page.context().newPage();
    for (const [w, h] of LAYOUTS) {
      await reader.setViewportSize({ width: w, height: h });
      await reader.goto(pathToFileURL(file).href);
      await reader.waitForTimeout(1500);
      await reader.screenshot({ path: path.join(SCREENS_DIR, `accidents-pdf-document-${w}x${h}.png`) });
    }
    await reader.close();
  });

  test('shows each demo finding on its case, with its evidence, as a signal', async ({ page, consoles }) => {
    const all = await accidents();
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await waitForQueue(page);
    const codes: FindingCode[] = ['near_duplicate', 'exif_time_mismatch', 'exif_gps_far', 'exif_missing'];
    const found: FindingCode[] = [];
    for (const code of codes) {
      const item = all.filter((i) => i.data.findings.some((f) => f.code === code)).sort(queueOrder)[0];
      if (!item) continue;
      found.push(code);
      const finding = item.data.findings.find((f) => f.code === code)!;
      await openItem(page, item.id);
      await expect(page.getByTestId('findings-signal')).toBeVisible();
      const row = page.getByTestId(`finding-${code}`).first();
      await expect(row).toBeVisible();
      const open = async () => {
        await page.getByTestId(`finding-${code}`).first().getByTestId('finding-open').click();
        const dialog = page.getByTestId('finding-evidence');
        await expect(dialog).toBeVisible();
        await expect(dialog.getByTestId('finding-signal-note')).toBeVisible();
        return dialog;
      };
      const dialog = await open();
      switch (finding.code) {
        case 'near_duplicate': {
          await expect(dialog.getByTestId('evidence-side-by-side')).toBeVisible();
          const otherInScope = all.some((i) => i.id === finding.detail.itemId);
          if (otherInScope) await expect(dialog.getByTestId('evidence-other').getByTestId('evidence-image')).toBeVisible();
          else await expect(dialog.getByTestId('evidence-other-outside')).toContainText(finding.detail.itemId);
          break;
        }
        case 'exif_time_mismatch':
          await expect(dialog.getByTestId('evidence-taken-at')).not.toBeEmpty();
          await expect(dialog.getByTestId('evidence-reported-at')).not.toBeEmpty();
          await expect(dialog.getByTestId('evidence-timeline')).toBeVisible();
          break;
        case 'exif_gps_far':
          await expect(dialog.getByTestId('evidence-photo-coordinates')).toHaveText(`${finding.detail.lat.toFixed(6)}, ${finding.detail.lng.toFixed(6)}`);
          await expect(dialog.getByTestId('evidence-reported-coordinates')).toHaveText(`${item.data.location.lat.toFixed(6)}, ${item.data.location.lng.toFixed(6)}`);
          await expect(dialog.getByTestId('evidence-distance')).toContainText(String(Math.round(finding.detail.km)));
          break;
        case 'exif_missing':
          await expect(dialog.getByTestId('evidence-taken-at')).toHaveText('无');
          break;
      }
      await dialog.getByTestId('finding-evidence-close').click();
      await expect(page.getByTestId('finding-evidence')).toBeHidden();
      // beside its photo in the viewer too, marked on the photo's tab
      await expect(page.getByTestId('attachment-viewer').locator('[data-marked="true"]').first()).toBeVisible();
      await screens(
        page,
        `accidents-evidence-${code}`,
        async () => void (await open()),
        async () => {
          await page.getByTestId('finding-evidence-close').click();
          await expect(page.getByTestId('finding-evidence')).toBeHidden();
        },
      );
      if (code === 'near_duplicate') await screens(page, 'accidents-workspace');
    }
    // the demo seed has a case of each (server/seed/showcase.ts)
    expect(found).toEqual(codes);
  });

  test('zooms, turns, compares two photos side by side and goes full screen from the keyboard; reveals a party’s ID with a reason', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, TRAFFIC);
    await waitForQueue(page);
    const threes: AccidentCase[] = [];
    for (const i of (await accidents()).filter((x) => openUnclaimed(x) && x.data.parties.length === 3 && !excluded(x)).sort(queueOrder)) {
      if (!taken.has(i.id) && missingPhotos(await photosOf(console_, i.id), 3).length === 0) threes.push(i);
    }
    const item = take(threes, 'three-vehicle case with its photos');
    await openItem(page, item.id);
    await expect(page.getByTestId('party-2')).toBeVisible();
    await expect(page.getByTestId('liability-party-2')).toBeVisible();
    const stage = page.getByTestId('attachment-viewer').getByTestId('attachment-image').first();
    await expect(stage).toBeVisible();
    // the grid has the focus: the viewer's keys work from the list
    await cellOf(page, item.id, 'id').click();
    await page.keyboard.press('.');
    await expect(page.getByTestId('attachment-viewer').locator('[data-rotation="90"]')).toHaveCount(1);
    await page.keyboard.press('+');
    await expect(page.getByTestId('attachment-zoom')).toHaveText('125%');
    // Shift+arrows pan the zoomed photo, and leave the list where it is
    await page.keyboard.press('+');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(page.getByTestId('review-item-id')).toHaveText(item.id);
    await page.keyboard.press('0');
    await expect(page.getByTestId('attachment-zoom')).toHaveText('100%');
    await page.keyboard.press('m');
    await expect(page.getByTestId('attachment-pinned')).toBeVisible();
    await page.keyboard.press(']');
    await page.keyboard.press('f');
    const full = page.getByTestId('viewer-full-screen-dialog');
    await expect(full).toBeVisible();
    await expect(full.getByTestId('viewer-full-screen-title')).toHaveText(item.id);
    await expect(full.getByTestId('attachment-pinned')).toBeVisible();
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowLeft');
    await shot(page, 'accidents-full-screen-compare');
    await page.keyboard.press('Escape');
    await expect(full).toBeHidden();
    await page.keyboard.press('m');
    await expect(page.getByTestId('attachment-pinned')).toHaveCount(0);

    // the liability step of a three-vehicle case: the proposal, then the dialog
    await page.keyboard.press('c');
    await expect(page.getByTestId('action-determine')).toBeEnabled();
    const determine = page.getByTestId('determine-dialog');
    await screens(
      page,
      'accidents-liability-dialog',
      async () => {
        await page.keyboard.press('d');
        await expect(determine).toBeVisible();
      },
      async () => {
        await page.keyboard.press('Escape');
        await expect(determine).toBeHidden();
      },
    );
    // number keys set the selected party's class; an invalid combination cannot be sent
    await page.keyboard.press('d');
    await page.keyboard.press('2'); // party A primary: with three parties the others stay
    await expect(determine.getByTestId('determine-party-0')).toHaveAttribute('data-class', 'primary');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('2'); // party B primary too: two primaries
    await expect(determine.getByTestId('determine-invalid')).toBeVisible();
    await expect(determine.getByTestId('dialog-confirm')).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(determine).toBeHidden();

    await page.getByTestId('action-reveal-id-1').click();
    const reveal = page.getByTestId('reveal-dialog');
    await expect(reveal.getByTestId('reveal-party-1')).toBeChecked();
    await reveal.getByTestId('reveal-reason').fill('核对当事人身份');
    await reveal.getByTestId('dialog-confirm').click();
    await expect(reveal.getByTestId('reveal-value')).toHaveText(/^\d{17}[\dX]$/);
    await expect(reveal.getByTestId('reveal-value')).not.toHaveText(item.data.parties[1]!.idNumberMasked);
    await reveal.getByTestId('dialog-cancel').click();
    await searchQueue(page, item.id);
  });
});
