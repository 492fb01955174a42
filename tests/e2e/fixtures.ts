import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ChangesResponseSchema, CommandsResponseSchema, INTAKE_KEY_HEADER, OutboundResponseSchema, ROUTES, type OutboundNotification } from '#shared/contract/api';
import type { CommandResult, CommandType } from '#shared/domain/commands';
import type { Application, WorkItem } from '#shared/domain/items';
import { missingMaterials } from '#shared/rules/effects';
import { DEMO_PASSWORD, login, startExchange, type ExchangeHandle } from '../helpers/exchange';

/**
 * Shared e2e plumbing: a real demo exchange per spec file, real web-shell processes per test, and
 * the few page and HTTP steps every spec repeats. Selectors are the stable ones of the UI contract
 * (test ids, roles, ag-grid col-ids) — never layout.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');
export { DEMO_PASSWORD };

// ---- processes ----------------------------------------------------------------------------------

export interface ConsoleHandle {
  /** Tokenised address to open (`http://127.0.0.1:<port>/#token=…`). */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** SIGTERM and wait; resolves with the exit code (0 = closed cleanly). */
  stop(): Promise<number | null>;
}

const CONSOLE_READY = /^CONSOLE_READY (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/m;

/** Spawns a real web shell (`node --import tsx electron/web-shell.ts`) with a fresh data folder. */
export async function startConsole(exchangeUrl: string, opts: { dataDir?: string } = {}): Promise<ConsoleHandle> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'console-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web-shell.ts', '--port', '0', '--data', dataDir, '--exchange', exchangeUrl, '--demo'], {
    cwd: ROOT,
    env: { ...process.env, CONSOLE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const [origin, token] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not print CONSOLE_READY in 60 s:\n${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = CONSOLE_READY.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve([m[1]!, m[2]!]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited before it was ready (code ${code}):\n${stderr}`));
    });
  });
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    dataDir,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
      if (code !== 'timeout') return code;
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/**
 * One demo exchange for the whole spec file (seeding takes a while; tests pick distinct items).
 * Returns a getter, valid inside tests and hooks.
 */
export function useDemoExchange(env: Record<string, string> = {}): () => ExchangeHandle {
  let handle: ExchangeHandle | null = null;
  base.beforeAll(async () => {
    base.setTimeout(180_000);
    handle = await startExchange({ demo: true, env });
  });
  base.afterAll(async () => {
    await handle?.stop();
  });
  return () => {
    if (!handle) throw new Error('the exchange is not running (beforeAll failed?)');
    return handle;
  };
}

/**
 * `consoles.start(url)` starts a web shell that is stopped when the test ends. Every test also
 * fails on a Content-Security-Policy violation in its page (the shells send a strict policy) and
 * on an ag-grid error or warning (a grid feature used without its module, renderer/app/
 * gridModules.ts): either would otherwise only show up as something silently missing.
 */
export const test = base.extend<{ consoles: { start: (exchangeUrl: string) => Promise<ConsoleHandle> }; cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      const gridErrors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
        if ((msg.type() === 'error' || msg.type() === 'warning') && /AG Grid/i.test(msg.text())) gridErrors.push(msg.text());
      });
      await use();
      expect(violations, 'Content-Security-Policy violations in the page').toEqual([]);
      expect(gridErrors, 'ag-grid errors and warnings in the page').toEqual([]);
    },
    { auto: true },
  ],
  consoles: async ({}, use) => {
    const started: ConsoleHandle[] = [];
    await use({
      start: async (exchangeUrl) => {
        const handle = await startConsole(exchangeUrl);
        started.push(handle);
        return handle;
      },
    });
    await Promise.all(started.map((c) => c.stop()));
  },
});
export { expect };

// ---- the exchange over HTTP ---------------------------------------------------------------------

const tokens = new Map<string, string>();

async function tokenFor(exchangeUrl: string, badge: string, password?: string): Promise<string> {
  const key = `${exchangeUrl} ${badge}`;
  let token = tokens.get(key);
  if (!token) {
    token = await login(exchangeUrl, badge, password);
    tokens.set(key, token);
  }
  return token;
}

/** Every item `badge` may see, read from the changes feed from the start (`password`: an officer not of the demo's). */
export async function feedItems(exchangeUrl: string, badge: string, password?: string): Promise<WorkItem[]> {
  const token = await tokenFor(exchangeUrl, badge, password);
  const items = new Map<string, WorkItem>();
  let after = 0;
  for (;;) {
    const res = await fetch(`${exchangeUrl}${ROUTES.changes}?after=${after}&limit=2000`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`changes feed for ${badge}: HTTP ${res.status} ${await res.text()}`);
    const page = ChangesResponseSchema.parse(await res.json());
    for (const item of page.items) items.set(item.id, item);
    for (const id of page.removed) items.delete(id);
    after = page.next;
    if (!page.hasMore) return [...items.values()];
  }
}

export async function exchangeItem(exchangeUrl: string, badge: string, id: string): Promise<WorkItem> {
  const item = (await feedItems(exchangeUrl, badge)).find((i) => i.id === id);
  if (!item) throw new Error(`${id} is not in ${badge}'s feed`);
  return item;
}

/** Sends one command as `badge` with the item's current version. */
export async function sendCommand(exchangeUrl: string, badge: string, itemId: string, type: CommandType, body: Record<string, unknown> = {}): Promise<CommandResult> {
  const token = await tokenFor(exchangeUrl, badge);
  const { version } = await exchangeItem(exchangeUrl, badge, itemId);
  const res = await fetch(`${exchangeUrl}${ROUTES.commands}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ commands: [{ id: randomUUID(), itemId, type, expectedVersion: version, body }] }),
  });
  if (!res.ok) throw new Error(`commands as ${badge}: HTTP ${res.status} ${await res.text()}`);
  const result = CommandsResponseSchema.parse(await res.json()).results[0];
  if (!result) throw new Error('the exchange returned no result');
  return result;
}

const taken = new Set<string>();

/**
 * An unclaimed, undecided Zhengzhou application no other test of this run has used. By default
 * one that can be approved (every listed material has its scan); `{ complete: false }` picks one
 * with a material missing, which the core refuses to approve.
 */
export async function pickOpenApplication(exchangeUrl: string, opts: { complete?: boolean } = {}): Promise<Application> {
  const complete = opts.complete ?? true;
  const items = await feedItems(exchangeUrl, '100001');
  const item = items
    .filter((i): i is Application => i.kind === 'application' && i.status === 'submitted' && i.claimedBy === null && !taken.has(`${exchangeUrl} ${i.id}`))
    .filter((i) => (missingMaterials(i).length === 0) === complete)
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))[0];
  if (!item) throw new Error(`no open ${complete ? 'complete' : 'incomplete'} application left in the demo data`);
  taken.add(`${exchangeUrl} ${item.id}`);
  return item;
}

// ---- the console page ---------------------------------------------------------------------------

/** Saves test-results/screens/<name>.png, with the pointer parked so no hover tooltip covers the screen. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.mouse.move(1, 1);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}

export async function signIn(page: Page, console_: ConsoleHandle, badge: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(console_.url);
  await page.getByTestId('login-badge').fill(badge);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('officer-name')).toBeVisible();
}

export function numberIn(text: string | null): number {
  const m = /\d+/.exec(text ?? '');
  return m ? Number(m[0]) : NaN;
}

export async function queueCount(page: Page): Promise<number> {
  return numberIn(await page.getByTestId('queue-count').textContent());
}

export async function pendingCount(page: Page): Promise<number> {
  return numberIn(await page.getByTestId('pending-count').textContent());
}

/** Waits until the first sync has filled the queue. */
export async function waitForQueue(page: Page): Promise<void> {
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect.poll(() => queueCount(page), { timeout: 60_000, message: 'the queue fills after the first sync' }).toBeGreaterThan(0);
}

export function idCells(page: Page): Locator {
  return page.getByTestId('queue-grid').locator('[role="gridcell"][col-id="id"]');
}

/** The grid row of `id` (the id cell's text is exactly the id; icons carry no text). */
export function rowOf(page: Page, id: string): Locator {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .getByTestId('queue-grid')
    .getByRole('row')
    .filter({ has: page.locator('[role="gridcell"][col-id="id"]', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) }) });
}

export function cellOf(page: Page, id: string, colId: string): Locator {
  return rowOf(page, id).locator(`[role="gridcell"][col-id="${colId}"]`);
}

/**
 * Types into quick search and waits until the grid shows only matching rows: the search is
 * debounced, and clicking a row while the grid re-filters can land on a neighbour.
 */
export async function searchQueue(page: Page, text: string): Promise<void> {
  await page.getByTestId('quick-search').fill(text);
  await expect
    .poll(async () => (await idCells(page).allTextContents()).every((cell) => cell.includes(text)), { message: `the queue is filtered to "${text}"` })
    .toBe(true);
}

/** Narrows the queue to `id` with quick search and opens it in the review pane. */
export async function openItem(page: Page, id: string): Promise<void> {
  await page.getByTestId('view-all').click();
  await searchQueue(page, id);
  await expect(rowOf(page, id)).toHaveCount(1);
  await cellOf(page, id, 'id').click();
  await expect(page.getByTestId('review-item-id')).toHaveText(id);
}

/** Until the console has sent everything (the header's pending count reads 0). */
export async function waitSynced(page: Page, timeout = 30_000): Promise<void> {
  await expect(page.getByTestId('pending-count')).toHaveText(/^\s*0\s*$/, { timeout });
}

export async function claimInUi(page: Page, id: string): Promise<void> {
  await openItem(page, id);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('action-approve')).toBeEnabled();
  await waitSynced(page);
}

/** Approve dialog: pick window pick-up and confirm. */
export async function approveInUi(page: Page, screenshotName?: string): Promise<void> {
  await page.getByTestId('action-approve').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('approve-pickup').getByRole('radio', { name: '窗口领取' }).check();
  if (screenshotName) await shot(page, screenshotName);
  await dialog.getByTestId('dialog-confirm').click();
  await expect(dialog).toBeHidden();
}

/** The text box behind a test id that may sit on the MUI TextField wrapper or on the input itself. */
export function inputOf(field: Locator): Locator {
  return field.locator('xpath=self::input | self::textarea | descendant::input[not(@type="hidden")] | descendant::textarea[not(@aria-hidden="true")]').first();
}

// ---- a network partition between one console and the exchange -----------------------------------

export interface Partition {
  /** The address to give the console instead of the exchange's. */
  url: string;
  /** Drops every open connection and refuses new ones: the console is offline, others are not. */
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

/** A TCP relay to the exchange that the test can cut, so one console goes offline while another officer keeps working. */
export async function partitionable(exchangePort: () => number): Promise<Partition> {
  const open = new Set<Socket>();
  let cut = false;
  const server = createNetServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(exchangePort(), '127.0.0.1');
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        open.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    heal: () => {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---- the console's own bridge, for arranging and checking state ---------------------------------

/** Calls a bridge method of a running web shell as the page would (`POST /bridge/<method>`). */
export async function bridgeCall<T = unknown>(console_: ConsoleHandle, method: string, args: unknown = {}): Promise<T> {
  const res = await fetch(`${console_.origin}/bridge/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-token': console_.token },
    body: JSON.stringify(args),
  });
  const reply = (await res.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.code} ${reply.error?.message}`);
  return reply.result as T;
}

/** Switches the UI language with the header's selector. */
export async function chooseLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.getByRole('option', { name: lang === 'en' ? 'English' : '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Logs out from the header (without wiping) and waits for the login screen. */
export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByRole('dialog').getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
}

/** Signs in on a page that already shows the login screen (same console, next officer). */
export async function signInAgain(page: Page, badge: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-badge').fill(badge);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('officer-name')).toBeVisible();
}

// ---- layout ---------------------------------------------------------------------------------------

/**
 * What of the queue grid is cut, wrapped inside a word or off-screen, as readable strings (empty:
 * nothing): every header within the grid, no header text cut or broken inside a word or on three
 * lines, and no sideways scrolling. (The same checks as workspace.spec.ts's layout test, for the
 * grid alone.)
 */
export function gridLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const gridEl = document.querySelector('[data-testid="queue-grid"]');
    if (!gridEl) return ['no grid'];
    const grid = gridEl.getBoundingClientRect();
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    for (const cell of gridEl.querySelectorAll('.ag-header-cell')) {
      const id = cell.getAttribute('col-id');
      const r = cell.getBoundingClientRect();
      if (r.right > grid.right + 1 || r.right > window.innerWidth) problems.push(`column ${id} ends at ${Math.round(r.right)}, grid at ${Math.round(grid.right)}`);
      const text = cell.querySelector('.ag-header-cell-text');
      if (!(text instanceof HTMLElement)) continue;
      if (text.scrollWidth > text.clientWidth + 1) problems.push(`header ${id} cut: "${text.textContent}"`);
      const cs = getComputedStyle(text);
      const lh = Number.isFinite(parseFloat(cs.lineHeight)) ? parseFloat(cs.lineHeight) : parseFloat(cs.fontSize) * 1.4;
      if (text.getBoundingClientRect().height > lh * 2 + 2) problems.push(`header ${id} on 3+ lines: "${text.textContent}"`);
      if (ctx) {
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        for (const word of (text.textContent ?? '').split(/\s+/).filter(Boolean)) {
          if (ctx.measureText(word).width > text.clientWidth + 1) problems.push(`header ${id} breaks the word "${word}"`);
        }
      }
    }
    const viewport = gridEl.querySelector('.ag-center-cols-viewport');
    if (viewport instanceof HTMLElement && viewport.scrollWidth > viewport.clientWidth + 1) problems.push(`the grid scrolls sideways (${viewport.scrollWidth} > ${viewport.clientWidth})`);
    return problems;
  });
}

// ---- screens at both layouts and in both languages ------------------------------------------------

export const LAYOUTS = [
  [1366, 768],
  [1440, 900],
] as const;

/** The header's language switch, then the focus back on the page (its menu closed), so the workspace's keys work again. */
export async function switchLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await chooseLanguage(page, lang);
  await expect(page.locator('.MuiPopover-root')).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/**
 * Screens `name` at each layout in both languages (test-results/screens/<name>-<w>x<h>-<lang>.png),
 * `arrange` bringing the screen about each time (a dialog is opened after the language is set) and
 * `leave` undoing it; back to Chinese at 1366×768 afterwards.
 */
export async function screensAt(page: Page, name: string, arrange: () => Promise<void> = async () => undefined, leave: () => Promise<void> = async () => undefined): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    await switchLanguage(page, lang);
    for (const [w, h] of LAYOUTS) {
      await page.setViewportSize({ width: w, height: h });
      await arrange();
      await shot(page, `${name}-${w}x${h}-${lang}`);
      await leave();
    }
  }
  await switchLanguage(page, 'zh-CN');
  await page.setViewportSize({ width: 1366, height: 768 });
}

// ---- the Internet side of tips, over HTTP with the intake key ------------------------------------

/** A reporter's follow-up to their tip (POST /api/v1/intake/tips/follow-ups); the HTTP status. */
export async function postTipFollowUp(exchange: ExchangeHandle, itemId: string, reporterCode: string, text: string): Promise<number> {
  const res = await fetch(`${exchange.url}${ROUTES.intakeTipFollowUp}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: exchange.intakeKey },
    body: JSON.stringify({ itemId, reporterCode, text }),
  });
  await res.body?.cancel();
  return res.status;
}

/** What the Internet side must tell citizens about `itemId` (GET /api/v1/outbound). */
export async function outboundOf(exchange: ExchangeHandle, itemId: string): Promise<OutboundNotification[]> {
  const out: OutboundNotification[] = [];
  for (let after = 0; ; ) {
    const res = await fetch(`${exchange.url}${ROUTES.outbound}?after=${after}&limit=1000`, { headers: { [INTAKE_KEY_HEADER]: exchange.intakeKey } });
    const page = OutboundResponseSchema.parse(await res.json());
    out.push(...page.notifications.filter((n) => n.itemId === itemId));
    if (!page.hasMore) return out;
    after = page.next;
  }
}

/** Reads the exchange's own SQLite file (read-only), e.g. its audit log. */
export function readExchangeDb<T>(exchange: ExchangeHandle, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(exchange.dataDir, 'exchange.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
