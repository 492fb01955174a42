/**
 * Code evaluated inside the page (Chromium). Each figure clocks itself with performance.now(), so
 * it does not include Playwright's round trips. It reads only the UI contract's test ids, ag-grid's
 * own row attributes and the bridge calls the page makes (BRIDGE_PROBE).
 */

/** Resolves after the next two animation frames: what changed has been laid out and painted. */
const PAINTED = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))';

/** Row 0's id cell of the queue, its text ('' while the row is a loading stub), the count's digits. */
const GRID_READERS = `
  const row0Text = () => document.querySelector('[data-testid="queue-grid"] .ag-row[row-index="0"] [col-id="id"]')?.textContent ?? '';
  const countText = () => document.querySelector('[data-testid="queue-count"]')?.textContent ?? '';
  const countDigits = () => countText().replace(/\\D/g, '');
`;

/** The bridge calls logged since index `from`, times relative to `t0` (ms). */
const CALL_DETAIL = `(from, t0) => (window.__bridgeLog || []).slice(from).map((e) => ({
    method: e.method,
    body: e.body,
    sentMs: e.sent - t0,
    answeredMs: e.parsed ? e.parsed - t0 : null,
  }))`;

/** Milliseconds of long tasks (BRIDGE_PROBE) inside [from, to]. */
const LONG_TASK_MS = `(from, to) => (window.__longTasks || []).reduce((n, t) => n + Math.max(0, Math.min(t.end, to) - Math.max(t.start, from)), 0)`;

/**
 * Init script (page.addInitScript / context.addInitScript): wraps window.fetch so every web-shell
 * bridge call is logged in window.__bridgeLog with when it was sent, when its headers came back and
 * when the renderer's res.json() had parsed it (with the parsed reply), and keeps
 * window.__gridMutatedAt: the last time anything in the queue grid's DOM changed (and the recent
 * such times in window.__gridMutations). The renderer
 * calls the global fetch at each call (renderer/app/bridge.ts), so it goes through the wrapper.
 */
export const BRIDGE_PROBE = `(() => {
  const log = [];
  window.__bridgeLog = log;
  window.__gridMutatedAt = 0;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    const at = url.indexOf('bridge/');
    if (at < 0) return original(input, init);
    const entry = { method: url.slice(at + 7), body: null, sent: performance.now(), headers: 0, parsed: 0, reply: null };
    try { entry.body = JSON.parse(init && init.body ? init.body : '{}'); } catch { entry.body = null; }
    log.push(entry);
    const res = await original(input, init);
    entry.headers = performance.now();
    const json = res.json.bind(res);
    res.json = async () => {
      const value = await json();
      entry.parsed = performance.now();
      entry.reply = value;
      return value;
    };
    return res;
  };
  // main-thread tasks over 50 ms (script, style, layout): where the page itself spent the time
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration }); }).observe({ type: 'longtask', buffered: true });
  } catch { /* no longtask timing in this browser */ }
  window.__gridMutations = [];
  const observer = new MutationObserver(() => {
    const at = performance.now();
    window.__gridMutatedAt = at;
    window.__gridMutations.push(at);
    if (window.__gridMutations.length > 1000) window.__gridMutations.splice(0, 500);
  });
  const attach = () => {
    const grid = document.querySelector('[data-testid="queue-grid"]');
    if (grid && grid !== window.__observedGrid) {
      observer.disconnect();
      observer.observe(grid, { childList: true, subtree: true, characterData: true, attributes: true });
      window.__observedGrid = grid;
    }
    requestAnimationFrame(attach);
  };
  requestAnimationFrame(attach);
})();`;

/**
 * Sets the quick-search text the way typing or pasting does (one input event), then waits for
 * the grid to show the answer to THAT search: the items.query the page sends for the term (offset
 * 0, sent after the input event) must have come back, the count must read its total and row 0 its
 * first row (no row 0 when the total is 0), and the grid's DOM must have changed since that reply
 * arrived — or have shown something else since the input — so a search whose count and first row
 * equal the previous one's is still waited for. Then two frames for the paint.
 * Returns the total time and its split: input → query sent (React and the grid's purge),
 * sent → reply parsed (HTTP bridge and core), parsed → rows painted (ag-grid and React).
 */
export const QUICK_SEARCH = `async ([term, timeoutMs]) => {
  ${GRID_READERS}
  const input = document.querySelector('[data-testid="quick-search"]');
  if (!input) throw new Error('no quick-search input');
  const log = window.__bridgeLog;
  if (!log) throw new Error('BRIDGE_PROBE is not installed');
  const before = { count: countDigits(), row0: row0Text() };
  const firstLogged = log.length;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setValue.call(input, term);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const deadline = t0 + timeoutMs;
  const sent = term.slice(0, 100);
  let sawOther = false;
  let entry = null;
  await new Promise((resolve, reject) => {
    const tick = () => {
      if (!entry) {
        for (let i = firstLogged; i < log.length; i++) {
          const e = log[i];
          if (e.method === 'items.query' && e.body && e.body.search === sent && e.body.offset === 0) { entry = e; break; }
        }
      }
      const now = { count: countDigits(), row0: row0Text() };
      if (now.count !== before.count || now.row0 !== before.row0) sawOther = true;
      if (entry && entry.parsed) {
        const reply = entry.reply && entry.reply.result;
        if (!reply) return reject(new Error('items.query for ' + JSON.stringify(term) + ' failed: ' + JSON.stringify(entry.reply)));
        const want = { count: String(reply.total), row0: reply.rows[0] ? reply.rows[0].id : '' };
        const shown = now.count === want.count && now.row0 === want.row0;
        if (shown && (sawOther || window.__gridMutatedAt > entry.parsed)) return resolve(undefined);
      }
      if (performance.now() > deadline) reject(new Error('the grid did not show the rows for ' + JSON.stringify(term) + ' (count ' + now.count + ', row 0 ' + now.row0 + ', query ' + (entry ? (entry.parsed ? 'answered' : 'sent') : 'not sent') + ')'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  await ${PAINTED};
  const end = performance.now();
  const queries = log.slice(firstLogged).filter((e) => e.method === 'items.query').length;
  return {
    ms: end - t0,
    toSentMs: entry.sent - t0,
    // the grid's first DOM change after the input: its blocks purged (the debounced search reached the grid), if it shows
    toGridChangeMs: (() => { const m = (window.__gridMutations || []).find((x) => x > t0); return m === undefined ? null : m - t0; })(),
    bridgeMs: entry.parsed - entry.sent,
    renderMs: end - entry.parsed,
    longTaskMs: (${LONG_TASK_MS})(t0, end),
    count: countDigits(),
    firstRowId: row0Text() || null,
    sawOther,
    queries,
    query: entry.body,
  };
}`;

/** Clicks a column header and waits until row 0 shows another item (the grid re-sorted). */
export const SORT_BY = `async ([colId, timeoutMs]) => {
  ${GRID_READERS}
  const header = document.querySelector('.ag-header-cell[col-id="' + colId + '"] .ag-header-cell-label');
  if (!header) throw new Error('no header for ' + colId);
  const cell = header.closest('.ag-header-cell');
  const before = row0Text();
  const sortBefore = cell.getAttribute('aria-sort');
  const t0 = performance.now();
  header.click();
  const deadline = t0 + timeoutMs;
  await new Promise((resolve, reject) => {
    const tick = () => {
      const now = row0Text();
      if (now !== '' && now !== before) resolve(undefined);
      else if (performance.now() > deadline) reject(new Error('row 0 did not change after sorting by ' + colId + ' (aria-sort ' + cell.getAttribute('aria-sort') + ')'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  await ${PAINTED};
  return { ms: performance.now() - t0, sortBefore, sortAfter: cell.getAttribute('aria-sort'), firstRowId: row0Text() };
}`;

/**
 * Clicks "log in" and waits for the queue to show `expected` rows with row 0 filled in (not a
 * loading stub). Split (needs BRIDGE_PROBE): click → auth.login answered, → the first page of the
 * queue (items.query, offset 0) answered, → rows painted.
 */
export const LOGIN_TO_GRID = `async ([expected, timeoutMs]) => {
  ${GRID_READERS}
  const log = window.__bridgeLog || [];
  const firstLogged = log.length;
  const t0 = performance.now();
  document.querySelector('[data-testid="login-submit"]').click();
  const deadline = t0 + timeoutMs;
  await new Promise((resolve, reject) => {
    const tick = () => {
      if (countDigits() === String(expected) && row0Text() !== '') resolve(undefined);
      else if (performance.now() > deadline) reject(new Error('grid shows ' + countText() + ' rows, expected ' + expected));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  await ${PAINTED};
  const end = performance.now();
  const calls = log.slice(firstLogged);
  const login = calls.find((e) => e.method === 'auth.login');
  const page0 = calls.find((e) => e.method === 'items.query' && e.body && e.body.offset === 0 && e.parsed);
  return {
    ms: end - t0,
    loginMs: login && login.parsed ? login.parsed - t0 : null,
    firstQuerySentMs: page0 ? page0.sent - t0 : null,
    firstQueryMs: page0 ? page0.parsed - page0.sent : null,
    renderMs: page0 ? end - page0.parsed : null,
    longTaskMs: (${LONG_TASK_MS})(t0, end),
    count: Number(countDigits()),
    calls: (${CALL_DETAIL})(firstLogged, t0),
  };
}`;

/**
 * Init script for the cold start: from the document's first script on, polls each frame until the
 * queue's count reads `expected` and row 0 is filled in, then after two frames stores in
 * window.__queueShown the epoch time (performance.timeOrigin + now, comparable with Node's) and
 * the page-relative times of the milestones. Install after BRIDGE_PROBE.
 */
export function queueShownProbe(expected: number): string {
  return `(() => {
  ${GRID_READERS}
  const tick = () => {
    if (countDigits() === ${JSON.stringify(String(expected))} && row0Text() !== '') {
      ${PAINTED}.then(() => {
        const shownAt = performance.now();
        const log = window.__bridgeLog || [];
        const session = log.find((e) => e.method === 'auth.session');
        const page0 = log.find((e) => e.method === 'items.query' && e.body && e.body.offset === 0 && e.parsed);
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource').filter((r) => r.initiatorType !== 'fetch');
        window.__queueShown = {
          epochMs: performance.timeOrigin + shownAt,
          timeOrigin: performance.timeOrigin,
          shownMs: shownAt,
          domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
          // scripts and styles: how many came from the HTTP cache (nothing transferred), of how many
          resourcesFromCache: resources.filter((r) => r.transferSize === 0).length,
          resources: resources.length,
          sessionAnsweredMs: session && session.parsed ? session.parsed : null,
          firstQuerySentMs: page0 ? page0.sent : null,
          firstQueryAnsweredMs: page0 ? page0.parsed : null,
          longTaskMs: (${LONG_TASK_MS})(0, shownAt),
          calls: (${CALL_DETAIL})(0, 0),
        };
      });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}
