import { z } from 'zod';
import { OfficerSchema, type Officer } from '#shared/domain/officers';
import type { Db } from '../open';

/** scrypt verifier of the officer's password for offline unlock (never the password itself). */
export const VerifierSchema = z.object({
  algo: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  keylen: z.number().int(),
  salt: z.string(),
  hash: z.string(),
});
export type Verifier = z.infer<typeof VerifierSchema>;

export interface StoredSession {
  officer: Officer;
  token: string | null;
  tokenExpiresAt: string | null;
  verifier: Verifier | null;
  lastOnlineLoginAt: string;
}

interface SessionDbRow {
  badge: string;
  officer_json: string;
  token: string | null;
  token_expires_at: string | null;
  verifier_json: string | null;
  last_online_login_at: string;
}

/**
 * Seals secrets at rest with the operating system's key store where the shell has one (Electron's
 * safeStorage: DPAPI on Windows, Keychain, libsecret), so a copied cache file carries no usable
 * token. `open` throws when the value cannot be unsealed (another machine or user).
 */
export interface SecretSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

const SEALED = 'sealed:';

/** Stored tokens: `sealed:<sealer output>` with a sealer, plain otherwise (the web shell, tests). */
function sealToken(token: string | null, sealer: SecretSealer | undefined): string | null {
  return token === null || !sealer ? token : SEALED + sealer.seal(token);
}

function openToken(stored: string | null, sealer: SecretSealer | undefined): string | null {
  if (stored === null || !stored.startsWith(SEALED)) return stored;
  if (!sealer) return null; // sealed by a shell with a key store this one lacks: log in again
  try {
    return sealer.open(stored.slice(SEALED.length));
  } catch {
    return null;
  }
}

function rowToSession(r: SessionDbRow, sealer: SecretSealer | undefined): StoredSession {
  return {
    officer: OfficerSchema.parse(JSON.parse(r.officer_json)),
    token: openToken(r.token, sealer),
    tokenExpiresAt: r.token_expires_at,
    verifier: r.verifier_json === null ? null : VerifierSchema.parse(JSON.parse(r.verifier_json)),
    lastOnlineLoginAt: r.last_online_login_at,
  };
}

/**
 * Officer sessions on this machine. Tokens and verifiers are secrets kept only in this cache;
 * `forgetSecrets` and `deleteAll` are how logout and the offline-window wipe remove them.
 */
export function createSessionsRepo(db: Db, sealer?: SecretSealer) {
  const getStmt = db.prepare<[string], SessionDbRow>('SELECT * FROM sessions WHERE badge = ?');
  const upsert = db.prepare(`
    INSERT INTO sessions (badge, officer_json, token, token_expires_at, verifier_json, last_online_login_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(badge) DO UPDATE SET officer_json = excluded.officer_json, token = excluded.token, token_expires_at = excluded.token_expires_at,
      verifier_json = excluded.verifier_json, last_online_login_at = excluded.last_online_login_at`);
  const clearToken = db.prepare('UPDATE sessions SET token = NULL, token_expires_at = NULL WHERE badge = ?');
  const deleteOne = db.prepare('DELETE FROM sessions WHERE badge = ?');

  return {
    get(badge: string): StoredSession | undefined {
      const r = getStmt.get(badge);
      return r ? rowToSession(r, sealer) : undefined;
    },
    saveOnlineLogin(s: StoredSession): void {
      upsert.run(s.officer.badge, JSON.stringify(s.officer), sealToken(s.token, sealer), s.tokenExpiresAt, s.verifier ? JSON.stringify(s.verifier) : null, s.lastOnlineLoginAt);
    },
    /** Logout without wipe: the old token's bytes are zeroed too (secure_delete for this write only). */
    clearToken(badge: string): void {
      db.pragma('secure_delete = ON');
      try {
        clearToken.run(badge);
      } finally {
        db.pragma('secure_delete = OFF');
      }
    },
    delete: (badge: string): void => void deleteOne.run(badge),
    deleteAll: (): void => void db.exec('DELETE FROM sessions'),
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
