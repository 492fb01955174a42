import type { TFunction } from 'i18next';
import { kindOfItemId, type ItemKind } from '#shared/domain/items';
import { KINDS_BY_ROLE, type Role } from '#shared/domain/officers';

/**
 * The actions the exchange writes into its audit log (grep `appendAudit(` in server/), grouped
 * for the action filter. A bare `decide` asks the exchange for every outcome (server: a bare name
 * also matches `name:<sub>`). An action not listed here still shows, by its code.
 */
export const ACTION_GROUPS = [
  { id: 'items', actions: ['claim', 'release', 'renew', 'take_over', 'note', 'decide', 'decide:approve', 'decide:reject', 'decide:determine', 'request_supplement', 'refer', 'close'] },
  { id: 'window', actions: ['hand_over', 'hand_over_refused', 'dispatch', 'check_in', 'serve', 'no_show'] },
  { id: 'tips', actions: ['route', 'link_duplicate', 'not_duplicate', 'open_case', 'triage', 'feedback', 'group_follow'] },
  { id: 'privacy', actions: ['reveal'] },
  { id: 'documents', actions: ['report_weekly'] },
  { id: 'sessions', actions: ['login', 'login_failed', 'login_locked', 'logout'] },
  { id: 'officers', actions: ['officer_create', 'officer_password_reset', 'officer_lock', 'officer_unlock', 'officer_assign'] },
  { id: 'citizens', actions: ['withdraw', 'supplement', 'tip_follow_up'] },
] as const;

export type AuditAction = (typeof ACTION_GROUPS)[number]['actions'][number];
export const KNOWN_ACTIONS: ReadonlySet<string> = new Set(ACTION_GROUPS.flatMap((g) => g.actions));

const ROUTE_OF_KIND: Partial<Record<ItemKind, string>> = { application: 'applications', accident: 'accidents', tip: 'tips' };

/**
 * The route that opens an item from its id (APP → applications, ACC → accidents, TIP → tips), if
 * the officer's role has that route; null otherwise (appointments have no review of their own,
 * and an admin has no workspaces).
 */
export function itemRoute(itemId: string, role: Role): string | null {
  const kind = kindOfItemId(itemId);
  const route = kind ? ROUTE_OF_KIND[kind] : undefined;
  // a kind's review is a route exactly for the roles whose feed has that kind (app/routes.tsx)
  if (!route || !kind || !KINDS_BY_ROLE[role].includes(kind)) return null;
  return route;
}

/**
 * An action in words. Its code may hold a colon (`decide:approve`), which i18next would read as a
 * namespace separator, so the key is looked up in `audit` with the separator off.
 */
export function actionName(t: TFunction, action: string): string {
  return KNOWN_ACTIONS.has(action) ? t(`action.${action}`, { ns: 'audit', nsSeparator: false }) : action;
}
