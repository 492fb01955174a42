import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ROUTES, WeeklyReportQuerySchema } from '#shared/contract/api';
import type { AppDeps } from '../app';
import { sessionOf } from '../auth/session';
import { statsUnitFor } from '../domain/stats';
import { weeklyReportContent, weeklyReportPdf, weeklyReportXlsx } from '../domain/weekly-report';

const CONTENT_TYPE = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * GET /api/v1/reports/weekly?unit=&week=YYYY-Www&format=pdf|xlsx (DESIGN.md "Exchange API v1"):
 * supervisors for their jurisdiction, admins for any unit. A document leaving the exchange, so each
 * download is audited (`report_weekly`: unit, week, format, the file's sha256). The 200 body is the
 * file (no JSON schema to declare); errors go through the one handler.
 */
export async function reportRoutes(app: FastifyInstance, { store }: AppDeps): Promise<void> {
  app.get(ROUTES.reportWeekly, { schema: { querystring: WeeklyReportQuerySchema } }, async (request, reply) => {
    const { officer } = sessionOf(request);
    const q = request.query as z.infer<typeof WeeklyReportQuerySchema>;
    const unit = statsUnitFor(officer, q.unit);
    const now = new Date();
    const content = await weeklyReportContent(store, unit, q.week, now);
    const bytes = q.format === 'pdf' ? weeklyReportPdf(content) : await weeklyReportXlsx(content);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await store.audit.append({ at: now.toISOString(), actor: officer.badge, action: 'report_weekly', itemId: null, detail: { unit, week: q.week, format: q.format, sha256, size: bytes.length } });
    return reply
      .type(CONTENT_TYPE[q.format])
      .header('content-disposition', `attachment; filename="weekly-${unit}-${q.week}.${q.format}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });
}
