import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ROUTES, ServiceUsageQuerySchema, ServiceUsageResponseSchema, StatsQuerySchema, StatsResponseSchema } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { computeStats, serviceUsage, statsUnitFor } from '../domain/stats';

/**
 * The figures of dashboards and reports (DESIGN.md "Exchange API v1": GET /api/v1/stats) for
 * supervisors (their jurisdiction) and admins (everything); anyone else `forbidden`. Figures are
 * counts over the whole jurisdiction, no item and no personal data, so reading them is not audited;
 * the weekly report, a document that leaves the exchange, is (routes/reports.ts).
 */
export async function statsRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.get(ROUTES.stats, { schema: { querystring: StatsQuerySchema, response: { 200: StatsResponseSchema } } }, async (request) => {
    const q = request.query as z.infer<typeof StatsQuerySchema>;
    const unit = statsUnitFor(sessionOf(request).officer, q.unit);
    return await computeStats(store, unit, q.from, q.to);
  });

  app.get(ROUTES.statsServices, { schema: { querystring: ServiceUsageQuerySchema, response: { 200: ServiceUsageResponseSchema } } }, async (request) => {
    const q = request.query as z.infer<typeof ServiceUsageQuerySchema>;
    return await serviceUsage(store, statsUnitFor(sessionOf(request).officer, q.unit), q.month);
  });
}
