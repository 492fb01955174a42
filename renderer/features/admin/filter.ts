import type { AdminOfficer } from '#shared/contract/api';
import type { Role } from '#shared/domain/officers';

export type StateFilter = 'all' | 'active' | 'locked';

export interface OfficerFilter {
  readonly text: string;
  readonly role: Role | 'all';
  readonly state: StateFilter;
}

export const NO_FILTER: OfficerFilter = { text: '', role: 'all', state: 'all' };

/**
 * Whether an officer matches the roster's filters. The text matches the badge, the name, the unit
 * code (as a prefix, so 4101 finds Zhengzhou and everything below it) and the unit's name in both
 * languages (`unitNames` gives them), so an administrator can type 金水 with the English UI too.
 * Several words must all match (金水 窗口 → Jinshui's clerks: the role's names count as words too).
 */
export function matchesOfficer(o: AdminOfficer, f: OfficerFilter, unitNames: (code: string) => readonly string[], roleNames: (role: Role) => readonly string[]): boolean {
  if (f.role !== 'all' && o.role !== f.role) return false;
  if (f.state === 'locked' && !o.locked) return false;
  if (f.state === 'active' && o.locked) return false;
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [o.badge, o.name, ...unitNames(o.unitCode), ...roleNames(o.role)].map((s) => s.toLowerCase());
  return words.every((w) => o.unitCode.startsWith(w) || haystack.some((h) => h.includes(w)));
}

/** The roster in a stable order: badge ascending (the exchange's order is not promised). */
export function byBadge(a: AdminOfficer, b: AdminOfficer): number {
  return a.badge.localeCompare(b.badge);
}

/** The list with one officer replaced (or added, in badge order): a row updates after its action. */
export function withOfficer(list: readonly AdminOfficer[], officer: AdminOfficer): AdminOfficer[] {
  const rest = list.filter((o) => o.badge !== officer.badge);
  return [...rest, officer].sort(byBadge);
}
