/**
 * Functions evaluated inside the page (Chromium). Each clocks itself with performance.now(), so
 * the figures do not include Playwright's round trips. They only read the UI contract's test ids
 * and ag-grid's own row attributes.
 */

/** Resolves after the next two animation frames: what changed has been laid out and painted. */
const PAINTED = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))';

/** Sets the quick-search text the way typing or pasting does, and waits for the count and the rows. */
export const QUICK_SEARCH = `async ([term, timeoutMs]) => {
  const input = document.querySelector('[data-testid="quick-search"]');
  const count = () => document.querySelector('[data-testid="queue-count"]')?.textContent ?? '';
  const before = count();
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setValue.call(input, term);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const deadline = t0 + timeoutMs;
  await new Promise((resolve, reject) => {
    const tick = () => {
      if (count() !== before) resolve(undefined);
      else if (performance.now() > deadline) reject(new Error('the count did not change for ' + term));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  await ${PAINTED};
  const firstRowId = document.querySelector('[data-testid="queue-grid"] .ag-row[row-index="0"] [col-id="id"]')?.textContent ?? null;
  return { ms: performance.now() - t0, count: count(), firstRowId };
}`;

/** Clicks a column header and waits until row 0 shows another item (the grid re-sorted). */
export const SORT_BY = `async ([colId, timeoutMs]) => {
  const first = () => document.querySelector('[data-testid="queue-grid"] .ag-row[row-index="0"] [col-id="id"]')?.textContent ?? '';
  const header = document.querySelector('.ag-header-cell[col-id="' + colId + '"] .ag-header-cell-label');
  if (!header) throw new Error('no header for ' + colId);
  const cell = header.closest('.ag-header-cell');
  const before = first();
  const sortBefore = cell.getAttribute('aria-sort');
  const t0 = performance.now();
  header.click();
  const deadline = t0 + timeoutMs;
  await new Promise((resolve, reject) => {
    const tick = () => {
      if (first() !== before) resolve(undefined);
      else if (performance.now() > deadline) reject(new Error('row 0 did not change after sorting by ' + colId + ' (aria-sort ' + cell.getAttribute('aria-sort') + ')'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  await ${PAINTED};
  return { ms: performance.now() - t0, sortBefore, sortAfter: cell.getAttribute('aria-sort'), firstRowId: first() };
}`;

/** Clicks "log in" and waits for the queue to show `expected` rows with row 0 rendered. */
export const LOGIN_TO_GRID = `async ([expected, timeoutMs]) => {
  const count = () => Number((document.querySelector('[data-testid="queue-count"]')?.textContent ?? '').replace(/\\D/g, ''));
  const row0 = () => document.querySelector('[data-testid="queue-grid"] .ag-row[row-index="0"] [col-id="id"]');
  const t0 = performance.now();
  document.querySelector('[data-testid="login-submit"]').click();
  const deadline = t0 + timeoutMs;
  await new Promise((resolve, reject) => {
    const tick = () => {
      if (count() === expected && row0()) resolve(undefined);
      else if (performance.now() > deadline) reject(new Error('grid shows ' + count() + ' rows, expected ' + expected));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  await ${PAINTED};
  return { ms: performance.now() - t0, count: count() };
}`;
