import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, deadUrl, PASSWORD, readCache, startCore, tempDir, tipBody, waitFor } from './support';
import type { ConsoleCore } from '#console/service';

/**
 * An admin changes an officer's unit or role (issue 10): the exchange ends the officer's sessions
 * (server/domain/officer-admin.ts), and the officer's console, at the next online login, sees the
 * new role or unit in the login answer and starts its feed over from 0 — its cache file then holds
 * exactly the new scope. The admin works through their own console core (admin.officers.*), so
 * the bridge handlers are the ones under test too; the generated password never reaches a file.
 */
let exchange: ExchangeHandle;
let adminDir: string;
let admin: ConsoleCore;

const cachedIds = (dataDir: string): string[] =>
  readCache(dataDir, (db) => (db.prepare('SELECT id FROM items ORDER BY id').all() as { id: string }[]).map((r) => r.id));
const removedIds = (dataDir: string): string[] =>
  readCache(dataDir, (db) => (db.prepare('SELECT id FROM item_removals ORDER BY id').all() as { id: string }[]).map((r) => r.id));
const fileBytes = (dataDir: string): Buffer =>
  Buffer.concat(['cache.sqlite', 'cache.sqlite-wal'].map((f) => join(dataDir, f)).filter(existsSync).map((f) => readFileSync(f)));

async function applicationsAt(unitCode: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await intake(exchange, 'application', applicationBody(unitCode));
    if (!res.id) throw new Error(`intake failed: ${JSON.stringify(res.body)}`);
    ids.push(res.id);
  }
  return ids.sort();
}

/** A new officer created by the admin through the bridge; their one-time password. */
async function newOfficer(badge: string, role: 'clerk' | 'intel', unitCode: string): Promise<string> {
  const { officer, password } = await admin['admin.officers.create']({ badge, name: '调岗测试', role, unitCode });
  expect(officer).toEqual({ badge, name: '调岗测试', role, unitCode, locked: false, lockedAt: null });
  return password;
}

beforeAll(async () => {
  exchange = await startExchange();
  adminDir = tempDir('console-admin-');
  admin = await startCore(adminDir, exchange.url);
  await admin['auth.login']({ badge: '900001', password: PASSWORD });
});
afterAll(async () => {
  await admin?.close();
  await exchange?.stop();
});

describe('a change of unit or role reaches the officer’s console cache', () => {
  it('moves a Jinshui clerk to Laocheng: the session ends, and after signing in again the cache holds Laocheng’s items only; a queued command on an old item becomes a conflict', async () => {
    const jinshui = await applicationsAt('410105', 3);
    const laocheng = await applicationsAt('410302', 2);
    await applicationsAt('410102', 1); // a third district neither scope includes
    const password = await newOfficer('510001', 'clerk', '410105');

    const dataDir = tempDir();
    const clerk = await startCore(dataDir, exchange.url, { pageSize: 2 });
    try {
      await clerk['auth.login']({ badge: '510001', password });
      await clerk['sync.now']({});
      expect(cachedIds(dataDir)).toEqual(jinshui);
      const cursorBefore = readCache(dataDir, (db) => Number((db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value: string }).value));
      expect(cursorBefore).toBeGreaterThan(0);

      const moved = await admin['admin.officers.assign']({ badge: '510001', unitCode: '410302', reason: '交流任职' });
      expect(moved.officer).toMatchObject({ badge: '510001', role: 'clerk', unitCode: '410302', locked: false });

      // the console's next call to the exchange is refused: the session has ended
      const status = await clerk['sync.now']({});
      expect(status.lastError?.code).toBe('unauthenticated');
      // work goes on from the cache meanwhile; this note is queued, not sent
      await clerk['items.command']({ itemId: jinshui[0]!, type: 'note', body: { text: '调岗前的备注' } });
      expect(await clerk['outbox.list']({})).toHaveLength(1);

      const session = await clerk['auth.login']({ badge: '510001', password });
      expect(session.officer).toEqual({ badge: '510001', name: '调岗测试', role: 'clerk', unitCode: '410302' });
      await clerk['sync.now']({});
      await waitFor(async () => (await clerk['outbox.list']({})).length === 0, 'the queued note is answered');

      expect(cachedIds(dataDir)).toEqual(laocheng);
      // the old scope's rows went as removals, so an open view learns they left
      for (const id of jinshui) expect(removedIds(dataDir)).toContain(id);
      // the kept command was sent under the new scope and refused: a conflict with the text kept
      const conflicts = await clerk['conflicts.list']({});
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ itemId: jinshui[0], type: 'note', body: { text: '调岗前的备注' } });
      expect(['forbidden', 'not_found']).toContain(conflicts[0]!.code);
      expect(cachedIds(dataDir)).toEqual(laocheng);
      const rows = (await clerk['items.list']({ kind: 'application', sinceRev: 0 })).rows;
      expect(rows.map((r) => r.id).sort()).toEqual(laocheng);
      expect(rows.every((r) => r.unitCode.startsWith('410302'))).toBe(true);
    } finally {
      await clerk.close();
    }
  });

  it('changes a clerk into an intelligence officer of the same unit: the applications leave the cache, the unit’s tips come in', async () => {
    const apps = await applicationsAt('410103', 2);
    const tip = await intake(exchange, 'tip', tipBody('410103'));
    if (!tip.id) throw new Error(`tip intake failed: ${JSON.stringify(tip.body)}`);
    const password = await newOfficer('510002', 'clerk', '410103');

    const dataDir = tempDir();
    const officer = await startCore(dataDir, exchange.url);
    try {
      await officer['auth.login']({ badge: '510002', password });
      await officer['sync.now']({});
      expect(cachedIds(dataDir)).toEqual(apps);

      await admin['admin.officers.assign']({ badge: '510002', role: 'intel', reason: '转岗情报' });
      expect((await officer['sync.now']({})).lastError?.code).toBe('unauthenticated');
      await officer['auth.login']({ badge: '510002', password });
      await officer['sync.now']({});
      expect(cachedIds(dataDir)).toEqual([tip.id]);
    } finally {
      await officer.close();
    }
  });

  it('keeps the cache and its cursor when the officer signs in again with the same role and unit', async () => {
    const apps = await applicationsAt('410104', 2);
    const password = await newOfficer('510003', 'clerk', '410104');
    const dataDir = tempDir();
    const clerk = await startCore(dataDir, exchange.url);
    try {
      await clerk['auth.login']({ badge: '510003', password });
      await clerk['sync.now']({});
      expect(cachedIds(dataDir)).toEqual(apps);
      const cursor = (await clerk['sync.status']({})).cursor;
      const removalsBefore = removedIds(dataDir);
      await clerk['auth.logout']({ wipe: false });
      await clerk['auth.login']({ badge: '510003', password });
      expect((await clerk['sync.status']({})).cursor).toBe(cursor);
      expect(cachedIds(dataDir)).toEqual(apps);
      expect(removedIds(dataDir)).toEqual(removalsBefore);
    } finally {
      await clerk.close();
    }
  });

  it('resets a password through the bridge: the officer’s session ends, the new password signs in, and no password is in the admin’s cache file', async () => {
    const first = await newOfficer('510004', 'clerk', '410108');
    const dataDir = tempDir();
    const clerk = await startCore(dataDir, exchange.url);
    try {
      await clerk['auth.login']({ badge: '510004', password: first });
      const { officer, password } = await admin['admin.officers.resetPassword']({ badge: '510004' });
      expect(officer.badge).toBe('510004');
      expect(password).not.toBe(first);
      expect((await clerk['sync.now']({})).lastError?.code).toBe('unauthenticated');
      await expect(clerk['auth.login']({ badge: '510004', password: first })).rejects.toMatchObject({ code: 'bad_credentials' });
      await clerk['auth.login']({ badge: '510004', password });
      const bytes = fileBytes(adminDir);
      for (const p of [first, password]) expect(bytes.includes(Buffer.from(p))).toBe(false);
    } finally {
      await clerk.close();
    }
  });

  it('refuses the admin methods offline (a session without a token) and reports the exchange’s refusals by code', async () => {
    await expect(admin['admin.officers.create']({ badge: '100001', name: '重复警号', role: 'clerk', unitCode: '410100' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(admin['admin.officers.create']({ badge: '510099', name: '未知单位', role: 'clerk', unitCode: '419999' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(admin['admin.officers.lock']({ badge: '900001', reason: '锁定自己' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(admin['admin.officers.lock']({ badge: '599999', reason: '没有此人' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(admin['admin.officers.assign']({ badge: '100001' } as never)).rejects.toMatchObject({ code: 'invalid' });
    const locked = await admin['admin.officers.lock']({ badge: '510003', reason: '停职检查' });
    expect(locked.officer).toMatchObject({ locked: true });
    const listed = (await admin['admin.officers.list']({})).officers.find((o) => o.badge === '510003');
    expect(listed).toMatchObject({ locked: true });
    expect((await admin['admin.officers.unlock']({ badge: '510003' })).officer).toMatchObject({ locked: false, lockedAt: null });

    // a clerk's console gets `forbidden` from the exchange; an offline unlock has no token at all
    const clerkDir = tempDir();
    const clerk = await startCore(clerkDir, exchange.url);
    try {
      await clerk['auth.login']({ badge: '100001', password: PASSWORD });
      await expect(clerk['admin.officers.list']({})).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await clerk.close();
    }
    const offlineDir = tempDir();
    const first = await startCore(offlineDir, exchange.url);
    await first['auth.login']({ badge: '900001', password: PASSWORD });
    await first.close();
    const offline = await startCore(offlineDir, await deadUrl());
    try {
      await offline['auth.logout']({ wipe: false });
      const s = await offline['auth.login']({ badge: '900001', password: PASSWORD });
      expect(s.offlineLogin).toBe(true);
      await expect(offline['admin.officers.list']({})).rejects.toMatchObject({ code: 'offline', message: expect.stringContaining('需要联网') });
    } finally {
      await offline.close();
    }
  });
});
