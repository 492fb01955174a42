import type { Statements } from './db';
import { ADMIN_LOCK_UNTIL, type AdminOfficerRecord, type LoginState, type OfficerRecord, type TokenRecord } from '../store';
import { AppError } from '#shared/errors';
import { RoleSchema, type Officer, type Role } from '#shared/domain/officers';
import { prefixRange } from './items';

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

function rowToAdminOfficer(r: Pick<OfficerRow, 'badge' | 'name' | 'role' | 'unit_code' | 'locked_at' | 'locked_by'>): AdminOfficerRecord {
  return { badge: r.badge, name: r.name, role: RoleSchema.parse(r.role), unitCode: r.unit_code, lockedAt: r.locked_at, lockedBy: r.locked_by };
}
const ADMIN_COLUMNS = 'badge, name, role, unit_code, locked_at, locked_by';

function rowToOfficer(row: OfficerRow): OfficerRecord {
  return {
    badge: row.badge,
    name: row.name,
    role: RoleSchema.parse(row.role),
    unitCode: row.unit_code,
    passwordHash: row.password_hash,
    passwordSalt: row.password_salt,
  };
}

/**
 * Every authenticated request looks up its token and officer; both change only through this
 * module (revoke, putOfficer), which keeps the caches coherent. The short TTL bounds how long an
 * edit made to the database by another tool goes unnoticed.
 */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 10_000;

class TtlCache<V> {
  private readonly map = new Map<string, { value: V; at: number }>();
  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit || Date.now() - hit.at > CACHE_TTL_MS) return undefined;
    return hit.value;
  }
  set(key: string, value: V): void {
    if (this.map.size >= CACHE_MAX) this.map.clear();
    this.map.set(key, { value, at: Date.now() });
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

export function officerQueries(s: Statements) {
  const officers = new TtlCache<OfficerRecord>();
  const tokens = new TtlCache<TokenRecord>();
  return {
    getOfficer(badge: string): OfficerRecord | undefined {
      const cached = officers.get(badge);
      if (cached) return cached;
      const row = s.get('SELECT * FROM officers WHERE badge = ?').get(badge) as OfficerRow | undefined;
      const officer = row && rowToOfficer(row);
      if (officer) officers.set(badge, officer);
      return officer;
    },
    putOfficer(o: OfficerRecord): void {
      officers.delete(o.badge);
      s.get(
        `INSERT INTO officers (badge, name, role, unit_code, password_hash, password_salt) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(badge) DO UPDATE SET name = excluded.name, role = excluded.role, unit_code = excluded.unit_code,
           password_hash = excluded.password_hash, password_salt = excluded.password_salt`,
      ).run(o.badge, o.name, o.role, o.unitCode, o.passwordHash, o.passwordSalt);
    },
    listOfficers(unitPrefix: string): Officer[] {
      const [from, to] = prefixRange(unitPrefix);
      const rows = s.get('SELECT badge, name, role, unit_code FROM officers WHERE unit_code >= ? AND unit_code < ? ORDER BY badge').all(from, to) as OfficerRow[];
      return rows.map((r) => ({ badge: r.badge, name: r.name, role: RoleSchema.parse(r.role), unitCode: r.unit_code }));
    },
    countOfficers(): number {
      return (s.get('SELECT count(*) AS n FROM officers').get() as { n: number }).n;
    },
    getLoginState(badge: string): LoginState {
      const row = s.get('SELECT failed_count, failed_window_start, locked_until, locked_at FROM officers WHERE badge = ?').get(badge) as
        | Pick<OfficerRow, 'failed_count' | 'failed_window_start' | 'locked_until' | 'locked_at'>
        | undefined;
      return {
        failedCount: row?.failed_count ?? 0,
        failedWindowStart: row?.failed_window_start ?? null,
        // an admin's lock reads as a lockout without end, so login refuses it the same way
        lockedUntil: row?.locked_at ? ADMIN_LOCK_UNTIL : (row?.locked_until ?? null),
      };
    },
    setLoginState(badge: string, st: LoginState): void {
      s.get('UPDATE officers SET failed_count = ?, failed_window_start = ?, locked_until = ? WHERE badge = ?').run(
        st.failedCount,
        st.failedWindowStart,
        st.lockedUntil,
        badge,
      );
    },
    addToken(tokenHash: string, badge: string, expiresAt: string): void {
      // Login checks the lock before its (slow) password check; a lock set meanwhile is caught here,
      // in the login's transaction, so no token is ever issued to a locked officer.
      const info = s
        .get('INSERT INTO tokens (token_hash, badge, expires_at) SELECT ?, badge, ? FROM officers WHERE badge = ? AND locked_at IS NULL')
        .run(tokenHash, expiresAt, badge);
      if (info.changes !== 1) throw new AppError('account_disabled', 'an administrator has locked this account');
    },
    findToken(tokenHash: string): TokenRecord | undefined {
      const cached = tokens.get(tokenHash);
      if (cached) return cached;
      const row = s.get('SELECT badge, expires_at, revoked FROM tokens WHERE token_hash = ?').get(tokenHash) as
        | { badge: string; expires_at: string; revoked: number }
        | undefined;
      const record = row && { badge: row.badge, expiresAt: row.expires_at, revoked: row.revoked === 1 };
      if (record) tokens.set(tokenHash, record);
      return record;
    },
    revokeToken(tokenHash: string): void {
      tokens.delete(tokenHash);
      s.get('UPDATE tokens SET revoked = 1 WHERE token_hash = ?').run(tokenHash);
    },

    listAdminOfficers(): AdminOfficerRecord[] {
      return (s.get(`SELECT ${ADMIN_COLUMNS} FROM officers ORDER BY badge`).all() as OfficerRow[]).map(rowToAdminOfficer);
    },
    getAdminOfficer(badge: string): AdminOfficerRecord | undefined {
      const row = s.get(`SELECT ${ADMIN_COLUMNS} FROM officers WHERE badge = ?`).get(badge) as OfficerRow | undefined;
      return row && rowToAdminOfficer(row);
    },
    createOfficer(o: OfficerRecord): boolean {
      officers.delete(o.badge);
      const info = s
        .get('INSERT INTO officers (badge, name, role, unit_code, password_hash, password_salt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (badge) DO NOTHING')
        .run(o.badge, o.name, o.role, o.unitCode, o.passwordHash, o.passwordSalt);
      return info.changes === 1;
    },
    setOfficerPassword(badge: string, hash: Buffer, salt: Buffer): void {
      officers.delete(badge);
      // a new password also lifts the failed-login lockout (not an admin's lock)
      s.get('UPDATE officers SET password_hash = ?, password_salt = ?, failed_count = 0, failed_window_start = NULL, locked_until = NULL WHERE badge = ?').run(hash, salt, badge);
    },
    setOfficerAssignment(badge: string, role: Role, unitCode: string): void {
      officers.delete(badge);
      s.get('UPDATE officers SET role = ?, unit_code = ? WHERE badge = ?').run(role, unitCode, badge);
    },
    setOfficerLock(badge: string, lock: { at: string; by: string } | null): void {
      officers.delete(badge);
      s.get('UPDATE officers SET locked_at = ?, locked_by = ? WHERE badge = ?').run(lock?.at ?? null, lock?.by ?? null, badge);
    },
    revokeOfficerTokens(badge: string): number {
      // the cache is keyed by token hash: drop it whole (a rare admin action) rather than leave a
      // revoked token valid for up to CACHE_TTL_MS
      tokens.clear();
      return s.get('UPDATE tokens SET revoked = 1 WHERE badge = ? AND revoked = 0').run(badge).changes;
    },
  };
}
