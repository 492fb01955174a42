/**
 * Electron is an optional dependency and absent where its binary cannot be downloaded (like the CI
 * machine), yet electron/main.ts and electron/preload.ts must typecheck everywhere. This declares
 * the small part of Electron's API those two files use, with Electron 38's signatures. Where the
 * real package is installed its electron.d.ts declares the same module and the two merge; the
 * duplicate names are only reported when checking declaration files, which tsconfig's skipLibCheck
 * turns off (verified against electron 38.8.6's electron.d.ts).
 * When main.ts or preload.ts start using more of Electron, add it here with the real signature.
 */
declare module 'electron' {
  interface Rectangle { x: number; y: number; width: number; height: number }
  interface WebFrameMain { readonly url: string }
  interface IpcMainInvokeEvent { readonly sender: WebContents; readonly senderFrame: WebFrameMain | null }
  interface IpcRendererEvent { readonly sender: unknown }
  interface Event { preventDefault(): void }
  interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): this;
    on(event: 'will-attach-webview', listener: (event: Event) => void): this;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  }
  interface BrowserWindowConstructorOptions {
    x?: number; y?: number; width?: number; height?: number; minWidth?: number; minHeight?: number;
    show?: boolean; title?: string; backgroundColor?: string;
    webPreferences?: { preload?: string; contextIsolation?: boolean; nodeIntegration?: boolean; sandbox?: boolean; webSecurity?: boolean; spellcheck?: boolean };
  }
  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    isDestroyed(): boolean;
    isMaximized(): boolean;
    isMinimized(): boolean;
    maximize(): void;
    restore(): void;
    focus(): void;
    show(): void;
    getNormalBounds(): Rectangle;
    loadURL(url: string): Promise<void>;
    on(event: 'close' | 'closed', listener: () => void): this;
    once(event: 'ready-to-show', listener: () => void): this;
  }
  interface App {
    getPath(name: 'userData'): string;
    getVersion(): string;
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    quit(): void;
    exit(code?: number): void;
    on(event: 'before-quit', listener: (event: Event) => void): this;
    on(event: 'second-instance' | 'window-all-closed', listener: () => void): this;
    on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): this;
  }
  interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<unknown> | unknown): void; // eslint-disable-line @typescript-eslint/no-explicit-any -- Electron's own signature
  }
  interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Electron's own signature
    on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this; // eslint-disable-line @typescript-eslint/no-explicit-any -- Electron's own signature
    removeListener(channel: string, listener: (...args: any[]) => void): this; // eslint-disable-line @typescript-eslint/no-explicit-any -- Electron's own signature
  }
  interface Protocol {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean } }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  }
  interface Session {
    webRequest: {
      onHeadersReceived(
        filter: { urls: string[] },
        listener: (
          details: { responseHeaders?: Record<string, string[]> },
          callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
        ) => void,
      ): void;
    };
    setPermissionRequestHandler(handler: (contents: WebContents, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  }
  interface Screen { getDisplayMatching(rect: Rectangle): { workArea: Rectangle } }
  interface SafeStorage {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
  }
  interface ContextBridge { exposeInMainWorld(apiKey: string, api: any): void } // eslint-disable-line @typescript-eslint/no-explicit-any -- Electron's own signature

  export const app: App;
  export const ipcMain: IpcMain;
  export const ipcRenderer: IpcRenderer;
  export const protocol: Protocol;
  export const session: { defaultSession: Session };
  export const screen: Screen;
  export const contextBridge: ContextBridge;
  export const safeStorage: SafeStorage;
  export { BrowserWindow };
  export type { IpcMainInvokeEvent, IpcRendererEvent, Rectangle, WebContents };
}
