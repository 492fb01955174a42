import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCache } from '#db/cache';
import { tempDir } from '../console/support';

const officer = { badge: '100001', name: '王丽娜', role: 'clerk' as const, unitCode: '410100' };
const sealer = { seal: (p: string) => Buffer.from(p).reverse().toString('base64'), open: (s: string) => Buffer.from(s, 'base64').reverse().toString() };

describe('session tokens at rest', () => {
  it('are stored sealed when the shell has a key store, read back whole, and unusable without it', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const cache = openCache(file, { sealer });
    cache.sessions.saveOnlineLogin({ officer, token: 'tok-1234567890', tokenExpiresAt: '2030-01-01T00:00:00.000Z', verifier: null, lastOnlineLoginAt: '2026-12-01T00:00:00.000Z' });
    expect(cache.sessions.get('100001')?.token).toBe('tok-1234567890');
    cache.close();
    const raw = new Database(file, { readonly: true });
    const stored = (raw.prepare('SELECT token FROM sessions').get() as { token: string }).token;
    raw.close();
    expect(stored.startsWith('sealed:')).toBe(true);
    expect(stored).not.toContain('tok-1234567890');
    // the same file opened where the key store is missing (a copied cache): no token, log in again
    const elsewhere = openCache(file);
    expect(elsewhere.sessions.get('100001')?.token).toBeNull();
    elsewhere.close();
    // a key store that cannot open it (another user): likewise
    const broken = openCache(file, { sealer: { seal: sealer.seal, open: () => { throw new Error('not this user'); } } });
    expect(broken.sessions.get('100001')?.token).toBeNull();
    broken.close();
  });
});
