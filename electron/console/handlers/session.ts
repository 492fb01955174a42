import { AppError } from '#shared/errors';
import type { Session } from '#shared/contract/bridge';
import type { CoreContext } from '../context';
import { cachedScope, cacheScopeChanged, loginOffline, loginOnline, type ActiveSession } from '../auth';
import type { HandlersOf } from './types';

/** app.info and the officer's session: login online or offline, logout (with wipe), the current session. */
export function sessionHandlers(ctx: CoreContext): HandlersOf<'app.info' | 'auth.login' | 'auth.logout' | 'auth.session'> {
  const { cache } = ctx;
  return {
    async 'app.info'() {
      return { version: ctx.opts.version, shell: ctx.opts.shell, exchangeUrl: ctx.client.url, demo: ctx.opts.demo };
    },

    async 'auth.login'({ badge, password }): Promise<Session> {
      // what the cache holds, read before an online login stores the officer's new record
      const cached = cachedScope(cache);
      let session: ActiveSession;
      try {
        session = await loginOnline(cache, ctx.client, badge, password, ctx.now());
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'offline' && err.code !== 'unavailable')) throw err;
        session = await loginOffline(cache, badge, password, ctx.now(), ctx.settings().wipeAfterOfflineDays, () => ctx.wipeLocal());
      }
      cache.tx(() => {
        // the cache holds one officer's scope: another officer, or this one with another role or
        // unit, starts from an empty feed. The tombstones tell an open view its rows went; the
        // outbox and conflicts stay (per badge): this officer's queued commands are sent as
        // before, and one the new scope does not allow comes back refused and becomes a conflict
        // with the decision kept, as for any item that left the scope meanwhile.
        if (cacheScopeChanged(cached, session.officer)) {
          cache.items.clear({ keepTombstones: true });
          cache.officers.clear();
          cache.meta.setCursor(0);
          cache.meta.delete('last_sync_at');
          cache.meta.setOwner(session.officer.badge);
        }
        cache.meta.set('current_badge', session.officer.badge);
      });
      ctx.session = session;
      ctx.engine.sessionChanged();
      const out = ctx.sessionView()!;
      ctx.events.emit('session.changed', out);
      ctx.events.emit('items.changed', { rev: cache.meta.rev(), kinds: ['application', 'accident', 'tip'] });
      return out;
    },

    /**
     * Logout revokes the token (best effort) and forgets it locally. With `wipe` it also deletes the
     * cached items, attachments, tokens and verifiers — but never unsent work: while the outbox or
     * the conflicts panel holds anything, a wipe is refused with `invalid` and nothing is deleted.
     */
    async 'auth.logout'({ wipe }) {
      if (wipe) {
        const unsent = cache.outbox.countAll();
        const conflicts = cache.conflicts.countAll();
        if (unsent > 0 || conflicts > 0) {
          throw new AppError(
            'invalid',
            `本机尚有 ${unsent} 条未发送的操作、${conflicts} 条未处理的冲突，不能清除缓存。请联网同步或在同步面板处理后再清除。`,
          );
        }
      }
      const s = ctx.session;
      if (s?.token) await ctx.client.logout(s.token).catch(() => undefined);
      if (s) cache.sessions.clearToken(s.officer.badge);
      cache.meta.delete('current_badge');
      ctx.session = null;
      ctx.engine.sessionChanged();
      if (wipe) await ctx.wipeLocal();
      ctx.events.emit('session.changed', null);
      return { ok: true as const };
    },

    async 'auth.session'() {
      try {
        ctx.requireSession();
      } catch {
        return null;
      }
      return ctx.sessionView();
    },
  };
}
