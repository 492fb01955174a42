import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminOfficerResponseSchema,
  AdminOfficersResponseSchema,
  LoginResponseSchema,
  OfficerPasswordResponseSchema,
  ROUTES,
} from '#shared/contract/api';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { applicationBody, auth, changes, command, getJson, openDb, postCommands } from './fixtures';

/**
 * Officer administration over HTTP: admins create officers, reset passwords (shown once), lock and
 * unlock, change role or unit, each audited; the effect on logins, sessions and scope.
 */
let exchange: ExchangeHandle;
let admin: string;

const path = (route: string, badge: string) => route.replace(':badge', badge);
async function post(route: string, token: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${exchange.url}${route}`, {
    method: 'POST',
    headers: { ...auth(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
async function tryLogin(badge: string, password: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${exchange.url}${ROUTES.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge, password }) });
  return { status: res.status, body: await res.json() };
}
async function create(badge: string, role: string, unitCode: string, name = '新民警'): Promise<string> {
  const res = await post(ROUTES.adminOfficers, admin, { badge, name, role, unitCode });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return OfficerPasswordResponseSchema.parse(res.body).password;
}
function auditOf(action: string): { actor: string; detail: Record<string, unknown> }[] {
  const db = openDb(exchange);
  try {
    return (db.prepare('SELECT actor, detail FROM audit WHERE action = ? ORDER BY seq').all(action) as { actor: string; detail: string }[]).map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) }));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  exchange = await startExchange();
  admin = await login(exchange.url, '900001');
});
afterAll(async () => {
  await exchange?.stop();
});

describe('officer administration', () => {
  it('creates an officer who can then sign in with the password shown once, audited without it', async () => {
    const res = await post(ROUTES.adminOfficers, admin, { badge: '500001', name: '杨帆', role: 'clerk', unitCode: '410105' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { officer, password } = OfficerPasswordResponseSchema.parse(res.body);
    expect(officer).toEqual({ badge: '500001', name: '杨帆', role: 'clerk', unitCode: '410105', locked: false, lockedAt: null });
    expect(password.length).toBeGreaterThanOrEqual(12);
    const signedIn = await tryLogin('500001', password);
    expect(LoginResponseSchema.parse(signedIn.body).officer).toEqual({ badge: '500001', name: '杨帆', role: 'clerk', unitCode: '410105' });
    const [row] = auditOf('officer_create');
    expect(row).toEqual({ actor: '900001', detail: { badge: '500001', name: '杨帆', role: 'clerk', unitCode: '410105' } });
    expect(JSON.stringify(auditOf('officer_create'))).not.toContain(password);
    const list = AdminOfficersResponseSchema.parse((await getJson(`${exchange.url}${ROUTES.adminOfficers}`, admin)).body);
    expect(list.officers.find((o) => o.badge === '500001')).toMatchObject({ name: '杨帆', locked: false });
    expect(JSON.stringify(list)).not.toMatch(/hash|salt|password/i);
  });

  it('refuses a badge that exists, an unknown unit and a bad body', async () => {
    expect((await post(ROUTES.adminOfficers, admin, { badge: '100001', name: '重复', role: 'clerk', unitCode: '410100' })).body).toMatchObject({ error: { code: 'conflict' } });
    expect((await post(ROUTES.adminOfficers, admin, { badge: '500099', name: '某人', role: 'clerk', unitCode: '419999' })).body).toMatchObject({ error: { code: 'invalid' } });
    expect((await post(ROUTES.adminOfficers, admin, { badge: '5000', name: '某人', role: 'clerk', unitCode: '410100' })).status).toBe(400);
    expect((await post(ROUTES.adminOfficers, admin, { badge: '500098', name: '某人', role: 'chief', unitCode: '410100' })).status).toBe(400);
  });

  it('is for admins only: a supervisor or clerk is forbidden on every route', async () => {
    const supervisor = await login(exchange.url, '100004');
    const clerk = await login(exchange.url, '100001');
    for (const token of [supervisor, clerk]) {
      expect((await getJson(`${exchange.url}${ROUTES.adminOfficers}`, token)).body).toMatchObject({ error: { code: 'forbidden' } });
      expect((await post(ROUTES.adminOfficers, token, { badge: '500097', name: '某人', role: 'admin', unitCode: '410000' })).status).toBe(403);
      expect((await post(path(ROUTES.adminOfficerPassword, '100005'), token)).status).toBe(403);
      expect((await post(path(ROUTES.adminOfficerLock, '100005'), token, { reason: '测试锁定' })).status).toBe(403);
      expect((await post(path(ROUTES.adminOfficerAssignment, '100005'), token, { role: 'admin' })).status).toBe(403);
    }
    expect((await getJson(`${exchange.url}${ROUTES.adminOfficers}`, 'not-a-token')).status).toBe(401);
    expect(auditOf('officer_assign')).toEqual([]);
  });

  it('resets a password: the old one fails, the new one works, and existing sessions end', async () => {
    const first = await create('500002', 'clerk', '410100');
    const token = await login(exchange.url, '500002', first);
    const res = await post(path(ROUTES.adminOfficerPassword, '500002'), admin);
    expect(res.status).toBe(200);
    const { password } = OfficerPasswordResponseSchema.parse(res.body);
    expect(password).not.toBe(first);
    expect((await tryLogin('500002', first)).body).toMatchObject({ error: { code: 'bad_credentials' } });
    expect((await tryLogin('500002', password)).status).toBe(200);
    expect((await getJson(`${exchange.url}${ROUTES.me}`, token)).body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(auditOf('officer_password_reset').at(-1)).toEqual({ actor: '900001', detail: { badge: '500002', sessionsEnded: 1 } });
    expect((await post(path(ROUTES.adminOfficerPassword, '599999'), admin)).status).toBe(404);
  });

  it('locks an officer: the existing token is refused at once and login is refused; unlocking lets them in again', async () => {
    const password = await create('500003', 'traffic', '410100');
    const token = await login(exchange.url, '500003', password);
    expect((await getJson(`${exchange.url}${ROUTES.me}`, token)).status).toBe(200);
    const locked = await post(path(ROUTES.adminOfficerLock, '500003'), admin, { reason: '调离岗位' });
    expect(AdminOfficerResponseSchema.parse(locked.body).officer).toMatchObject({ badge: '500003', locked: true });
    expect((await getJson(`${exchange.url}${ROUTES.me}`, token)).body).toMatchObject({ error: { code: 'unauthenticated' } });
    const refused = await tryLogin('500003', password);
    expect(refused.status).toBe(423);
    expect(refused.body).toMatchObject({ error: { code: 'account_disabled' } });
    const unlocked = await post(path(ROUTES.adminOfficerUnlock, '500003'), admin, { reason: '复岗' });
    expect(AdminOfficerResponseSchema.parse(unlocked.body).officer).toMatchObject({ locked: false, lockedAt: null });
    expect((await tryLogin('500003', password)).status).toBe(200);
    expect(auditOf('officer_lock').at(-1)).toEqual({ actor: '900001', detail: { badge: '500003', reason: '调离岗位', sessionsEnded: 1, alreadyLocked: false } });
    expect(auditOf('officer_unlock').at(-1)).toMatchObject({ actor: '900001', detail: { badge: '500003', reason: '复岗', wasLocked: true } });
  });

  it('does not let an admin lock or reassign themselves', async () => {
    expect((await post(path(ROUTES.adminOfficerLock, '900001'), admin, { reason: '自己锁定' })).body).toMatchObject({ error: { code: 'invalid' } });
    expect((await post(path(ROUTES.adminOfficerAssignment, '900001'), admin, { role: 'clerk' })).body).toMatchObject({ error: { code: 'invalid' } });
    expect((await getJson(`${exchange.url}${ROUTES.me}`, admin)).status).toBe(200);
  });

  it('changes an officer’s unit: their sessions end, and after signing in again the feed from 0 holds only the new scope, old items refused', async () => {
    const password = await create('500004', 'clerk', '410100');
    const zhengzhou = (await intake(exchange, 'application', applicationBody('410100'))).id!;
    const luoyang = (await intake(exchange, 'application', applicationBody('410300'))).id!;
    const before = await login(exchange.url, '500004', password);
    const cached = await changes(exchange, before);
    expect(cached.items.map((i) => i.id)).toContain(zhengzhou);
    expect(cached.items.map((i) => i.id)).not.toContain(luoyang);

    const res = await post(path(ROUTES.adminOfficerAssignment, '500004'), admin, { unitCode: '410300', reason: '交流任职' });
    expect(AdminOfficerResponseSchema.parse(res.body).officer).toMatchObject({ role: 'clerk', unitCode: '410300' });
    // the console's next sync is refused: it must sign in again
    const stale = await getJson(`${exchange.url}${ROUTES.changes}?after=${cached.next}`, before);
    expect(stale.body).toMatchObject({ error: { code: 'unauthenticated' } });
    const signedIn = LoginResponseSchema.parse((await tryLogin('500004', password)).body);
    // the login answer names the new unit: a console whose cached officer differs re-pulls from 0
    expect(signedIn.officer.unitCode).toBe('410300');
    const fresh = await changes(exchange, signedIn.token, 0);
    const ids = fresh.items.map((i) => i.id);
    expect(ids).toContain(luoyang);
    expect(ids).not.toContain(zhengzhou);
    expect(fresh.items.every((i) => i.unitCode.startsWith('4103') && i.kind === 'application')).toBe(true);
    // what a console still holds from the old scope cannot be worked
    const [claim] = await postCommands(exchange, signedIn.token, [command(zhengzhou, 'claim', 1)]);
    expect(claim).toMatchObject({ status: 'forbidden', item: null });
    expect(auditOf('officer_assign').at(-1)).toEqual({
      actor: '900001',
      detail: { badge: '500004', from: { role: 'clerk', unitCode: '410100' }, to: { role: 'clerk', unitCode: '410300' }, reason: '交流任职', sessionsEnded: 1 },
    });
  });

  it('changes an officer’s role: the new role’s kinds only', async () => {
    const password = await create('500005', 'clerk', '410100');
    const res = await post(path(ROUTES.adminOfficerAssignment, '500005'), admin, { role: 'intel' });
    expect(AdminOfficerResponseSchema.parse(res.body).officer).toMatchObject({ role: 'intel', unitCode: '410100' });
    const token = await login(exchange.url, '500005', password);
    const page = await changes(exchange, token, 0);
    expect(page.items.every((i) => i.kind === 'tip')).toBe(true);
    expect((await post(path(ROUTES.adminOfficerAssignment, '500005'), admin, {})).status).toBe(400);
    expect((await post(path(ROUTES.adminOfficerAssignment, '500005'), admin, { unitCode: '419999' })).body).toMatchObject({ error: { code: 'invalid' } });
    expect((await post(path(ROUTES.adminOfficerAssignment, '599999'), admin, { role: 'clerk' })).status).toBe(404);
  });
});
