import { AuditListResponseSchema, AuditVerifyResponseSchema, ROUTES } from '#shared/contract/api';
import type { AUDIT_BRIDGE } from '#shared/contract/bridge-audit';
import { AppError } from '#shared/errors';
import type { CoreContext } from '../context';
import type { HandlersOf } from './types';

/**
 * The audit screens' methods: online calls to the exchange with the session's token. Nothing is
 * cached: the log is the exchange's, read by SQL over its own table, and the chain can only be
 * verified where the chain is. Without a token (an offline unlock) they refuse at once with
 * `offline`; a network failure is `offline` from the client too.
 */
export function auditHandlers(ctx: CoreContext): HandlersOf<keyof typeof AUDIT_BRIDGE> {
  const token = (what: string): string => {
    const s = ctx.requireSession();
    if (!s.token) throw new AppError('offline', `${what}需要联网并在线登录`);
    return s.token;
  };
  return {
    async 'audit.list'({ actor, itemId, action, from, to, before, limit }) {
      return ctx.client.call('GET', ROUTES.audit, AuditListResponseSchema, { token: token('查看审计日志'), query: { actor, itemId, action, from, to, before, limit } });
    },

    async 'audit.verify'() {
      return ctx.client.call('GET', ROUTES.auditVerify, AuditVerifyResponseSchema, { token: token('校验审计链'), timeoutMs: 60_000 });
    },
  };
}
