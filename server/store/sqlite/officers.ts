import type { Statements } from './db';
import type { LoginState, OfficerRecord, TokenRecord } from '../store';
import { RoleSchema, type Officer } from '#shared/domain/officers';
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
}

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
      const row = s.get('SELECT failed_count, failed_window_start, locked_until FROM officers WHERE badge = ?').get(badge) as
        | Pick<OfficerRow, 'failed_count' | 'failed_window_start' | 'locked_until'>
        | undefined;
      return {
        failedCount: row?.failed_count ?? 0,
        failedWindowStart: row?.failed_window_start ?? null,
        lockedUntil: row?.locked_until ?? null,
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
      s.get('INSERT INTO tokens (token_hash, badge, expires_at) VALUES (?, ?, ?)').run(tokenHash, badge, expiresAt);
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
  };
}
