import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  AdminOfficerResponseSchema,
  AdminOfficersResponseSchema,
  AssignOfficerRequestSchema,
  CreateOfficerRequestSchema,
  LockOfficerRequestSchema,
  OfficerBadgeParamsSchema,
  OfficerPasswordResponseSchema,
  ROUTES,
  UnlockOfficerRequestSchema,
} from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { assignOfficer, createOfficer, listOfficers, lockOfficer, requireAdmin, resetPassword, unlockOfficer } from '../domain/officer-admin';

type Params = z.infer<typeof OfficerBadgeParamsSchema>;

/**
 * Officer administration for the admin role only (domain/officer-admin.ts: every change audited;
 * locks, resets and reassignments end the officer's sessions). Answers that carry a generated
 * password are not to be cached anywhere.
 */
export async function adminRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.addHook('preHandler', async (request) => requireAdmin(sessionOf(request).officer));

  app.get(ROUTES.adminOfficers, { schema: { response: { 200: AdminOfficersResponseSchema } } }, async () => ({ officers: await listOfficers(store) }));

  app.post(ROUTES.adminOfficers, { schema: { body: CreateOfficerRequestSchema, response: { 200: OfficerPasswordResponseSchema } } }, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    return createOfficer(store, sessionOf(request).officer, request.body as z.infer<typeof CreateOfficerRequestSchema>);
  });

  app.post(ROUTES.adminOfficerPassword, { schema: { params: OfficerBadgeParamsSchema, response: { 200: OfficerPasswordResponseSchema } } }, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    return resetPassword(store, sessionOf(request).officer, (request.params as Params).badge);
  });

  app.post(
    ROUTES.adminOfficerLock,
    { schema: { params: OfficerBadgeParamsSchema, body: LockOfficerRequestSchema, response: { 200: AdminOfficerResponseSchema } } },
    async (request) => ({
      officer: await lockOfficer(store, sessionOf(request).officer, (request.params as Params).badge, (request.body as z.infer<typeof LockOfficerRequestSchema>).reason),
    }),
  );

  app.post(
    ROUTES.adminOfficerUnlock,
    { schema: { params: OfficerBadgeParamsSchema, body: UnlockOfficerRequestSchema, response: { 200: AdminOfficerResponseSchema } } },
    async (request) => ({
      officer: await unlockOfficer(store, sessionOf(request).officer, (request.params as Params).badge, (request.body as z.infer<typeof UnlockOfficerRequestSchema>).reason),
    }),
  );

  app.post(
    ROUTES.adminOfficerAssignment,
    { schema: { params: OfficerBadgeParamsSchema, body: AssignOfficerRequestSchema, response: { 200: AdminOfficerResponseSchema } } },
    async (request) => ({
      officer: await assignOfficer(store, sessionOf(request).officer, (request.params as Params).badge, request.body as z.infer<typeof AssignOfficerRequestSchema>),
    }),
  );
}
