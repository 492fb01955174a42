import { randomInt } from 'node:crypto';
import { AppError } from '#shared/errors';
import type { AdminOfficer } from '#shared/contract/api';
import type { Officer, Role } from '#shared/domain/officers';
import { isKnownUnit } from '#shared/domain/units';
import type { AdminOfficerRecord, Repos } from '../store/store';
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

async function existing(db: Repos, badge: string): Promise<AdminOfficerRecord> {
  const o = await db.officers.getAdmin(badge);
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

async function audit(db: Repos, admin: Officer, action: string, detail: Record<string, unknown>, now: Date): Promise<void> {
  await db.audit.append({ at: now.toISOString(), actor: admin.badge, action, itemId: null, detail });
}

export async function listOfficers(db: Repos): Promise<AdminOfficer[]> {
  return (await db.officers.listAdmin()).map(toAdminOfficer);
}

export async function createOfficer(
  db: Repos,
  admin: Officer,
  body: { badge: string; name: string; role: Role; unitCode: string },
  now = new Date(),
): Promise<{ officer: AdminOfficer; password: string }> {
  requireUnit(body.unitCode);
  if (await db.officers.getAdmin(body.badge)) throw new AppError('conflict', `officer ${body.badge} already exists`);
  const password = generatePassword();
  const { hash, salt } = await hashPassword(password);
  return db.transaction(async (tx) => {
    // checked again inside the transaction: the hash took time, another request may have won
    if (!(await tx.officers.create({ ...body, passwordHash: hash, passwordSalt: salt }))) throw new AppError('conflict', `officer ${body.badge} already exists`);
    await audit(tx, admin, 'officer_create', { badge: body.badge, name: body.name, role: body.role, unitCode: body.unitCode }, now);
    return { officer: toAdminOfficer(await existing(tx, body.badge)), password };
  });
}

export async function resetPassword(db: Repos, admin: Officer, badge: string, now = new Date()): Promise<{ officer: AdminOfficer; password: string }> {
  await existing(db, badge);
  const password = generatePassword();
  const { hash, salt } = await hashPassword(password);
  return db.transaction(async (tx) => {
    const officer = await existing(tx, badge);
    await tx.officers.setPassword(badge, hash, salt);
    const sessionsEnded = await tx.sessions.revokeAll(badge);
    await audit(tx, admin, 'officer_password_reset', { badge, sessionsEnded }, now);
    return { officer: toAdminOfficer(officer), password };
  });
}

export function lockOfficer(db: Repos, admin: Officer, badge: string, reason: string, now = new Date()): Promise<AdminOfficer> {
  notSelf(admin, badge, 'lock');
  return db.transaction(async (tx) => {
    const before = await existing(tx, badge);
    if (before.lockedAt === null) await tx.officers.setLock(badge, { at: now.toISOString(), by: admin.badge });
    const sessionsEnded = await tx.sessions.revokeAll(badge);
    await audit(tx, admin, 'officer_lock', { badge, reason, sessionsEnded, alreadyLocked: before.lockedAt !== null }, now);
    return toAdminOfficer(await existing(tx, badge));
  });
}

export function unlockOfficer(db: Repos, admin: Officer, badge: string, reason: string | undefined, now = new Date()): Promise<AdminOfficer> {
  return db.transaction(async (tx) => {
    const before = await existing(tx, badge);
    await tx.officers.setLock(badge, null);
    // the failed-login lockout goes with the admin's lock: the admin has just vouched for the officer
    await tx.officers.setLoginState(badge, { failedCount: 0, failedWindowStart: null, lockedUntil: null });
    await audit(tx, admin, 'officer_unlock', { badge, reason: reason ?? null, wasLocked: before.lockedAt !== null }, now);
    return toAdminOfficer(await existing(tx, badge));
  });
}

export function assignOfficer(
  db: Repos,
  admin: Officer,
  badge: string,
  body: { role?: Role | undefined; unitCode?: string | undefined; reason?: string | undefined },
  now = new Date(),
): Promise<AdminOfficer> {
  notSelf(admin, badge, 'change the role or unit of');
  if (body.unitCode !== undefined) requireUnit(body.unitCode);
  return db.transaction(async (tx) => {
    const before = await existing(tx, badge);
    const role = body.role ?? before.role;
    const unitCode = body.unitCode ?? before.unitCode;
    if (role === before.role && unitCode === before.unitCode) return toAdminOfficer(before);
    await tx.officers.setAssignment(badge, role, unitCode);
    // the consoles' caches hold the old scope: end the sessions so they sign in and re-pull (see above)
    const sessionsEnded = await tx.sessions.revokeAll(badge);
    await audit(tx, admin, 'officer_assign', { badge, from: { role: before.role, unitCode: before.unitCode }, to: { role, unitCode }, reason: body.reason ?? null, sessionsEnded }, now);
    return toAdminOfficer(await existing(tx, badge));
  });
}
