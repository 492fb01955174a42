import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '#shared/errors';
import { BRIDGE, type BridgeApi, type BridgeEvent, type BridgeEventPayload, type BridgeMethod } from '#shared/contract/bridge';
import { openCache } from '#db/cache';
import { CoreContext, type ConsoleServiceOptions } from './context';
import { sessionHandlers } from './handlers/session';
import { syncHandlers } from './handlers/sync';
import { itemHandlers } from './handlers/items';
import { conflictHandlers } from './handlers/conflicts';
import { attachmentHandlers } from './handlers/attachments';
import { settingsHandlers } from './handlers/settings';
import { tipHandlers } from './handlers/tips';
import { supervisionHandlers } from './handlers/supervision';
import { auditHandlers } from './handlers/audit';
import { adminHandlers } from './handlers/admin';
import { hallHandlers } from './handlers/hall';
import type { Handlers } from './handlers/types';
import { issueSummary } from './validation';

export type { ConsoleServiceOptions } from './context';

export type ConsoleCore = BridgeApi & {
  on<E extends BridgeEvent>(event: E, listener: (p: BridgeEventPayload<E>) => void): () => void;
  close(): Promise<void>;
  /** Test hook: resolves when attachment prefetch started by the last pull is done. */
  prefetchIdle(): Promise<void>;
};

/**
 * The console core both shells use (Actual Budget's handler-map shape): one module per domain in
 * handlers/, merged here into the bridge's handler map — the type demands every bridge method —
 * over one CoreContext (cache, exchange client, sync engine, attachments, session). Plain Node;
 * the cache lives in `<dataDir>/cache.sqlite`, files in `<dataDir>/attachments`.
 *
 * Every method parses its arguments with the bridge's schema exactly once, here at the entry
 * (both shells reach the core only through these methods, via electron/console/dispatch.ts), so
 * handlers get typed, defaulted values and never parse again.
 */
export async function createConsoleService(opts: ConsoleServiceOptions): Promise<ConsoleCore> {
  // the officer's folder only: cache, tokens and attachment files are not for other users of the PC
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const cache = openCache(join(opts.dataDir, 'cache.sqlite'), { sealer: opts.sealer });
  try {
    const ctx = new CoreContext(cache, opts);
    const handlers: Handlers = {
      ...sessionHandlers(ctx),
      ...syncHandlers(ctx),
      ...itemHandlers(ctx),
      ...conflictHandlers(ctx),
      ...attachmentHandlers(ctx),
      ...settingsHandlers(ctx),
      ...tipHandlers(ctx),
      ...supervisionHandlers(ctx),
      ...auditHandlers(ctx),
      ...adminHandlers(ctx),
      ...hallHandlers(ctx),
    };
    ctx.start();
    const api = Object.fromEntries(
      (Object.keys(BRIDGE) as BridgeMethod[]).map((method) => [method, validated(method, handlers[method] as (args: unknown) => Promise<unknown>)]),
    ) as BridgeApi;
    return {
      ...api,
      on: (event, listener) => ctx.events.on(event, listener),
      async close() {
        await ctx.engine.stop();
        ctx.events.clear();
        cache.close();
      },
      prefetchIdle: () => ctx.engine.prefetchIdle(),
    };
  } catch (err) {
    cache.close();
    throw err;
  }
}

function validated(method: BridgeMethod, handler: (args: unknown) => Promise<unknown>): (raw: unknown) => Promise<unknown> {
  const schema = BRIDGE[method].args;
  return async (raw) => {
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) throw new AppError('invalid', issueSummary(parsed.error));
    return handler(parsed.data);
  };
}
