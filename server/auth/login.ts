import { AppError } from '#shared/errors';
import type { LoginResponse } from '#shared/contract/api';
import type { ExchangeConfig } from '../config';
import { ADMIN_LOCK_UNTIL, type Store } from '../store/store';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { newToken, tokenHash } from './tokens';

/**
 * Badge + password → token. Lockout: `lockoutThreshold` failures within `lockoutWindowMs` lock the
 * badge for `lockoutMs`, and while locked even the right password gets `locked` (so a guesser
 * learns nothing from a success). Unknown badges cost the same scrypt time as known ones.
 */
export async function login(store: Store, config: ExchangeConfig, badge: string, password: string, now = new Date()): Promise<LoginResponse> {
  const officer = await store.officers.get(badge);
  if (!officer) {
    await burnPasswordCheck(password);
    await store.audit.append({ at: now.toISOString(), actor: badge, action: 'login_failed', itemId: null, detail: { reason: 'unknown_badge' } });
    throw new AppError('bad_credentials', 'badge or password is wrong');
  }
  const state = await store.officers.loginState(badge);
  const locked = state.lockedUntil !== null && Date.parse(state.lockedUntil) > now.getTime();
  const ok = await verifyPassword(password, officer.passwordHash, officer.passwordSalt);
  const at = new Date();
  if (locked) {
    const byAdmin = state.lockedUntil === ADMIN_LOCK_UNTIL;
    await store.audit.append({ at: at.toISOString(), actor: badge, action: 'login_locked', itemId: null, detail: byAdmin ? { byAdmin } : {} });
    if (byAdmin) throw new AppError('account_disabled', 'an administrator has locked this account');
    throw new AppError('locked', `too many failed sign-ins; try again after ${state.lockedUntil}`, { lockedUntil: state.lockedUntil });
  }
  if (!ok) {
    await store.transaction(async (tx) => {
      const fresh = state.failedWindowStart === null || at.getTime() - Date.parse(state.failedWindowStart) > config.lockoutWindowMs;
      const failedCount = fresh ? 1 : state.failedCount + 1;
      const failedWindowStart = fresh ? at.toISOString() : state.failedWindowStart;
      const lockedUntil = failedCount >= config.lockoutThreshold ? new Date(at.getTime() + config.lockoutMs).toISOString() : null;
      await tx.officers.setLoginState(badge, { failedCount, failedWindowStart, lockedUntil });
      await tx.audit.append({ at: at.toISOString(), actor: badge, action: 'login_failed', itemId: null, detail: { failedCount } });
    });
    throw new AppError('bad_credentials', 'badge or password is wrong');
  }
  const token = newToken();
  const expiresAt = new Date(at.getTime() + config.tokenTtlMs).toISOString();
  await store.transaction(async (tx) => {
    await tx.officers.setLoginState(badge, { failedCount: 0, failedWindowStart: null, lockedUntil: null });
    await tx.sessions.add(tokenHash(token), badge, expiresAt);
    await tx.audit.append({ at: at.toISOString(), actor: badge, action: 'login', itemId: null, detail: {} });
  });
  return { token, expiresAt, officer: { badge: officer.badge, name: officer.name, role: officer.role, unitCode: officer.unitCode } };
}
