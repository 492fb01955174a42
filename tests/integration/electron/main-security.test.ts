import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE } from '#shared/contract/bridge';
import { startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { waitFor } from '../console/support';
import { fakeContents, type createElectronStandIn } from './stand-in';

/**
 * The Electron security checklist, checked against the real electron/main.ts with a stand-in
 * `electron` module (the binary cannot be installed here): the window's web preferences, the CSP
 * on every app:// response, navigation / window.open / webviews / permissions denied, exactly the
 * bridge's methods on IPC and only from our page, the token sealed with safeStorage, and the cache
 * readable by the user only.
 */
type StandIn = ReturnType<typeof createElectronStandIn>;
const h = vi.hoisted(() => ({ standIn: null as StandIn | null, dataDir: '' }));

vi.mock('electron', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join: joinPath } = await import('node:path');
  const { createElectronStandIn } = await import('./stand-in');
  // a folder that does not exist yet: the core creates it, and its mode is what we check
  h.dataDir = joinPath(mkdtempSync(joinPath(tmpdir(), 'electron-main-')), 'userData');
  h.standIn = createElectronStandIn({ userData: h.dataDir, encryption: true });
  return h.standIn.electron;
});

describe('electron/main.ts against a stand-in electron', () => {
  let exchange: ExchangeHandle;
  let s: StandIn;

  beforeAll(async () => {
    exchange = await startExchange();
    process.env.EXCHANGE_URL = exchange.url;
    delete process.env.CONSOLE_DATA;
    await import('../../../electron/main');
    s = h.standIn!;
    s.ready();
    await waitFor(() => s.record.windows.length === 1, 'the main window');
  });
  afterAll(async () => {
    for (const l of s?.record.appListeners.get('before-quit') ?? []) (l as (e: { preventDefault(): void }) => void)({ preventDefault: () => undefined });
    await exchange?.stop();
  });

  it('opens one window with context isolation, the sandbox, no node integration and web security', () => {
    const prefs = s.record.windows[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(s.record.windows[0]!.url).toBe('app://console/index.html');
    expect(s.record.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves every app:// response with the CSP, and nothing outside the renderer or another host', async () => {
    const serve = s.record.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://console/index.html'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await serve(new Request('app://console/../../package.json'))).status).toBe(404);
    expect((await serve(new Request('app://console/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await serve(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await serve(new Request('app://console/%E0%A4%A'))).status).toBe(400);
    // the session hook adds the CSP to anything else our origin loads
    expect(s.record.headerHooks.map((hook) => hook.filter.urls)).toEqual([['app://console/*']]);
  });

  it('denies navigation away, redirects away, window.open, webviews and every permission', () => {
    const created = s.record.appListeners.get('web-contents-created')![0] as (e: unknown, c: ReturnType<typeof fakeContents>) => void;
    const contents = fakeContents();
    created({}, contents);
    const prevented = (event: string, url?: string): boolean => {
      let p = false;
      (contents.listeners.get(event) as (e: { preventDefault(): void }, url?: string) => void)({ preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.org/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://console/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    s.record.permissionRequest!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(s.record.permissionCheck!()).toBe(false);
  });

  it('registers exactly one IPC handler per bridge method and answers only our page', async () => {
    expect([...s.record.ipcHandlers.keys()].sort()).toEqual(Object.keys(BRIDGE).map((m) => `bridge:${m}`).sort());
    const info = s.record.ipcHandlers.get('bridge:app.info')!;
    const ours = { sender: s.record.windows[0]!.contents, senderFrame: { url: 'app://console/index.html' } };
    expect(await info(ours, {})).toMatchObject({ ok: true, result: { shell: 'electron' } });
    const otherWindow = { sender: fakeContents(), senderFrame: { url: 'app://console/index.html' } };
    expect(await info(otherWindow, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreignFrame = { sender: s.record.windows[0]!.contents, senderFrame: { url: 'https://example.org/' } };
    expect(await info(foreignFrame, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.record.ipcHandlers.get('bridge:items.get')!(ours, { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('keeps the session token sealed with safeStorage and the cache readable by the user only', async () => {
    const ours = { sender: s.record.windows[0]!.contents, senderFrame: { url: 'app://console/index.html' } };
    const login = await s.record.ipcHandlers.get('bridge:auth.login')!(ours, { badge: '100001', password: 'Demo#2026' });
    expect(login).toMatchObject({ ok: true, result: { officer: { badge: '100001' } } });
    const file = join(h.dataDir, 'cache.sqlite');
    const db = new Database(file, { readonly: true });
    const stored = (db.prepare("SELECT token FROM sessions WHERE badge = '100001'").get() as { token: string }).token;
    db.close();
    expect(stored.startsWith('sealed:')).toBe(true);
    // the exchange accepts the token the core unseals: it syncs
    await waitFor(async () => ((await s.record.ipcHandlers.get('bridge:sync.status')!(ours, {})) as { result: { online: boolean } }).result.online, 'the core to sync');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // SQLite gives its WAL the database file's mode
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    expect(statSync(h.dataDir).mode & 0o777).toBe(0o700);
  });
});
