import { z } from 'zod';
import { UnitCodeSchema } from './units';
import type { ItemKind } from './items';

export const RoleSchema = z.enum(['clerk', 'traffic', 'intel', 'supervisor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const BadgeSchema = z.string().regex(/^\d{6}$/, 'badge is 6 digits');

export const OfficerSchema = z.object({
  badge: BadgeSchema,
  name: z.string().min(1).max(32),
  role: RoleSchema,
  unitCode: UnitCodeSchema,
});
export type Officer = z.infer<typeof OfficerSchema>;

/**
 * Which kinds of work item each role sees and may decide. Enforced on the exchange; the console
 * uses the same table only to choose its sidebar. Admins administer and see no citizen items.
 */
export const KINDS_BY_ROLE: Readonly<Record<Role, readonly ItemKind[]>> = {
  clerk: ['application', 'appointment'],
  traffic: ['accident'],
  intel: ['tip'],
  supervisor: ['application', 'accident', 'tip', 'appointment'],
  admin: [],
};

export function roleSeesKind(role: Role, kind: ItemKind): boolean {
  return KINDS_BY_ROLE[role].includes(kind);
}
