import type { Page } from '@playwright/test';
import { isTerminal } from '#shared/domain/status';
import { missingMaterials } from '#shared/rules/effects';
import type { ItemDetail } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import {
  bridgeCall,
  cellOf,
  chooseLanguage,
  claimInUi,
  expect,
  exchangeItem,
  feedItems,
  logOut,
  openItem,
  pickOpenApplication,
  queueCount,
  rowOf,
  searchQueue,
  sendCommand,
  shot,
  signIn,
  signInAgain,
  test,
  useDemoExchange,
  waitForQueue,
  waitSynced,
} from './fixtures';

/**
 * The queue workspace as a clerk works it: the keyboard path through an approval, the `?` list,
 * names instead of badges, why a button is off, a shared PC between two officers, and the layout
 * at the screen sizes of the service halls. Its own exchange: the first test arranges the head of
 * the queue.
 */
const exchange = useDemoExchange();

/** The queue's default order (submitted, then id — the core's tiebreak, compared as SQLite does). */
function queueOrder(a: WorkItem, b: WorkItem): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What "next" may open for `badge` at `nowMs`: open, and nobody else's live claim. */
function workableFor(badge: string, nowMs: number) {
  return (i: WorkItem) => !isTerminal(i) && (i.claimedBy === null || i.claimedBy === badge || i.claimExpiresAt === null || Date.parse(i.claimExpiresAt) <= nowMs);
}

test.describe('the queue workspace', () => {
  test('approves the next application from a fresh queue in three keys: N, A, Enter', async ({ page, consoles }) => {
    // Arrange the head of the queue: a colleague (100005) holds every workable application ahead
    // of the first one that can be approved, so "next" must skip them.
    const apps = (await feedItems(exchange().url, '100001')).filter((i) => i.kind === 'application').sort(queueOrder);
    const workable = apps.filter(workableFor('100001', Date.now()));
    const targetAt = workable.findIndex((i) => i.kind === 'application' && i.status === 'submitted' && missingMaterials(i).length === 0);
    expect(targetAt).toBeGreaterThanOrEqual(0);
    const target = workable[targetAt]!;
    const ahead = workable.slice(0, targetAt);
    for (const item of ahead) {
      if (item.claimedBy === '100001') expect((await sendCommand(exchange().url, '100001', item.id, 'release')).status).toBe('applied');
      expect((await sendCommand(exchange().url, '100005', item.id, 'claim')).status).toBe('applied');
    }

    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    // the console has the colleague's claims (its cache, as "next" reads it)
    for (const item of ahead) {
      await expect.poll(async () => (await bridgeCall<ItemDetail>(console_, 'items.get', { id: item.id })).item.claimedBy, { timeout: 30_000 }).toBe('100005');
    }
    await expect(page.getByTestId('review-pane')).toContainText('N');

    let keys = 0;
    const press = async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    };

    await press('n'); // next + claim
    await expect(page.getByTestId('review-item-id')).toHaveText(target.id);
    await expect(page.getByTestId('review-claimed-by-name')).toHaveText('你');
    await expect(page.getByTestId('action-approve')).toBeEnabled();
    // "load once": once the claim is confirmed, the approval reads the item at most once more
    // (when the exchange has confirmed it too), not once per event as before
    await waitSynced(page);
    await expect(page.getByTestId('review-pending')).toHaveCount(0);
    let reads = 0;
    page.on('request', (req) => {
      if (req.url().endsWith('/bridge/items.get') && (req.postData() ?? '').includes(target.id)) reads += 1;
    });
    await press('a'); // the approve dialog, delivery preselected
    const dialog = page.getByTestId('approve-dialog');
    await expect(dialog).toBeVisible();
    const preselected = target.kind === 'application' ? target.data.delivery : 'window';
    await expect(dialog.getByTestId(`approve-pickup-${preselected}`)).toBeChecked();
    await shot(page, 'keyboard-approve-dialog');
    await press('Enter'); // confirm
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('review-status')).toContainText('已批准');
    expect(keys).toBeLessThanOrEqual(3);

    await waitSynced(page);
    await expect(page.getByTestId('review-pending')).toHaveCount(0);
    expect(reads).toBeLessThanOrEqual(1);
    const onExchange = await exchangeItem(exchange().url, '100001', target.id);
    expect(onExchange.status).toBe('approved');
    if (onExchange.kind !== 'application') throw new Error('expected an application');
    expect(onExchange.data.decision).toMatchObject({ outcome: 'approved', pickup: preselected, decidedBy: '100001' });

    // the grid row has the keyboard focus: the arrow keys move the selection from there
    const index = Number(await rowOf(page, target.id).first().getAttribute('row-index'));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('review-item-id')).not.toHaveText(target.id);
    await expect(page.locator(`[data-testid="queue-grid"] [role="row"][row-index="${index + 1}"]`).first()).toHaveClass(/ag-row-selected/);
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('review-item-id')).toHaveText(target.id);
  });

  test('? lists every key; / searches; the number keys switch views; nothing fires while typing', async ({ page, consoles }) => {
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);

    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts-overlay');
    await expect(overlay).toBeVisible();
    for (const key of ['N', 'A', 'J', 'S', 'H', 'C', 'R', 'V', '/', '1', '6', '?', 'Enter', 'Esc']) {
      await expect(overlay.locator('kbd', { hasText: new RegExp(`^${key.replace(/[?/]/g, '\\$&')}$`) }).first()).toBeVisible();
    }
    await expect(overlay).toContainText('批准');
    await expect(overlay).toContainText('下一件');
    await shot(page, 'shortcuts-overlay');
    await page.keyboard.press('Escape');
    await expect(overlay).toBeHidden();

    await page.keyboard.press('2');
    await expect(page.getByTestId('view-mine')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('6');
    await expect(page.getByTestId('view-all')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('1');
    await expect(page.getByTestId('view-open')).toHaveAttribute('aria-pressed', 'true');

    await page.keyboard.press('/');
    const search = page.getByTestId('quick-search');
    await expect(search).toBeFocused();
    // typed letters and digits are search text, not shortcuts
    await page.keyboard.type('an2?');
    await expect(search).toHaveValue('an2?');
    await expect(page.getByTestId('view-open')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('shortcuts-overlay')).toBeHidden();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await search.fill('');
    await page.keyboard.press('Escape'); // back to the list
    await expect(search).not.toBeFocused();
    await expect(page.getByTestId('review-item-id')).toBeVisible();
  });

  test("shows who holds an item by name, and why approving is not possible", async ({ page, consoles }) => {
    const held = await pickOpenApplication(exchange().url);
    expect((await sendCommand(exchange().url, '100005', held.id, 'claim')).status).toBe('applied');
    const incomplete = await pickOpenApplication(exchange().url, { complete: false });

    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);

    await searchQueue(page, held.id);
    await expect(cellOf(page, held.id, 'claimedBy')).toHaveText('刘晓燕');
    await openItem(page, held.id);
    await expect(page.getByTestId('review-claimed-by-name')).toHaveText('刘晓燕（100005）');
    await expect(page.getByTestId('action-claim')).toBeDisabled();
    await expect(page.getByTestId('action-claim')).toHaveAttribute('data-reason', /100005/);

    await openItem(page, incomplete.id);
    await page.getByTestId('action-claim').click();
    await expect(page.getByTestId('action-release')).toBeEnabled();
    await waitSynced(page);
    const approve = page.getByTestId('action-approve');
    await expect(approve).toBeDisabled();
    const names = missingMaterials(incomplete);
    const reason = page.getByTestId('action-reason-approve');
    await expect(reason).toContainText('缺少扫描件');
    await expect(approve).toHaveAttribute('data-reason', /缺少扫描件/);
    await shot(page, 'approve-disabled-reason');
    // pressing its key says why instead of doing nothing
    await cellOf(page, incomplete.id, 'id').click();
    await page.keyboard.press('a');
    await expect(page.getByTestId('notice')).toContainText('缺少扫描件');
    expect(names.length).toBeGreaterThan(0);

    await chooseLanguage(page, 'en');
    await expect(reason).toContainText('No scan of');
    await shot(page, 'approve-disabled-reason-en');
    await chooseLanguage(page, 'zh-CN');
  });

  test('on a shared PC nothing of the last officer survives logout', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await claimInUi(page, item.id); // leaves a toast, a selection, a search, the view "all"
    await page.getByTestId('nav-sync').click();
    await expect(page).toHaveURL(/#\/sync$/);

    await logOut(page);
    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect(page.getByTestId('login-badge')).toHaveValue('');

    await signInAgain(page, '100005');
    await waitForQueue(page);
    await expect(page.getByTestId('officer-name')).toHaveText('刘晓燕');
    // the next officer starts on their own first screen, with a fresh queue
    await expect(page.getByTestId('queue-grid')).toBeVisible();
    await expect(page.getByTestId('sync-panel')).toHaveCount(0);
    await expect(page.getByTestId('quick-search')).toHaveValue('');
    await expect(page.getByTestId('view-open')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('review-item-id')).toHaveCount(0);
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect(page.locator('[data-testid="queue-grid"] .ag-row-selected')).toHaveCount(0);
    // and 100001's claim is a colleague's to them
    await searchQueue(page, item.id);
    await expect(cellOf(page, item.id, 'claimedBy')).toHaveText('王丽娜');
  });

  test('keeps every column, header, button and the scans on screen from 1280×720 to 1440×900, in Chinese and English', async ({ page, consoles }) => {
    const item = await pickOpenApplication(exchange().url);
    const console_ = await consoles.start(exchange().url);
    await signIn(page, console_, '100001');
    await waitForQueue(page);
    await openItem(page, item.id);
    await page.getByTestId('quick-search').fill('');
    await page.getByTestId('view-open').click();
    await expect.poll(() => queueCount(page)).toBeGreaterThan(10);
    await expect(page.getByTestId('review-item-id')).toHaveText(item.id);

    for (const lang of ['zh-CN', 'en'] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      for (const [w, h] of [
        [1366, 768],
        [1280, 720],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await expect(page.getByTestId('attachment-viewer')).toBeVisible();
        await expect.poll(() => layoutProblems(page), { message: `layout at ${w}×${h} ${lang}` }).toEqual([]);
        await shot(page, `layout-${w}x${h}-${lang}`);
      }
    }
    await chooseLanguage(page, 'zh-CN');
  });
});

/** What is cut, wrapped or off-screen, as readable strings (empty: nothing). */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const gridEl = document.querySelector('[data-testid="queue-grid"]');
    if (!gridEl) return ['no grid'];
    const grid = gridEl.getBoundingClientRect();
    const canvas = document.createElement('canvas');
    const lineHeight = (el: Element) => {
      const cs = getComputedStyle(el);
      const lh = parseFloat(cs.lineHeight);
      return Number.isFinite(lh) ? lh : parseFloat(cs.fontSize) * 1.4;
    };
    for (const cell of gridEl.querySelectorAll('.ag-header-cell')) {
      const id = cell.getAttribute('col-id');
      const r = cell.getBoundingClientRect();
      if (r.right > grid.right + 1 || r.right > vw) problems.push(`column ${id} ends at ${Math.round(r.right)}, grid at ${Math.round(grid.right)}`);
      const text = cell.querySelector('.ag-header-cell-text');
      if (text instanceof HTMLElement) {
        if (text.scrollWidth > text.clientWidth + 1) problems.push(`header ${id} cut: "${text.textContent}"`);
        // a header may wrap at a space, never inside a word ("Applica|nt", "剩余工作|日")
        const ctx = canvas.getContext('2d');
        if (ctx) {
          const cs = getComputedStyle(text);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          for (const word of (text.textContent ?? '').split(/\s+/).filter(Boolean)) {
            if (ctx.measureText(word).width > text.clientWidth + 1) problems.push(`header ${id} breaks the word "${word}"`);
          }
        }
        if (text.getBoundingClientRect().height > lineHeight(text) * 2 + 2) problems.push(`header ${id} on 3+ lines: "${text.textContent}"`);
      }
    }
    const viewport = gridEl.querySelector('.ag-center-cols-viewport');
    if (viewport instanceof HTMLElement && viewport.scrollWidth > viewport.clientWidth + 1) problems.push(`the grid scrolls sideways (${viewport.scrollWidth} > ${viewport.clientWidth})`);
    for (const b of document.querySelectorAll('[data-testid="review-pane"] [role="toolbar"] button, header button, [role="group"] button')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0) continue;
      const label = (b.textContent ?? '').trim();
      if (b.scrollWidth > b.clientWidth + 1) problems.push(`button cut: "${label}"`);
      const cs = getComputedStyle(b);
      const inner = r.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
      if (inner > lineHeight(b) * 1.5) problems.push(`button wraps: "${label}" (${Math.round(inner)} px of text)`);
      if (r.right > vw + 1 || r.bottom > vh + 1) problems.push(`button off-screen: "${label}"`);
    }
    const viewer = document.querySelector('[data-testid="attachment-viewer"]');
    if (!viewer) problems.push('no attachment viewer');
    else {
      const r = viewer.getBoundingClientRect();
      if (r.right > vw + 1 || r.bottom > vh + 1) problems.push(`scans off-screen (${Math.round(r.right)}×${Math.round(r.bottom)})`);
      if (r.height < 150) problems.push(`scans squeezed to ${Math.round(r.height)} px`);
    }
    return problems;
  });
}
