import { z } from 'zod';
import { ReportFormatSchema, ServiceUsageQuerySchema, ServiceUsageResponseSchema, StatsQuerySchema, StatsResponseSchema, WeeklyReportQuerySchema } from './api';

/**
 * Bridge methods of the supervision screens (see bridge.ts for the rules every method follows). They call
 * the exchange online only: figures, documents and the audit log are never cached on the console.
 * Arguments are the exchange's own query schemas (shared/contract/api.ts), so the console refuses
 * what the exchange would refuse before anything is sent; which unit the officer may read
 * (supervisors their jurisdiction, admins everything) is the exchange's decision (statsUnitFor).
 */
export const SUPERVISION_BRIDGE = {
  /** The figures of a unit's jurisdiction over `[from, to)` (GET /api/v1/stats). */
  'stats.get': { args: StatsQuerySchema, result: StatsResponseSchema },
  /** Every service's use and ratings in one month of Shanghai time, flagged (GET /api/v1/stats/services). */
  'stats.services': { args: ServiceUsageQuerySchema, result: ServiceUsageResponseSchema },
  /**
   * The weekly report as the exchange made it (GET /api/v1/reports/weekly, audited there), the
   * bytes as base64 like attachments.get. The format is required here: a button names it.
   */
  'reports.weekly': {
    args: WeeklyReportQuerySchema.extend({ format: ReportFormatSchema }),
    result: z.object({ fileName: z.string().min(1), contentType: z.string(), base64: z.string() }),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
