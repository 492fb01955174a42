import { AppError } from '#shared/errors';
import { LocalCommandSchema } from '#shared/contract/bridge';
import { outboxToPending } from '#db/repos/outbox';
import { conflictToBridge } from '#db/repos/conflicts';
import type { CoreContext } from '../context';
import { rebaseItem } from '../local-view';
import type { HandlersOf } from './types';

/** The outbox and the conflicts panel: the officer's kept decisions, re-applied or discarded. */
export function conflictHandlers(ctx: CoreContext): HandlersOf<'outbox.list' | 'conflicts.list' | 'conflicts.reapply' | 'conflicts.discard'> {
  const { cache } = ctx;
  const mine = (id: number) => {
    const s = ctx.requireSession();
    const c = cache.conflicts.get(id);
    if (!c || c.badge !== s.officer.badge) throw new AppError('not_found', '没有这条冲突记录');
    return { s, c };
  };
  return {
    async 'outbox.list'() {
      const s = ctx.requireSession();
      return cache.outbox.list(s.officer.badge).map(outboxToPending);
    },

    async 'conflicts.list'() {
      const s = ctx.requireSession();
      return cache.conflicts.list(s.officer.badge).map(conflictToBridge);
    },

    /** Queues the kept decision again as a new command (checked like a fresh one), then the held ones behind it. */
    async 'conflicts.reapply'({ id }) {
      const { s, c } = mine(id);
      // a kept body was valid when it was queued; parse it again so an old cache cannot smuggle one in
      const cmd = LocalCommandSchema.safeParse({ itemId: c.itemId, type: c.type, body: c.body });
      if (!cmd.success) throw new AppError('invalid', '这条冲突记录中的操作已无法识别，请放弃后重新操作');
      const { commandId } = ctx.enqueue(cmd.data, () => {
        cache.conflicts.delete(id);
        ctx.releaseHeldIfClear(c.itemId, s.officer.badge);
      });
      return { commandId };
    },

    async 'conflicts.discard'({ id }) {
      const { s, c } = mine(id);
      cache.tx(() => {
        cache.conflicts.delete(id);
        ctx.releaseHeldIfClear(c.itemId, s.officer.badge);
        rebaseItem(cache, c.itemId);
        cache.items.touch(c.itemId);
      });
      ctx.afterLocalChange(c.itemId);
      return { ok: true as const };
    },
  };
}
