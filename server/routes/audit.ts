import type { FastifyInstance } from 'fastify';
import { AppError } from '#shared/errors';
import { AuditVerifyResponseSchema, ROUTES } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';

/** Recomputes the audit hash chain; supervisors and admins only. */
export async function auditRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.get(ROUTES.auditVerify, { schema: { response: { 200: AuditVerifyResponseSchema } } }, async (request) => {
    const { officer } = sessionOf(request);
    if (officer.role !== 'supervisor' && officer.role !== 'admin') throw new AppError('forbidden', 'only supervisors and admins verify the audit log');
    return store.verifyAudit();
  });
}
