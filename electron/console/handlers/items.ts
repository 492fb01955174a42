import { AppError } from '#shared/errors';
import { outboxToPending } from '#db/repos/outbox';
import { conflictToBridge } from '#db/repos/conflicts';
import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/** The queues (paged SQL over the cache), one item with its pending work, commands, reveal, the officer directory. */
export function itemHandlers(ctx: CoreContext): HandlersOf<'items.list' | 'items.query' | 'items.indexOf' | 'items.get' | 'items.command' | 'items.reveal' | 'officers.directory'> {
  const { cache } = ctx;
  const queryContext = () => ({ badge: ctx.requireSession().officer.badge, nowMs: ctx.now() });
  return {
    async 'items.list'({ kind, sinceRev }) {
      ctx.requireSession();
      return cache.items.list(kind, sinceRev);
    },

    /** One page of a queue, filtered and sorted in SQLite (the grid's datasource). */
    async 'items.query'(q) {
      const qc = queryContext();
      const rev = cache.meta.rev();
      return { ...cache.queue.page(q, qc), rev };
    },

    async 'items.indexOf'({ query, id }) {
      return cache.queue.indexOf(query, id, queryContext());
    },

    async 'items.get'({ id }) {
      const s = ctx.requireSession();
      const cached = cache.items.get(id);
      if (!cached) throw new AppError('not_found', `本地缓存中没有 ${id}`);
      const item = cached.local ?? cached.server;
      return {
        item,
        rev: cached.rev,
        claimedByName: item.claimedBy === null ? null : (cache.officers.names().get(item.claimedBy) ?? null),
        attachments: cache.attachments.forItem(id),
        pending: cache.outbox.forItem(id).filter((r) => r.badge === s.officer.badge).map(outboxToPending),
        conflicts: cache.conflicts.forItem(id).filter((c) => c.badge === s.officer.badge).map(conflictToBridge),
      };
    },

    async 'items.command'(cmd) {
      const { commandId, rev } = ctx.enqueue(cmd);
      return { commandId, item: cache.items.effective(cmd.itemId)!, rev };
    },

    async 'items.reveal'(args) {
      const s = ctx.requireSession();
      if (!s.token) throw new AppError('offline', '查看完整信息需要联网并在线登录');
      return ctx.client.reveal(s.token, args);
    },

    async 'officers.directory'() {
      ctx.requireSession();
      return cache.officers.list();
    },
  };
}
