import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditListResponseSchema, AuditVerifyResponseSchema, OfficerPasswordResponseSchema, ROUTES, type AuditListResponse } from '#shared/contract/api';
import { auditListSql } from '../../../server/store/sqlite/audit';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { auth, command, getJson, ID_NUMBER, openDb, postCommands } from './fixtures';

/** A row of the audit table as the test reads it itself, with the units the scope rule needs. */
interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  itemId: string | null;
  detail: string;
  itemUnit: string | null;
  actorUnit: string | null;
}

const REASON = '核对申请人身份，电话回访前确认';

describe('GET /api/v1/audit over a real exchange', () => {
  let exchange: ExchangeHandle;
  let admin: string;
  let supervisor: string; // 100004, Zhengzhou 410100
  let luoyangSupervisor: string; // created here, 410300
  let clerk: string; // 100001, Zhengzhou
  let app1: string;
  let app2: string;
  let luoyangApp: string;

  const list = async (token: string, query: Record<string, string | number>): Promise<{ status: number; body: unknown }> =>
    getJson(`${exchange.url}${ROUTES.audit}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, token);
  const page = async (token: string, query: Record<string, string | number>): Promise<AuditListResponse> => {
    const res = await list(token, query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return AuditListResponseSchema.parse(res.body);
  };
  /** Every page of a query followed through `next`, newest first. */
  const all = async (token: string, query: Record<string, string | number>): Promise<AuditListResponse['entries']> => {
    const out: AuditListResponse['entries'] = [];
    let before: number | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const p = await page(token, before === undefined ? query : { ...query, before });
      out.push(...p.entries);
      if (!p.hasMore) return out;
      expect(p.next).toBe(p.entries[p.entries.length - 1]!.seq);
      before = p.next!;
    }
    throw new Error('paging did not end');
  };
  const rows = (): Row[] => {
    const db = openDb(exchange);
    try {
      return db
        .prepare(
          `SELECT a.seq, a.at, a.actor, a.action, a.item_id AS itemId, a.detail, i.unit_code AS itemUnit, o.unit_code AS actorUnit
           FROM audit a LEFT JOIN items i ON i.id = a.item_id LEFT JOIN officers o ON o.badge = a.actor ORDER BY a.seq DESC`,
        )
        .all() as Row[];
    } finally {
      db.close();
    }
  };
  const seqs = (entries: readonly { seq: number }[]) => entries.map((e) => e.seq);
  const inCity = (r: Row, prefix: string) => (r.itemUnit?.startsWith(prefix) ?? false) || (r.actorUnit?.startsWith(prefix) ?? false);

  beforeAll(async () => {
    exchange = await startExchange();
    admin = await login(exchange.url, '900001');
    supervisor = await login(exchange.url, '100004');
    clerk = await login(exchange.url, '100001');
    const luoyangClerk = await login(exchange.url, '300001');
    // a Luoyang supervisor, created the way an admin does it (an audited officer_create)
    const created = await fetch(`${exchange.url}${ROUTES.adminOfficers}`, {
      method: 'POST',
      headers: { ...auth(admin), 'content-type': 'application/json' },
      body: JSON.stringify({ badge: '300009', name: '马洛阳', role: 'supervisor', unitCode: '410300' }),
    });
    expect(created.status).toBe(200);
    const { password } = OfficerPasswordResponseSchema.parse(await created.json());
    luoyangSupervisor = await login(exchange.url, '300009', password);

    app1 = await scannedApplication(exchange, '410100');
    app2 = await scannedApplication(exchange, '410100');
    luoyangApp = await scannedApplication(exchange, '410300');
    const withdrawn = await scannedApplication(exchange, '410100');
    expect((await intake(exchange, 'withdraw', { itemId: withdrawn, reason: '不需要了' })).status).toBe(200);

    const zz = await postCommands(exchange, clerk, [
      command(app1, 'claim', 1),
      command(app1, 'note', 2, { text: '材料齐全' }),
      command(app1, 'decide', 3, { outcome: 'approve', pickup: 'window' }),
      command(app2, 'claim', 1),
      command(app2, 'decide', 2, { outcome: 'reject', reasonCode: 'other', reasonText: '照片不合格' }),
    ]);
    expect(zz.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const ly = await postCommands(exchange, luoyangClerk, [command(luoyangApp, 'claim', 1), command(luoyangApp, 'note', 2, { text: '洛阳备注' })]);
    expect(ly.map((r) => r.status)).toEqual(['applied', 'applied']);

    const reveal = await fetch(`${exchange.url}${ROUTES.reveal}`, {
      method: 'POST',
      headers: { ...auth(clerk), 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: app1, field: 'idNumber', reason: REASON }),
    });
    expect(reveal.status).toBe(200);
    expect(((await reveal.json()) as { value: string }).value).toBe(ID_NUMBER);
  }, 120_000);

  afterAll(async () => {
    await exchange?.stop();
  });

  it('gives an admin every entry once, newest first, across pages of any size', async () => {
    const expected = seqs(rows());
    expect(expected.length).toBe(15); // 5 logins, officer_create, withdraw, 7 commands, reveal
    for (const limit of [1, 4, 500]) expect(seqs(await all(admin, { limit }))).toEqual(expected);
    const first = await page(admin, { limit: 4 });
    expect(first.hasMore).toBe(true);
    expect(first.next).toBe(expected[3]);
    const last = await page(admin, { limit: 4, before: expected[expected.length - 3]! });
    expect(seqs(last.entries)).toEqual(expected.slice(-2));
    expect(last).toMatchObject({ hasMore: false, next: null });
  });

  it('filters by actor, item, action and period exactly as the table says', async () => {
    const table = rows();
    const cases: { query: Record<string, string>; keep: (r: Row) => boolean }[] = [
      { query: { actor: '100001' }, keep: (r) => r.actor === '100001' },
      { query: { actor: 'intake' }, keep: (r) => r.actor === 'intake' },
      { query: { itemId: app1 }, keep: (r) => r.itemId === app1 },
      { query: { action: 'claim' }, keep: (r) => r.action === 'claim' },
      { query: { action: 'note,reveal' }, keep: (r) => r.action === 'note' || r.action === 'reveal' },
      // a bare decide covers every outcome; decide:reject only its own
      { query: { action: 'decide' }, keep: (r) => r.action.startsWith('decide:') },
      { query: { action: 'decide:reject' }, keep: (r) => r.action === 'decide:reject' },
      { query: { actor: '100001', action: 'claim,decide' }, keep: (r) => r.actor === '100001' && (r.action === 'claim' || r.action.startsWith('decide')) },
    ];
    // a period between two entries' instants, [from, to)
    const ats = [...new Set(table.map((r) => r.at))].sort();
    const from = ats[Math.floor(ats.length / 4)]!;
    const to = ats[Math.floor((ats.length * 3) / 4)]!;
    cases.push({ query: { from, to }, keep: (r) => r.at >= from && r.at < to });
    cases.push({ query: { from, itemId: app1 }, keep: (r) => r.at >= from && r.itemId === app1 });
    for (const c of cases) {
      const expected = table.filter(c.keep).map((r) => r.seq);
      expect(expected.length, JSON.stringify(c.query)).toBeGreaterThan(0);
      expect(seqs(await all(admin, { ...c.query, limit: 2 })), JSON.stringify(c.query)).toEqual(expected);
    }
    // names come from the officers table; intake has none
    const named = await page(admin, { actor: '100001', limit: 1 });
    expect(named.entries[0]).toMatchObject({ actor: '100001', actorName: '王丽娜' });
    expect((await page(admin, { actor: 'intake', limit: 1 })).entries[0]).toMatchObject({ actor: 'intake', actorName: null, action: 'withdraw' });
  });

  it('answers each filter from its index', () => {
    const db = openDb(exchange);
    try {
      const plan = (f: Parameters<typeof auditListSql>[0]): string => {
        const { sql, params } = auditListSql(f);
        return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      };
      expect(plan({ unitPrefix: null, actor: '100001', limit: 10 })).toContain('audit_by_actor');
      expect(plan({ unitPrefix: null, itemId: app1, limit: 10 })).toContain('audit_by_item');
      expect(plan({ unitPrefix: null, actions: ['reveal'], limit: 10 })).toContain('audit_by_action');
      expect(plan({ unitPrefix: '4101', actor: '100001', limit: 10 })).toContain('audit_by_actor');
      expect(plan({ unitPrefix: null, limit: 10 })).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  it('gives a supervisor their jurisdiction only: its items and its officers', async () => {
    const table = rows();
    const zhengzhou = table.filter((r) => inCity(r, '4101')).map((r) => r.seq);
    expect(seqs(await all(supervisor, { limit: 3 }))).toEqual(zhengzhou);

    const luoyang = await all(luoyangSupervisor, { limit: 500 });
    expect(seqs(luoyang)).toEqual(table.filter((r) => inCity(r, '4103')).map((r) => r.seq));
    const bySeq = new Map(table.map((r) => [r.seq, r]));
    for (const e of luoyang) expect(inCity(bySeq.get(e.seq)!, '4101'), `entry ${e.seq} ${e.action}`).toBe(false);
    // the Luoyang clerk's work is there, none of Zhengzhou's
    expect(luoyang.some((e) => e.itemId === luoyangApp && e.action === 'note')).toBe(true);
    expect(luoyang.some((e) => e.actor === '100001' || e.itemId === app1 || e.itemId === app2)).toBe(false);
    // asking for a Zhengzhou item or officer outright gives nothing, not an error
    expect((await page(luoyangSupervisor, { itemId: app1 })).entries).toEqual([]);
    expect((await page(luoyangSupervisor, { actor: '100001' })).entries).toEqual([]);
    // the admin's own actions (province unit, no item) are an admin's to read
    expect((await all(supervisor, {})).some((e) => e.actor === '900001')).toBe(false);
  });

  it('refuses clerks and other roles with 403, bad queries with 400', async () => {
    for (const token of [clerk, await login(exchange.url, '100002'), await login(exchange.url, '100003')]) {
      const res = await list(token, {});
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    const bads: Record<string, string | number>[] = [{ limit: 501 }, { limit: 0 }, { action: 'DROP TABLE' }, { actor: '12' }, { from: 'yesterday' }, { before: -1 }, { unknown: 1 }, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }];
    for (const bad of bads) {
      const res = await list(admin, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid' } });
    }
  });

  it('shows a reveal with whose data and why, never the value', async () => {
    const { entries } = await page(supervisor, { action: 'reveal' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: '100001', actorName: '王丽娜', itemId: app1, detail: { field: 'idNumber', partyIdx: null, reason: REASON } });
    expect(JSON.stringify(entries[0])).not.toContain(ID_NUMBER);
    expect(JSON.stringify(entries[0])).not.toContain(ID_NUMBER.slice(6, 14));
  });

  it('still lists a tampered row, and verification names it as the first bad entry', async () => {
    const target = rows().find((r) => r.action === 'decide:reject')!;
    const db = openDb(exchange, false);
    db.prepare("UPDATE audit SET detail = json_set(detail, '$.body.reasonText', '已改') WHERE seq = ?").run(target.seq);
    db.close();
    const verify = AuditVerifyResponseSchema.parse((await getJson(`${exchange.url}${ROUTES.auditVerify}`, supervisor)).body);
    expect(verify).toEqual({ ok: false, checked: target.seq - 1, firstBadSeq: target.seq });
    // the console jumps to it with before = firstBadSeq + 1
    const { entries } = await page(supervisor, { before: verify.firstBadSeq! + 1, limit: 1 });
    expect(entries[0]).toMatchObject({ seq: target.seq, at: target.at, action: 'decide:reject', detail: { body: { reasonText: '已改' } } });
  });
});
