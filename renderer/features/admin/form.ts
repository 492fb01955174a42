import { CreateOfficerRequestSchema, LockOfficerRequestSchema } from '#shared/contract/api';
import { isKnownUnit } from '#shared/domain/units';

/**
 * The dialogs' field checks, with the contract's own schemas (shared/contract/api.ts), so the
 * dialog says what is wrong before anything is sent and the exchange refuses nothing the dialog
 * let through. Each returns the problem's i18n key, or null.
 */
const FIELDS = CreateOfficerRequestSchema.shape;

export function badgeProblem(badge: string, taken: (badge: string) => boolean): string | null {
  if (!FIELDS.badge.safeParse(badge).success) return 'admin:create.problem.badge';
  return taken(badge) ? 'admin:create.problem.badgeTaken' : null;
}

export function nameProblem(name: string): string | null {
  return FIELDS.name.safeParse(name).success ? null : 'admin:create.problem.name';
}

export function unitProblem(code: string | null): string | null {
  return code !== null && isKnownUnit(code) ? null : 'admin:create.problem.unit';
}

/** A reason as lock, unlock and assignment take it (2–200 characters once trimmed). */
export function reasonOk(reason: string): boolean {
  return LockOfficerRequestSchema.shape.reason.safeParse(reason).success;
}
