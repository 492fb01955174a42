import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors';
import type { AuditEntry, OfficerRecord, Store } from '../../../server/store/store';
import { ADMIN_LOCK_UNTIL } from '../../../server/store/store';
import { STORE_KINDS, type StorePlace } from './stores';

/**
 * Store conformance: the audit chain (also under concurrent appends, and on PostgreSQL from two
 * exchange instances at once), officers, login state and sessions.
 */
const entry = (n: number, actor = 'a1'): AuditEntry => ({ at: new Date(Date.UTC(2026, 10, 20, 8, 0, n)).toISOString(), actor, action: n % 2 ? 'login' : 'decide:approve', itemId: null, detail: { n } });
const officerRecord = (badge: string, unitCode = '410100', role: OfficerRecord['role'] = 'clerk'): OfficerRecord => ({
  badge,
  name: `警员${badge}`,
  role,
  unitCode,
  passwordHash: Buffer.from(`hash-${badge}`),
  passwordSalt: Buffer.from(`salt-${badge}`),
});

describe.each(STORE_KINDS)('store conformance, audit and officers: $name', (kind) => {
  let place: StorePlace;
  let store: Store;
  beforeAll(async () => {
    place = await kind.open('audit');
    store = place.store;
  });
  afterAll(() => place.dispose());

  it('appends a verifiable chain from many concurrent callers (on PostgreSQL from two instances at once)', async () => {
    // SQLite is one exchange process on its file; PostgreSQL is several instances on one database
    const other = kind.name === 'postgres' ? await place.connect() : store;
    const seqs = await Promise.all([
      ...Array.from({ length: 40 }, (_, n) => store.audit.append(entry(n))),
      ...Array.from({ length: 40 }, (_, n) => other.audit.append(entry(100 + n, 'a2'))),
      // appends inside transactions, interleaved with the plain ones
      ...Array.from({ length: 10 }, (_, n) => store.transaction(async (tx) => (await tx.audit.append(entry(200 + n))) + 0 * (await tx.audit.append(entry(300 + n))))),
    ]);
    expect(new Set(seqs).size).toBe(90);
    const verification = await other.audit.verify();
    expect(verification).toEqual({ ok: true, checked: 100 });
    expect(await store.audit.verify()).toEqual({ ok: true, checked: 100 });
  });

  it('a rolled-back append leaves no link in the chain', async () => {
    const before = await store.audit.verify();
    await expect(store.transaction(async (tx) => {
      await tx.audit.append(entry(500));
      throw new Error('undo');
    })).rejects.toThrow('undo');
    const seq = await store.audit.append(entry(501));
    expect(seq).toBe(before.checked + 1);
    expect(await store.audit.verify()).toEqual({ ok: true, checked: before.checked + 1 });
  });

  it('lists audit entries newest first by actor, action family, period and paging cursor', async () => {
    await store.officers.put(officerRecord('a1'));
    const mine = await store.audit.list({ unitPrefix: null, actor: 'a2', limit: 5 });
    expect(mine).toHaveLength(5);
    expect(mine.every((e) => e.actor === 'a2')).toBe(true);
    expect(mine.map((e) => e.seq)).toEqual([...mine.map((e) => e.seq)].sort((a, b) => b - a));
    const decides = await store.audit.list({ unitPrefix: null, actions: ['decide'], limit: 1000 });
    expect(decides.length).toBeGreaterThan(0);
    expect(decides.every((e) => e.action === 'decide:approve')).toBe(true);
    const next = await store.audit.list({ unitPrefix: null, actor: 'a2', before: mine.at(-1)!.seq, limit: 100 });
    expect(next).toHaveLength(35);
    expect(next[0]!.seq).toBeLessThan(mine.at(-1)!.seq);
    const named = await store.audit.list({ unitPrefix: '4101', actor: 'a1', limit: 1 });
    expect(named[0]).toMatchObject({ actor: 'a1', actorName: '警员a1' });
    expect(await store.audit.list({ unitPrefix: '4103', actor: 'a1', limit: 10 })).toEqual([]);
    const period = await store.audit.list({ unitPrefix: null, from: entry(10).at, to: entry(20).at, limit: 1000 });
    expect(period.map((e) => e.detail.n).sort((a, b) => Number(a) - Number(b))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('keeps officers, their directory, login state and admin locks', async () => {
    expect(await store.officers.create(officerRecord('b1', '410105'))).toBe(true);
    expect(await store.officers.create(officerRecord('b1', '410300'))).toBe(false);
    await store.officers.put(officerRecord('b2', '410300', 'intel'));
    expect(await store.officers.get('b1')).toEqual(officerRecord('b1', '410105'));
    expect(await store.officers.get('nobody')).toBeUndefined();
    expect((await store.officers.list('4101')).map((o) => o.badge).sort()).toEqual(['a1', 'b1']);
    expect(await store.officers.count()).toBe(3);
    expect(await store.officers.loginState('b1')).toEqual({ failedCount: 0, failedWindowStart: null, lockedUntil: null });
    await store.officers.setLoginState('b1', { failedCount: 2, failedWindowStart: '2026-11-20T08:00:00.000Z', lockedUntil: null });
    expect(await store.officers.loginState('b1')).toEqual({ failedCount: 2, failedWindowStart: '2026-11-20T08:00:00.000Z', lockedUntil: null });
    await store.officers.setAssignment('b1', 'supervisor', '410100');
    await store.officers.setPassword('b1', Buffer.from('new'), Buffer.from('pepper'));
    expect(await store.officers.get('b1')).toMatchObject({ role: 'supervisor', unitCode: '410100', passwordHash: Buffer.from('new'), passwordSalt: Buffer.from('pepper') });
    await store.officers.setLock('b2', { at: '2026-11-20T09:00:00.000Z', by: 'admin1' });
    expect(await store.officers.getAdmin('b2')).toMatchObject({ badge: 'b2', lockedAt: '2026-11-20T09:00:00.000Z', lockedBy: 'admin1' });
    expect((await store.officers.loginState('b2')).lockedUntil).toBe(ADMIN_LOCK_UNTIL);
    expect((await store.officers.listAdmin()).map((o) => o.badge).sort()).toEqual(['a1', 'b1', 'b2']);
    await store.officers.setLock('b2', null);
    expect(await store.officers.getAdmin('b2')).toMatchObject({ lockedAt: null, lockedBy: null });
  });

  it('issues, finds and revokes sessions, and refuses one to a locked officer', async () => {
    await store.sessions.add('h1', 'b1', '2026-12-20T00:00:00.000Z');
    await store.sessions.add('h2', 'b1', '2026-12-20T00:00:00.000Z');
    expect(await store.sessions.find('h1')).toEqual({ badge: 'b1', expiresAt: '2026-12-20T00:00:00.000Z', revoked: false });
    expect(await store.sessions.find('nope')).toBeUndefined();
    await store.sessions.revoke('h1');
    expect((await store.sessions.find('h1'))?.revoked).toBe(true);
    expect(await store.sessions.revokeAll('b1')).toBe(1);
    expect((await store.sessions.find('h2'))?.revoked).toBe(true);
    await store.officers.setLock('b2', { at: '2026-11-20T09:00:00.000Z', by: 'admin1' });
    const refused = await store.sessions.add('h3', 'b2', '2026-12-20T00:00:00.000Z').then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('account_disabled');
    expect(await store.sessions.find('h3')).toBeUndefined();
  });

  // Several exchange instances share one PostgreSQL: a logout or an admin's revocation through one
  // must hold on the others at once (the SQLite store is one process and caches tokens briefly).
  it.runIf(kind.name === 'postgres')('a session revoked through one instance is revoked on another at once', async () => {
    const other = await place.connect();
    await store.sessions.add('x1', 'a1', '2026-12-20T00:00:00.000Z');
    expect((await other.sessions.find('x1'))?.revoked).toBe(false);
    await store.sessions.revoke('x1');
    expect((await other.sessions.find('x1'))?.revoked).toBe(true);
    await store.sessions.add('x2', 'a1', '2026-12-20T00:00:00.000Z');
    expect((await other.sessions.find('x2'))?.revoked).toBe(false);
    expect(await store.sessions.revokeAll('a1')).toBe(1);
    expect((await other.sessions.find('x2'))?.revoked).toBe(true);
  });
});
