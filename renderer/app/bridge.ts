import type { BridgeApi, BridgeArgs, BridgeEvent, BridgeEventPayload, BridgeMethod, BridgeResult } from '#shared/contract/bridge';
import { BRIDGE, BRIDGE_EVENTS } from '#shared/contract/bridge';
import { ErrorCodeSchema, type ErrorCode } from '#shared/errors';

/**
 * The renderer's only way out: `window.consoleApi` in Electron (exposed by the preload), otherwise
 * the web shell's HTTP bridge on the same origin. Both are typed from the one contract in
 * shared/contract/bridge.ts, and every failure reaches the UI as a BridgeCallError with a code from
 * shared/errors.ts, so screens translate `errors.<code>` and never look at message text.
 */

export type EventListener<E extends BridgeEvent> = (payload: BridgeEventPayload<E>) => void;

export interface ConsoleEvents {
  on<E extends BridgeEvent>(event: E, listener: EventListener<E>): () => void;
}

declare global {
  interface Window {
    consoleApi?: BridgeApi;
    consoleEvents?: ConsoleEvents;
  }
}

export class BridgeCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

/** Any thrown value as a BridgeCallError: keeps a valid `code`, else it is a bug (`internal`). */
export function toBridgeError(e: unknown): BridgeCallError {
  if (e instanceof BridgeCallError) return e;
  if (typeof e === 'object' && e !== null) {
    const candidate = 'error' in e && typeof e.error === 'object' && e.error !== null ? e.error : e;
    const code = ErrorCodeSchema.safeParse((candidate as { code?: unknown }).code);
    const message = (candidate as { message?: unknown }).message;
    if (code.success) return new BridgeCallError(code.data, typeof message === 'string' ? message : code.data);
    if (e instanceof Error) return new BridgeCallError('internal', e.message);
  }
  return new BridgeCallError('internal', String(e));
}

// ---- web shell client ---------------------------------------------------------------------------

const TOKEN_KEY = 'console.token';

/**
 * The web shell hands its session token over in the address (`#token=…`). Keep it in this tab's
 * sessionStorage and take it out of the address bar so it is not bookmarked or shared.
 */
export function takeTokenFromLocation(): string | null {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function webCall<M extends BridgeMethod>(method: M, args: BridgeArgs<M>): Promise<BridgeResult<M>> {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  return fetch(`./bridge/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-token': token },
    body: JSON.stringify(args ?? {}),
  }).then(
    async (res) => {
      const reply: unknown = await res.json().catch(() => null);
      if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
        if (reply.ok === true && 'result' in reply) return reply.result as BridgeResult<M>;
        throw toBridgeError(reply);
      }
      throw new BridgeCallError(res.status === 401 ? 'unauthenticated' : 'unavailable', `HTTP ${res.status}`);
    },
    (e: unknown) => {
      throw new BridgeCallError('unavailable', e instanceof Error ? e.message : String(e));
    },
  );
}

function webApi(): BridgeApi {
  const api: Partial<Record<BridgeMethod, unknown>> = {};
  for (const method of Object.keys(BRIDGE) as BridgeMethod[]) {
    api[method] = (args: BridgeArgs<typeof method>) => webCall(method, args);
  }
  return api as BridgeApi;
}

/** One EventSource per tab, shared by every subscriber; the browser reconnects it by itself. */
function webEvents(): ConsoleEvents {
  let source: EventSource | null = null;
  const listeners = new Map<BridgeEvent, Set<(p: unknown) => void>>();
  const ensure = (): EventSource => {
    if (source) return source;
    const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
    source = new EventSource(`./bridge/events?token=${encodeURIComponent(token)}`);
    for (const name of Object.keys(BRIDGE_EVENTS) as BridgeEvent[]) {
      source.addEventListener(name, (ev: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(ev.data);
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
    return source;
  };
  return {
    on(event, listener) {
      ensure();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

// ---- the exported bridge -------------------------------------------------------------------------

function wrapErrors(raw: BridgeApi): BridgeApi {
  const api: Partial<Record<BridgeMethod, unknown>> = {};
  for (const method of Object.keys(BRIDGE) as BridgeMethod[]) {
    const fn = raw[method] as (a: unknown) => Promise<unknown>;
    api[method] = (args: unknown) =>
      Promise.resolve()
        .then(() => fn(args ?? {}))
        .catch((e: unknown) => {
          throw toBridgeError(e);
        });
  }
  return api as BridgeApi;
}

let cached: { api: BridgeApi; events: ConsoleEvents } | null = null;

function resolveBridge(): { api: BridgeApi; events: ConsoleEvents } {
  if (cached) return cached;
  if (window.consoleApi) {
    const events: ConsoleEvents = window.consoleEvents ?? { on: () => () => undefined };
    cached = { api: wrapErrors(window.consoleApi), events };
  } else {
    takeTokenFromLocation();
    cached = { api: webApi(), events: webEvents() };
  }
  return cached;
}

export function bridge(): BridgeApi {
  return resolveBridge().api;
}

export function onBridgeEvent<E extends BridgeEvent>(event: E, listener: EventListener<E>): () => void {
  return resolveBridge().events.on(event, listener);
}
