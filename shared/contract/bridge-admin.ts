import { z } from 'zod';
import {
  AdminOfficerResponseSchema,
  AdminOfficersResponseSchema,
  AssignOfficerRequestSchema,
  CreateOfficerRequestSchema,
  LockOfficerRequestSchema,
  OfficerBadgeParamsSchema,
  OfficerPasswordResponseSchema,
  UnlockOfficerRequestSchema,
} from './api';

/**
 * Bridge methods of the admin screens (see bridge.ts for the rules every method follows). They call
 * the exchange online only: officer records are never cached on the console. Arguments are the
 * exchange's own request schemas (shared/contract/api.ts) with the officer's badge beside them, so
 * the console refuses what the exchange would refuse before anything is sent; that the caller is
 * an admin, that the unit exists and that an admin does not lock or reassign themselves is the
 * exchange's decision (server/domain/officer-admin.ts).
 *
 * `create` and `resetPassword` answer with a generated password, shown once: it crosses the bridge
 * to the screen that shows it and nowhere else (no cache row, no event, no log line).
 */
export const ADMIN_BRIDGE = {
  /** Every officer with their lock state (GET /api/v1/admin/officers). */
  'admin.officers.list': { args: z.strictObject({}), result: AdminOfficersResponseSchema },
  /** A new officer and the password generated for them (POST /api/v1/admin/officers). */
  'admin.officers.create': { args: CreateOfficerRequestSchema, result: OfficerPasswordResponseSchema },
  /** A new generated password; the officer's sessions end (POST …/:badge/password). */
  'admin.officers.resetPassword': { args: OfficerBadgeParamsSchema, result: OfficerPasswordResponseSchema },
  /** Locked until unlocked, with the reason audited; the officer's sessions end (POST …/:badge/lock). */
  'admin.officers.lock': { args: OfficerBadgeParamsSchema.extend(LockOfficerRequestSchema.shape), result: AdminOfficerResponseSchema },
  /** Lifts the lock and the failed-login lockout (POST …/:badge/unlock). */
  'admin.officers.unlock': { args: OfficerBadgeParamsSchema.extend(UnlockOfficerRequestSchema.shape), result: AdminOfficerResponseSchema },
  /**
   * A new role and/or unit (POST …/:badge/assignment); the officer's sessions end, and their console
   * re-pulls the new scope at the next login (electron/console/auth.ts cacheScopeChanged).
   * safeExtend keeps the schema's rule that a role or a unit is given.
   */
  'admin.officers.assign': { args: AssignOfficerRequestSchema.safeExtend({ badge: OfficerBadgeParamsSchema.shape.badge }), result: AdminOfficerResponseSchema },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
