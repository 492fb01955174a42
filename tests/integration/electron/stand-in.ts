/**
 * A stand-in for the `electron` module (the binary is not installable here): records what
 * electron/main.ts and electron/preload.ts ask of Electron, so tests can check the security
 * checklist against the real files. Only what those two files use.
 */
export type Listener = (...args: never[]) => unknown;

export interface FakeContents {
  listeners: Map<string, Listener>;
  windowOpenHandler: ((details: { url: string }) => unknown) | null;
  sent: { channel: string; payload: unknown }[];
  on(event: string, listener: Listener): FakeContents;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void;
  send(channel: string, payload: unknown): void;
}

export function fakeContents(): FakeContents {
  const c: FakeContents = {
    listeners: new Map(),
    windowOpenHandler: null,
    sent: [],
    on(event, listener) {
      c.listeners.set(event, listener);
      return c;
    },
    setWindowOpenHandler(handler) {
      c.windowOpenHandler = handler;
    },
    send(channel, payload) {
      c.sent.push({ channel, payload });
    },
  };
  return c;
}

export function createElectronStandIn(opts: { userData: string; encryption: boolean }) {
  const record = {
    appListeners: new Map<string, Listener[]>(),
    windows: [] as { options: { webPreferences?: Record<string, unknown> }; contents: FakeContents; url: string | null }[],
    ipcHandlers: new Map<string, (event: unknown, args: unknown) => unknown>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    headerHooks: [] as { filter: { urls: string[] }; listener: Listener }[],
    permissionRequest: null as ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheck: null as (() => boolean) | null,
    exposed: new Map<string, unknown>(),
    invoked: [] as { channel: string; args: unknown[] }[],
    rendererListeners: new Map<string, Listener>(),
    invokeReply: ((): unknown => ({ ok: true, result: 'ok' })) as (channel: string, args: unknown) => unknown,
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));

  class BrowserWindow {
    readonly webContents = fakeContents();
    private url: string | null = null;
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      record.windows.push({ options, contents: this.webContents, url: null });
    }
    isDestroyed = () => false;
    isMaximized = () => false;
    isMinimized = () => false;
    maximize = () => undefined;
    restore = () => undefined;
    focus = () => undefined;
    show = () => undefined;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1440, height: 900 });
    loadURL = async (url: string) => {
      this.url = url;
      record.windows.find((w) => w.contents === this.webContents)!.url = url;
    };
    on = () => this;
    once = () => this;
  }

  const electron = {
    app: {
      getPath: () => opts.userData,
      getVersion: () => '0.0.0-test',
      requestSingleInstanceLock: () => true,
      whenReady: () => whenReady,
      quit: () => undefined,
      exit: () => undefined,
      on(event: string, listener: Listener) {
        record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), listener]);
        return electron.app;
      },
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, listener: (event: unknown, args: unknown) => unknown) => void record.ipcHandlers.set(channel, listener) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        record.invoked.push({ channel, args });
        return record.invokeReply(channel, args[0]);
      },
      on: (channel: string, listener: Listener) => {
        record.rendererListeners.set(channel, listener);
        return electron.ipcRenderer;
      },
      removeListener: (channel: string) => {
        record.rendererListeners.delete(channel);
        return electron.ipcRenderer;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void record.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => void record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (filter: { urls: string[] }, listener: Listener) => void record.headerHooks.push({ filter, listener }) },
        setPermissionRequestHandler: (h: typeof record.permissionRequest) => void (record.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof record.permissionCheck) => void (record.permissionCheck = h),
      },
    },
    screen: { getDisplayMatching: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void record.exposed.set(key, api) },
    safeStorage: {
      isEncryptionAvailable: () => opts.encryption,
      // a reversible stand-in for the OS key store: not the plain text, and only this "machine" opens it
      encryptString: (plain: string) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
      decryptString: (sealed: Buffer) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString('utf8'),
    },
  };
  return { electron, record, ready: () => ready() };
}
