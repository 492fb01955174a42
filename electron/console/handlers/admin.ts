import { AdminOfficerResponseSchema, AdminOfficersResponseSchema, OfficerPasswordResponseSchema, ROUTES } from '#shared/contract/api';
import type { ADMIN_BRIDGE } from '#shared/contract/bridge-admin';
import { AppError } from '#shared/errors';
import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/** `…/:badge/…` with the badge (6 digits by the bridge schema, so nothing to escape). */
const forBadge = (route: string, badge: string): string => route.replace(':badge', badge);

/**
 * The admin screens' methods: online calls to the exchange with the session's token. Nothing is
 * cached and nothing is announced: an officer record changes only on the exchange, and the list is
 * read again when the screen wants it. Without a token (an offline unlock) they refuse at once with
 * `offline`; a network failure is `offline` from the client too.
 *
 * Passwords: `create` and `resetPassword` return the exchange's answer as it came, to the caller
 * only. The password is never stored, emitted as an event or logged here (an error never carries
 * it: the request bodies hold none, and a malformed answer's zod issues name paths, not values).
 */
export function adminHandlers(ctx: CoreContext): HandlersOf<keyof typeof ADMIN_BRIDGE> {
  const token = (what: string): string => {
    const s = ctx.requireSession();
    if (!s.token) throw new AppError('offline', `${what}需要联网并在线登录`);
    return s.token;
  };
  return {
    async 'admin.officers.list'() {
      return ctx.client.call('GET', ROUTES.adminOfficers, AdminOfficersResponseSchema, { token: token('查看警员名册') });
    },

    async 'admin.officers.create'(body) {
      return ctx.client.call('POST', ROUTES.adminOfficers, OfficerPasswordResponseSchema, { token: token('新建警员'), body });
    },

    async 'admin.officers.resetPassword'({ badge }) {
      return ctx.client.call('POST', forBadge(ROUTES.adminOfficerPassword, badge), OfficerPasswordResponseSchema, { token: token('重置密码') });
    },

    async 'admin.officers.lock'({ badge, reason }) {
      return ctx.client.call('POST', forBadge(ROUTES.adminOfficerLock, badge), AdminOfficerResponseSchema, { token: token('锁定账号'), body: { reason } });
    },

    async 'admin.officers.unlock'({ badge, reason }) {
      return ctx.client.call('POST', forBadge(ROUTES.adminOfficerUnlock, badge), AdminOfficerResponseSchema, {
        token: token('解锁账号'),
        body: reason === undefined ? {} : { reason },
      });
    },

    async 'admin.officers.assign'({ badge, role, unitCode, reason }) {
      // only what was given: an absent field keeps the officer's current value on the exchange
      const body = { ...(role === undefined ? {} : { role }), ...(unitCode === undefined ? {} : { unitCode }), ...(reason === undefined ? {} : { reason }) };
      return ctx.client.call('POST', forBadge(ROUTES.adminOfficerAssignment, badge), AdminOfficerResponseSchema, { token: token('调整岗位或单位'), body });
    },
  };
}
