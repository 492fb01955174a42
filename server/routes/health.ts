import type { FastifyInstance } from 'fastify';
import { HealthResponseSchema, ROUTES } from '#shared/contract/api';
import type { AppDeps } from '../app';

export async function healthRoutes(app: FastifyInstance, { config }: AppDeps): Promise<void> {
  app.get(ROUTES.health, { schema: { response: { 200: HealthResponseSchema } } }, async () => ({ ok: true as const, version: config.version }));
}
