import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/** The header's sync state, and "sync now" (resolves when one pull and one push round are done). */
export function syncHandlers(ctx: CoreContext): HandlersOf<'sync.status' | 'sync.now'> {
  return {
    async 'sync.status'() {
      return ctx.engine.status();
    },
    async 'sync.now'() {
      ctx.requireSession();
      await ctx.engine.syncNow();
      return ctx.engine.status();
    },
  };
}
