import type { ItemKind } from './items';
import { roleSeesKind, type Officer } from './officers';
import { covers } from './units';

/**
 * Whether an officer may see an item: the role's kinds and the unit's jurisdiction. Withdrawn
 * items leave every scope (the feed sends them as removals). The feed's SQL filter (the store's
 * `changesAfter`) and this function must agree; when you change one, change the other.
 */
export function isVisible(officer: Officer, item: { kind: ItemKind; unitCode: string; status: string }): boolean {
  return inScope(officer, item) && item.status !== 'withdrawn';
}

/** Role and jurisdiction only: commands on a withdrawn item in scope are told why they fail. */
export function inScope(officer: Officer, item: { kind: ItemKind; unitCode: string }): boolean {
  return roleSeesKind(officer.role, item.kind) && covers(officer.unitCode, item.unitCode);
}
