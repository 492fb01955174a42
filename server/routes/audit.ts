import type { FastifyInstance } from 'fastify';
import { AppError } from '#shared/errors';
import type { Officer } from '#shared/domain/officers';
import { unitPrefix } from '#shared/domain/units';
import { AuditListResponseSchema, AuditQuerySchema, AuditVerifyResponseSchema, ROUTES, type AuditListResponse, type AuditQuery } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';

function requireAuditor(officer: Officer, what: string): void {
  if (officer.role !== 'supervisor' && officer.role !== 'admin') throw new AppError('forbidden', `only supervisors and admins ${what}`);
}

/**
 * The audit log for supervisors (their jurisdiction: entries about items of their units and
 * entries whose actor is an officer of their units) and admins (everything); anyone else
 * `forbidden`. Reading the log is not itself audited: an entry holds who did what and why, never a
 * revealed value or an ID number (reveal.ts and apply.ts write none), so a read discloses no
 * personal data, and an entry per page read would bury the events the log exists for.
 */
export async function auditRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.get(ROUTES.auditVerify, { schema: { response: { 200: AuditVerifyResponseSchema } } }, async (request) => {
    requireAuditor(sessionOf(request).officer, 'verify the audit log');
    return store.audit.verify();
  });

  app.get(ROUTES.audit, { schema: { querystring: AuditQuerySchema, response: { 200: AuditListResponseSchema } } }, async (request): Promise<AuditListResponse> => {
    const { officer } = sessionOf(request);
    requireAuditor(officer, 'read the audit log');
    const q = request.query as AuditQuery;
    const rows = await store.audit.list({
      unitPrefix: officer.role === 'admin' ? null : unitPrefix(officer.unitCode),
      actor: q.actor,
      itemId: q.itemId,
      actions: q.action ? [...new Set(q.action.split(','))] : undefined,
      from: q.from,
      to: q.to,
      before: q.before,
      // one more than asked tells whether another page follows
      limit: q.limit + 1,
    });
    const entries = rows.slice(0, q.limit);
    const hasMore = rows.length > q.limit;
    return { entries, hasMore, next: hasMore ? entries[entries.length - 1]!.seq : null };
  });
}
