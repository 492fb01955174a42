import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoginRequestSchema, LoginResponseSchema, MeResponseSchema, OkResponseSchema, ROUTES } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { login } from '../auth/login';
import { sessionOf } from '../auth/session';
import { loginThrottles } from '../auth/throttle';

export async function publicAuthRoutes(app: FastifyInstance, { store, config }: AppDeps): Promise<void> {
  const preHandler = loginThrottles(app, config.loginPerBadgePerMinute, config.loginPerAddressPerMinute);
  app.post(ROUTES.login, { schema: { body: LoginRequestSchema, response: { 200: LoginResponseSchema } }, preHandler }, async (request) => {
    const body = request.body as z.infer<typeof LoginRequestSchema>;
    return login(store, config, body.badge, body.password);
  });
}

export async function officerAuthRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.post(ROUTES.logout, { schema: { response: { 200: OkResponseSchema } } }, async (request) => {
    const session = sessionOf(request);
    await store.transaction(async (tx) => {
      await tx.sessions.revoke(session.tokenHash);
      await tx.audit.append({ at: new Date().toISOString(), actor: session.officer.badge, action: 'logout', itemId: null, detail: {} });
    });
    return { ok: true as const };
  });
  app.get(ROUTES.me, { schema: { response: { 200: MeResponseSchema } } }, async (request) => ({ officer: sessionOf(request).officer }));
}
