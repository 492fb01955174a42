import { AppError } from '#shared/errors';
import { RoleSchema, type Officer } from '#shared/domain/officers';
import { prefixRange } from '../sqlite/items';
import { ADMIN_LOCK_UNTIL, type AdminOfficerRecord, type OfficerRecord, type OfficerRepo, type SessionRepo } from '../store';
import type { Conn } from './db';

/**
 * Officers, their login state and sessions (sqlite/officers.ts). Unlike the SQLite store, no
 * officer or token is cached: another instance may revoke a token or reassign an officer at any
 * moment, and a cache here would keep honouring the old state for its lifetime. A lookup is one
 * primary-key read.
 */
interface OfficerRow {
  badge: string;
  name: string;
  role: string;
  unit_code: string;
  password_hash: Buffer;
  password_salt: Buffer;
  failed_count: number;
  failed_window_start: string | null;
  locked_until: string | null;
  locked_at: string | null;
  locked_by: string | null;
}

const ADMIN_COLUMNS = 'badge, name, role, unit_code, locked_at, locked_by';

function rowToAdminOfficer(r: Pick<OfficerRow, 'badge' | 'name' | 'role' | 'unit_code' | 'locked_at' | 'locked_by'>): AdminOfficerRecord {
  return { badge: r.badge, name: r.name, role: RoleSchema.parse(r.role), unitCode: r.unit_code, lockedAt: r.locked_at, lockedBy: r.locked_by };
}

export function officerRepo(c: Conn): OfficerRepo {
  return {
    async get(badge) {
      const [row] = await c.query<OfficerRow>('SELECT badge, name, role, unit_code, password_hash, password_salt FROM officers WHERE badge = $1', [badge]);
      return (
        row && {
          badge: row.badge,
          name: row.name,
          role: RoleSchema.parse(row.role),
          unitCode: row.unit_code,
          passwordHash: row.password_hash,
          passwordSalt: row.password_salt,
        }
      );
    },
    async put(o: OfficerRecord) {
      await c.run(
        `INSERT INTO officers (badge, name, role, unit_code, password_hash, password_salt) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (badge) DO UPDATE SET name = excluded.name, role = excluded.role, unit_code = excluded.unit_code,
           password_hash = excluded.password_hash, password_salt = excluded.password_salt`,
        [o.badge, o.name, o.role, o.unitCode, o.passwordHash, o.passwordSalt],
      );
    },
    async list(unitPrefix): Promise<Officer[]> {
      const [from, to] = prefixRange(unitPrefix);
      const rows = await c.query<OfficerRow>('SELECT badge, name, role, unit_code FROM officers WHERE unit_code >= $1 AND unit_code < $2 ORDER BY badge', [from, to]);
      return rows.map((r) => ({ badge: r.badge, name: r.name, role: RoleSchema.parse(r.role), unitCode: r.unit_code }));
    },
    async count() {
      const [row] = await c.query<{ n: number }>('SELECT count(*) AS n FROM officers');
      return row!.n;
    },
    async loginState(badge) {
      const [row] = await c.query<OfficerRow>('SELECT failed_count, failed_window_start, locked_until, locked_at FROM officers WHERE badge = $1', [badge]);
      return {
        failedCount: row?.failed_count ?? 0,
        failedWindowStart: row?.failed_window_start ?? null,
        // an admin's lock reads as a lockout without end, so login refuses it the same way
        lockedUntil: row?.locked_at ? ADMIN_LOCK_UNTIL : (row?.locked_until ?? null),
      };
    },
    async setLoginState(badge, st) {
      await c.run('UPDATE officers SET failed_count = $1, failed_window_start = $2, locked_until = $3 WHERE badge = $4', [
        st.failedCount,
        st.failedWindowStart,
        st.lockedUntil,
        badge,
      ]);
    },
    async listAdmin() {
      return (await c.query<OfficerRow>(`SELECT ${ADMIN_COLUMNS} FROM officers ORDER BY badge`)).map(rowToAdminOfficer);
    },
    async getAdmin(badge) {
      const [row] = await c.query<OfficerRow>(`SELECT ${ADMIN_COLUMNS} FROM officers WHERE badge = $1`, [badge]);
      return row && rowToAdminOfficer(row);
    },
    async create(o) {
      const n = await c.run(
        'INSERT INTO officers (badge, name, role, unit_code, password_hash, password_salt) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (badge) DO NOTHING',
        [o.badge, o.name, o.role, o.unitCode, o.passwordHash, o.passwordSalt],
      );
      return n === 1;
    },
    async setPassword(badge, hash, salt) {
      // a new password also lifts the failed-login lockout (not an admin's lock)
      await c.run('UPDATE officers SET password_hash = $1, password_salt = $2, failed_count = 0, failed_window_start = NULL, locked_until = NULL WHERE badge = $3', [
        hash,
        salt,
        badge,
      ]);
    },
    async setAssignment(badge, role, unitCode) {
      await c.run('UPDATE officers SET role = $1, unit_code = $2 WHERE badge = $3', [role, unitCode, badge]);
    },
    async setLock(badge, lock) {
      await c.run('UPDATE officers SET locked_at = $1, locked_by = $2 WHERE badge = $3', [lock?.at ?? null, lock?.by ?? null, badge]);
    },
  };
}

export function sessionRepo(c: Conn): SessionRepo {
  return {
    async add(tokenHash, badge, expiresAt) {
      // Login checks the lock before its (slow) password check; a lock set meanwhile is caught
      // here. FOR SHARE waits for a lock being written by another transaction and then reads it,
      // and holds off a lock (and the revocation that follows it) until this token is committed,
      // so no token is ever live for a locked officer, on any instance.
      const n = await c.run(
        'INSERT INTO tokens (token_hash, badge, expires_at) SELECT $1, badge, $2 FROM officers WHERE badge = $3 AND locked_at IS NULL FOR SHARE',
        [tokenHash, expiresAt, badge],
      );
      if (n !== 1) throw new AppError('account_disabled', 'an administrator has locked this account');
    },
    async find(tokenHash) {
      const [row] = await c.query<{ badge: string; expires_at: string; revoked: boolean }>('SELECT badge, expires_at, revoked FROM tokens WHERE token_hash = $1', [
        tokenHash,
      ]);
      return row && { badge: row.badge, expiresAt: row.expires_at, revoked: row.revoked };
    },
    async revoke(tokenHash) {
      await c.run('UPDATE tokens SET revoked = true WHERE token_hash = $1', [tokenHash]);
    },
    revokeAll(badge) {
      return c.run('UPDATE tokens SET revoked = true WHERE badge = $1 AND NOT revoked', [badge]);
    },
  };
}
