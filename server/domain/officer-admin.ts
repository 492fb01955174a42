import { randomInt } from 'node:crypto';
import { AppError } from '#shared/errors';
import type { AdminOfficer } from '#shared/contract/api';
import type { Officer, Role } from '#shared/domain/officers';
import { isKnownUnit } from '#shared/domain/units';
import type { AdminOfficerRecord, Store } from '../store/store';
import { hashPassword } from '../auth/passwords';

/**
 * Officer administration (DESIGN.md: "a real deployment creates officers with an admin command"):
 * create, reset a password, lock and unlock, change role or unit — admins only, each in one
 * transaction with its audit row (actor the admin, `itemId` null, never a password in the detail).
 *
 * Sessions: a lock, a password reset and a change of role or unit end every session of the officer
 * (their tokens are revoked). A lock also refuses login until an admin unlocks (the store reports
 * it as a lockout without end, and refuses a token to a locked officer even if a login raced the
 * lock). A change of role or unit must reach the officer's consoles: their cache holds the old
 * scope's items and a cursor into the old scope's feed, which can express neither the items that
 * left the scope nor those that entered it without a change of their own. So the session ends, the
 * console signs in again and gets the officer with the new role or unit in the login answer; a
 * console whose cached officer differs in role or unit starts its feed over from 0 and drops what
 * is no longer sent (as it already does for another officer). The exchange itself never needs
 * this: every request computes the scope from the officer's current record.
 *
 * Generated passwords are shown once, in the answer; only the scrypt hash is stored.
 */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const PASSWORD_LENGTH = 14;

export function generatePassword(): string {
  // one of each class so it satisfies any complexity rule, the rest uniform from the alphabet
  const pick = (chars: string) => chars[randomInt(chars.length)]!;
  const chars = [pick('ABCDEFGHJKLMNPQRSTUVWXYZ'), pick('abcdefghijkmnpqrstuvwxyz'), pick('23456789'), pick('#%+=@')];
  while (chars.length < PASSWORD_LENGTH) chars.push(pick(PASSWORD_ALPHABET));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export function requireAdmin(officer: Officer): void {
  if (officer.role !== 'admin') throw new AppError('forbidden', 'only administrators manage officers');
}

export function toAdminOfficer(r: AdminOfficerRecord): AdminOfficer {
  return { badge: r.badge, name: r.name, role: r.role, unitCode: r.unitCode, locked: r.lockedAt !== null, lockedAt: r.lockedAt };
}

function existing(store: Store, badge: string): AdminOfficerRecord {
  const o = store.getAdminOfficer(badge);
  if (!o) throw new AppError('not_found', `no officer ${badge}`);
  return o;
}

function requireUnit(unitCode: string): void {
  if (!isKnownUnit(unitCode)) throw new AppError('invalid', `unknown unit ${unitCode}`);
}

/** An admin may not lock out or reassign themselves (the last admin would lose the console). */
function notSelf(admin: Officer, badge: string, what: string): void {
  if (admin.badge === badge) throw new AppError('invalid', `an administrator cannot ${what} their own account`);
}

function audit(store: Store, admin: Officer, action: string, detail: Record<string, unknown>, now: Date): void {
  store.appendAudit({ at: now.toISOString(), actor: admin.badge, action, itemId: null, detail });
}

export function listOfficers(store: Store): AdminOfficer[] {
  return store.listAdminOfficers().map(toAdminOfficer);
}

export async function createOfficer(
  store: Store,
  admin: Officer,
  body: { badge: string; name: string; role: Role; unitCode: string },
  now = new Date(),
): Promise<{ officer: AdminOfficer; password: string }> {
  requireUnit(body.unitCode);
  if (store.getAdminOfficer(body.badge)) throw new AppError('conflict', `officer ${body.badge} already exists`);
  const password = generatePassword();
  const { hash, salt } = await hashPassword(password);
  return store.transaction(() => {
    // checked again inside the transaction: the hash took time, another request may have won
    if (!store.createOfficer({ ...body, passwordHash: hash, passwordSalt: salt })) throw new AppError('conflict', `officer ${body.badge} already exists`);
    audit(store, admin, 'officer_create', { badge: body.badge, name: body.name, role: body.role, unitCode: body.unitCode }, now);
    return { officer: toAdminOfficer(existing(store, body.badge)), password };
  });
}

export async function resetPassword(store: Store, admin: Officer, badge: string, now = new Date()): Promise<{ officer: AdminOfficer; password: string }> {
  existing(store, badge);
  const password = generatePassword();
  const { hash, salt } = await hashPassword(password);
  return store.transaction(() => {
    const officer = existing(store, badge);
    store.setOfficerPassword(badge, hash, salt);
    const sessionsEnded = store.revokeOfficerTokens(badge);
    audit(store, admin, 'officer_password_reset', { badge, sessionsEnded }, now);
    return { officer: toAdminOfficer(officer), password };
  });
}

export function lockOfficer(store: Store, admin: Officer, badge: string, reason: string, now = new Date()): AdminOfficer {
  notSelf(admin, badge, 'lock');
  return store.transaction(() => {
    const before = existing(store, badge);
    if (before.lockedAt === null) store.setOfficerLock(badge, { at: now.toISOString(), by: admin.badge });
    const sessionsEnded = store.revokeOfficerTokens(badge);
    audit(store, admin, 'officer_lock', { badge, reason, sessionsEnded, alreadyLocked: before.lockedAt !== null }, now);
    return toAdminOfficer(existing(store, badge));
  });
}

export function unlockOfficer(store: Store, admin: Officer, badge: string, reason: string | undefined, now = new Date()): AdminOfficer {
  return store.transaction(() => {
    const before = existing(store, badge);
    store.setOfficerLock(badge, null);
    // the failed-login lockout goes with the admin's lock: the admin has just vouched for the officer
    store.setLoginState(badge, { failedCount: 0, failedWindowStart: null, lockedUntil: null });
    audit(store, admin, 'officer_unlock', { badge, reason: reason ?? null, wasLocked: before.lockedAt !== null }, now);
    return toAdminOfficer(existing(store, badge));
  });
}

export function assignOfficer(
  store: Store,
  admin: Officer,
  badge: string,
  body: { role?: Role | undefined; unitCode?: string | undefined; reason?: string | undefined },
  now = new Date(),
): AdminOfficer {
  notSelf(admin, badge, 'change the role or unit of');
  if (body.unitCode !== undefined) requireUnit(body.unitCode);
  return store.transaction(() => {
    const before = existing(store, badge);
    const role = body.role ?? before.role;
    const unitCode = body.unitCode ?? before.unitCode;
    if (role === before.role && unitCode === before.unitCode) return toAdminOfficer(before);
    store.setOfficerAssignment(badge, role, unitCode);
    // the consoles' caches hold the old scope: end the sessions so they sign in and re-pull (see above)
    const sessionsEnded = store.revokeOfficerTokens(badge);
    audit(store, admin, 'officer_assign', { badge, from: { role: before.role, unitCode: before.unitCode }, to: { role, unitCode }, reason: body.reason ?? null, sessionsEnded }, now);
    return toAdminOfficer(existing(store, badge));
  });
}
