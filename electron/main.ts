/**
 * Electron main process: window, protocol, IPC wiring. No logic — every bridge call goes through
 * dispatchBridge (the same validation the web shell uses) into the console core.
 *
 * Bundled by build/bundle-electron.ts to dist/electron/main.cjs (CommonJS, so `__dirname` is the
 * bundle's folder). Configuration: EXCHANGE_URL / --exchange URL, CONSOLE_DATA / --data DIR
 * (default: Electron's userData folder), --demo / CONSOLE_DEMO=1.
 */
import { app, BrowserWindow, ipcMain, protocol, safeStorage, screen, session, type IpcMainInvokeEvent, type Rectangle } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BRIDGE, BRIDGE_EVENTS, type BridgeEvent, type BridgeMethod } from '#shared/contract/bridge';
import { createConsoleService, type ConsoleCore } from '#console/service';
import { dispatchBridge } from '#console/dispatch';

/** The renderer is served from a privileged custom scheme so it has a real origin and our headers. */
const SCHEME = 'app';
const APP_HOST = 'console';
const APP_ORIGIN = `${SCHEME}://${APP_HOST}`;
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');

/**
 * renderer/index.html's meta policy, plus frame-ancestors. No connect-src beyond 'self': in
 * Electron the renderer reaches the core only over IPC.
 * When you change it, also change the renderer's meta tag and WEB_SHELL_CSP in electron/web-shell.ts.
 */
const CONSOLE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const config = {
  exchangeUrl: flag('exchange') ?? process.env.EXCHANGE_URL ?? 'http://127.0.0.1:7410',
  dataDir: path.resolve(flag('data') ?? process.env.CONSOLE_DATA ?? app.getPath('userData')),
  demo: process.argv.includes('--demo') || process.env.CONSOLE_DEMO === '1',
};

// ---- window state -------------------------------------------------------------------------------

const WindowStateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(800), height: z.number().int().min(560) }),
  maximized: z.boolean(),
});
type WindowState = z.infer<typeof WindowStateSchema>;
const windowStateFile = path.join(config.dataDir, 'window-state.json');

function loadWindowState(): WindowState | null {
  try {
    const state = WindowStateSchema.parse(JSON.parse(readFileSync(windowStateFile, 'utf8')));
    // A monitor may have been unplugged since: only reuse bounds that still overlap a display.
    const area = screen.getDisplayMatching(state.bounds as Rectangle).workArea;
    const visible = state.bounds.x < area.x + area.width && state.bounds.x + state.bounds.width > area.x && state.bounds.y < area.y + area.height && state.bounds.y + state.bounds.height > area.y;
    return visible ? state : { ...state, bounds: { ...state.bounds, x: area.x, y: area.y } };
  } catch {
    return null; // first start or an unreadable file: default placement
  }
}

function saveWindowState(win: BrowserWindow): void {
  const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
  try {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(windowStateFile, JSON.stringify(state));
  } catch (err) {
    console.error('[main] could not save the window state', err);
  }
}

// ---- protocol, CSP, navigation ------------------------------------------------------------------

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

async function serveRenderer(request: Request): Promise<Response> {
  if (!isOwnUrl(request.url)) return new Response('not found', { status: 404 });
  const url = new URL(request.url);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return new Response('bad path encoding', { status: 400 });
  }
  if (relative.endsWith('/')) relative += 'index.html';
  const file = path.resolve(RENDERER_DIR, '.' + path.posix.normalize('/' + relative));
  if (!file.startsWith(RENDERER_DIR + path.sep)) return new Response('not found', { status: 404 });
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return new Response('not found', { status: 404 });
  return new Response(await readFile(file), {
    headers: {
      'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': CONSOLE_CSP,
      'x-content-type-options': 'nosniff',
    },
  });
}

/** Node's URL gives custom schemes the origin "null", so compare scheme and host instead. */
function isOwnUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  // The protocol handler already sets the header; this also covers anything else our origin loads.
  ses.webRequest.onHeadersReceived({ urls: [`${APP_ORIGIN}/*`] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONSOLE_CSP] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

// ---- core and IPC -------------------------------------------------------------------------------

let mainWindow: BrowserWindow | null = null;

function senderIsOurs(event: IpcMainInvokeEvent): boolean {
  return mainWindow !== null && event.sender === mainWindow.webContents && event.senderFrame !== null && isOwnUrl(event.senderFrame.url);
}

function registerBridge(core: ConsoleCore): void {
  for (const method of Object.keys(BRIDGE) as BridgeMethod[]) {
    ipcMain.handle(`bridge:${method}`, (event, args: unknown) => {
      if (!senderIsOurs(event)) return { ok: false, error: { code: 'forbidden', message: 'bridge calls are only accepted from the console page' } };
      return dispatchBridge(core, method, args);
    });
  }
  for (const name of Object.keys(BRIDGE_EVENTS) as BridgeEvent[]) {
    core.on(name, (payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(`event:${name}`, payload);
    });
  }
}

function createWindow(): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...(state?.bounds ?? { width: 1440, height: 900 }),
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '警务工作台',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(win));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  // the session token at rest is sealed with the OS key store where there is one (DPAPI, Keychain, libsecret)
  const sealer = safeStorage.isEncryptionAvailable()
    ? { seal: (plain: string) => safeStorage.encryptString(plain).toString('base64'), open: (sealed: string) => safeStorage.decryptString(Buffer.from(sealed, 'base64')) }
    : undefined;
  const core = await createConsoleService({
    dataDir: config.dataDir,
    exchangeUrl: config.exchangeUrl,
    shell: 'electron',
    demo: config.demo,
    version: app.getVersion(),
    sealer,
  });
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Close the core (and with it the SQLite cache) before the process goes away.
    event.preventDefault();
    closed = true;
    core
      .close()
      .catch((err: unknown) => console.error('[main] closing the core failed', err))
      .finally(() => app.quit());
  });

  protocol.handle(SCHEME, serveRenderer);
  lockDownSession();
  registerBridge(core);
  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = null));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  process.on('SIGINT', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[main] failed to start', err);
      app.exit(1);
    });
}
