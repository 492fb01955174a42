import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LEN = 32;
// N=2^14, r=8: ~30–50 ms per check on the target machines; slow enough to hurt guessing, fast
// enough for a service hall's morning logins.
const PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LEN, PARAMS, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<{ hash: Buffer; salt: Buffer }> {
  const salt = randomBytes(16);
  return { hash: await derive(password, salt), salt };
}

export async function verifyPassword(password: string, hash: Buffer, salt: Buffer): Promise<boolean> {
  const key = await derive(password, salt);
  return key.length === hash.length && timingSafeEqual(key, hash);
}

/**
 * A fixed verifier for badges that do not exist: checking against it costs the same scrypt time,
 * so response timing does not reveal which badges are real.
 */
const DUMMY_SALT = randomBytes(16);
const DUMMY_HASH = randomBytes(KEY_LEN);
export async function burnPasswordCheck(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH, DUMMY_SALT);
  return false;
}
