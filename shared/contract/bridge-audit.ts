import { z } from 'zod';
import { AuditListResponseSchema, AuditQuerySchema, AuditVerifyResponseSchema } from './api';

/**
 * Bridge methods of the audit screens (see bridge.ts for the rules every method follows). They call
 * the exchange online only: figures, documents and the audit log are never cached on the console.
 * Arguments are the exchange's own query schema, so the console refuses what the exchange would;
 * which entries the officer may read (supervisors their jurisdiction, admins everything) is the
 * exchange's decision (server/routes/audit.ts).
 */
export const AUDIT_BRIDGE = {
  /** One page of the audit log, newest first, filtered (GET /api/v1/audit); `next` is the following page's `before`. */
  'audit.list': { args: AuditQuerySchema, result: AuditListResponseSchema },
  /** The whole hash chain recomputed by the exchange (GET /api/v1/audit/verify): intact, or the first bad seq. */
  'audit.verify': { args: z.strictObject({}), result: AuditVerifyResponseSchema },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
