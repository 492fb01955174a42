import type { TFunction } from 'i18next';
import type { BridgeCallError } from '../../app/bridge';

export type AdminAction = 'list' | 'create' | 'reset' | 'lock' | 'unlock' | 'assign';

/**
 * A refusal of an officer-administration call as the administrator reads it. The exchange's codes
 * (server/domain/officer-admin.ts) mean different things per action — `conflict` on create is a
 * badge that exists, `invalid` an unknown unit (create, assign) or the admin's own account (lock,
 * assign), `not_found` an officer who is not there — so the text is chosen by action and code,
 * never by the message (which is the exchange's English). Anything else reads as the code's
 * general text (errors namespace).
 */
export function adminErrorText(t: TFunction, action: AdminAction, err: BridgeCallError, badge?: string): string {
  const code = err.code;
  if (code === 'conflict' && action === 'create') return t('admin:error.badgeTaken', { badge });
  if (code === 'invalid' && action === 'create') return t('admin:error.createInvalid');
  if (code === 'invalid' && (action === 'lock' || action === 'unlock')) return t('admin:error.lockInvalid');
  if (code === 'invalid' && action === 'assign') return t('admin:error.assignInvalid');
  if (code === 'not_found' && action !== 'list' && action !== 'create') return t('admin:error.notFound', { badge });
  if (code === 'forbidden') return t('admin:error.forbidden');
  if (code === 'offline') return t('admin:error.offline');
  return t(`errors:${code}`);
}
