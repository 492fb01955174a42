import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '#shared/errors';
import type { Officer } from '#shared/domain/officers';
import type { Cache } from '#db/cache';
import type { Verifier } from '#db/repos/sessions';
import type { ExchangeClient } from './exchange-client';

/** The session the core works under. `token` is null for an offline unlock without a live token. */
export interface ActiveSession {
  officer: Officer;
  token: string | null;
  offlineLogin: boolean;
  expiresAt: string;
}

// ~60 ms per check on a laptop: cheap for one login, expensive for a stolen-cache brute force
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;
const OFFLINE_SESSION_MS = 12 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, { ...opts, maxmem: 128 * opts.N! * (opts.r ?? 8) * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function makeVerifier(password: string): Promise<Verifier> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return { algo: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function checkVerifier(v: Verifier, password: string): Promise<boolean> {
  const expected = Buffer.from(v.hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(v.salt, 'base64'), v.keylen, { N: v.N, r: v.r, p: v.p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Online login: the exchange checks the password; on success the token and a fresh offline
 * verifier are stored, and this officer becomes the one who may unlock offline on this machine.
 */
export async function loginOnline(cache: Cache, client: ExchangeClient, badge: string, password: string, now: number): Promise<ActiveSession> {
  const res = await client.login(badge, password);
  const verifier = await makeVerifier(password);
  cache.tx(() => {
    cache.sessions.saveOnlineLogin({
      officer: res.officer,
      token: res.token,
      tokenExpiresAt: res.expiresAt,
      verifier,
      lastOnlineLoginAt: new Date(now).toISOString(),
    });
    cache.meta.set('last_online_badge', res.officer.badge);
  });
  return { officer: res.officer, token: res.token, offlineLogin: false, expiresAt: res.expiresAt };
}

/**
 * The officer whose scope the cached items hold: the cache's owner as they were when they last
 * signed in online here (their sessions row). Read it BEFORE an online login overwrites that row.
 * Null when the cache has no owner, or the owner's row is gone (then nothing is known of the scope).
 */
export function cachedScope(cache: Cache): Officer | null {
  const owner = cache.meta.owner();
  return owner ? (cache.sessions.get(owner)?.officer ?? null) : null;
}

/**
 * Whether the cache must start over for `officer`: another officer, or the same badge with another
 * role or unit (an admin reassigned them: server/domain/officer-admin.ts). The feed cursor is a
 * position in the old scope's feed, which can express neither the items that left the scope nor
 * those that entered it without a change of their own, so only a pull from 0 gives the new scope
 * exactly. Unknown (null) starts over too: a needless full pull costs time, a stale scope is wrong.
 */
export function cacheScopeChanged(cached: Officer | null, officer: Officer): boolean {
  return cached === null || cached.badge !== officer.badge || cached.role !== officer.role || cached.unitCode !== officer.unitCode;
}

/**
 * Offline unlock when the exchange cannot be reached: only the officer who last logged in online
 * here, only within `wipeAfterDays` of that login. Past that window the officer's secrets and the
 * cached citizen data are wiped (by `wipe`) and the login is refused.
 */
export async function loginOffline(
  cache: Cache,
  badge: string,
  password: string,
  now: number,
  wipeAfterDays: number,
  wipe: () => Promise<void>,
): Promise<ActiveSession> {
  const stored = cache.meta.get('last_online_badge') === badge ? cache.sessions.get(badge) : undefined;
  if (!stored?.verifier) throw new AppError('offline', '无法连接交换平台；离线登录仅限最近一次在本机在线登录的警员');
  const ageMs = now - Date.parse(stored.lastOnlineLoginAt);
  if (ageMs > wipeAfterDays * DAY_MS) {
    await wipe();
    throw new AppError('offline', `距上次在线登录已超过 ${wipeAfterDays} 天，本地缓存已清除，请联网后在线登录`);
  }
  if (!(await checkVerifier(stored.verifier, password))) throw new AppError('bad_credentials', '警号或密码错误');
  // keep a still-valid token so the engine can sync the moment the network returns
  const tokenValid = stored.token !== null && stored.tokenExpiresAt !== null && Date.parse(stored.tokenExpiresAt) > now;
  const windowEnd = Date.parse(stored.lastOnlineLoginAt) + wipeAfterDays * DAY_MS;
  return {
    officer: stored.officer,
    token: tokenValid ? stored.token : null,
    offlineLogin: true,
    expiresAt: new Date(Math.min(now + OFFLINE_SESSION_MS, windowEnd)).toISOString(),
  };
}

/** The session a restarted console resumes: the current officer with a token that has not expired. */
export function resumeSession(cache: Cache, now: number): ActiveSession | null {
  const badge = cache.meta.get('current_badge');
  if (!badge) return null;
  const stored = cache.sessions.get(badge);
  if (!stored?.token || !stored.tokenExpiresAt || Date.parse(stored.tokenExpiresAt) <= now) return null;
  return { officer: stored.officer, token: stored.token, offlineLogin: false, expiresAt: stored.tokenExpiresAt };
}
