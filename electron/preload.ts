/**
 * Sandboxed preload: exposes exactly the bridge contract to the page, nothing else — no
 * ipcRenderer, no generic `on(string)`. Bundled into one file (dist/electron/preload.cjs) because a
 * sandboxed preload cannot require local modules.
 *
 * Failures reject with a plain `{code, message}` object: the context bridge copies plain objects
 * intact but keeps only the message of an Error, and the renderer needs the code
 * (renderer/app/bridge.ts toBridgeError).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE, BRIDGE_EVENTS, type BridgeApi, type BridgeError, type BridgeEvent, type BridgeEventPayload, type BridgeMethod } from '#shared/contract/bridge';

type Reply = { ok: true; result: unknown } | { ok: false; error: BridgeError };

function call(method: BridgeMethod) {
  return async (args: unknown): Promise<unknown> => {
    const reply = (await ipcRenderer.invoke(`bridge:${method}`, args ?? {})) as Reply;
    if (reply.ok) return reply.result;
    throw { code: reply.error.code, message: reply.error.message };
  };
}

// Built from BRIDGE's own keys, so the key set is exactly BridgeApi's; each method's argument and
// result types are the contract's (the main process validates both ways through dispatchBridge).
const consoleApi = Object.fromEntries((Object.keys(BRIDGE) as BridgeMethod[]).map((method) => [method, call(method)])) as BridgeApi satisfies BridgeApi;

const eventNames = new Set<string>(Object.keys(BRIDGE_EVENTS));

const consoleEvents = {
  on<E extends BridgeEvent>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void {
    if (!eventNames.has(event)) throw new Error(`unknown console event: ${String(event)}`);
    const channel = `event:${event}`;
    const relay = (_e: IpcRendererEvent, payload: BridgeEventPayload<E>) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
};

contextBridge.exposeInMainWorld('consoleApi', consoleApi);
contextBridge.exposeInMainWorld('consoleEvents', consoleEvents);
