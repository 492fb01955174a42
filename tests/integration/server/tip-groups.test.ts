import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, IntakeResponseSchema, OutboundResponseSchema, ROUTES, type OutboundNotification } from '#shared/contract/api';
import { TipSchema, type Tip } from '#shared/domain/items';
import { ROUTE_DEADLINE_HOURS } from '#shared/data/tip-routing';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { ID_NUMBER, tipBody } from '../../helpers/intake-bodies';
import { changes, command, openDb, postCommands } from './fixtures';

/**
 * Tip groups and the reporter's thread over HTTP (server/domain/tip-group.ts, citizen.ts
 * `followUpTip`, outbound.ts): a linked tip follows its primary when the primary is routed, gets
 * a case or is closed, and every reporter in the group is told; replies go out as text only; the
 * reporter answers with the tip's number and the code they got at submission.
 */
let exchange: ExchangeHandle;
let intel: string;

beforeAll(async () => {
  exchange = await startExchange();
  intel = await login(exchange.url, '100003');
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

async function newTip(extra: Record<string, unknown> = {}): Promise<{ id: string; reporterCode: string }> {
  const res = await intake(exchange, 'tip', { ...tipBody(), ...extra });
  expect(res.status).toBe(200);
  const body = IntakeResponseSchema.parse(res.body);
  expect(body.reporterCode).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
  return { id: body.id, reporterCode: body.reporterCode! };
}

async function tipNow(id: string): Promise<Tip> {
  const feed = await changes(exchange, intel, 0, 2000);
  const found = feed.items.filter((i) => i.id === id).at(-1);
  if (!found) throw new Error(`${id} not in the feed`);
  return TipSchema.parse(found);
}

/** Claims each tip, then runs `type` with `body`; returns the statuses. */
async function claimAnd(id: string, type: string, body: unknown): Promise<string[]> {
  const v = (await tipNow(id)).version;
  const results = await postCommands(exchange, intel, [command(id, 'claim', v), command(id, type, v + 1, body)]);
  return results.map((r) => r.status);
}

async function followUp(itemId: string, reporterCode: string, text: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${exchange.url}${ROUTES.intakeTipFollowUp}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: exchange.intakeKey },
    body: JSON.stringify({ itemId, reporterCode, text }),
  });
  return { status: res.status, body: await res.json() };
}

async function outboundOf(itemId: string): Promise<OutboundNotification[]> {
  const res = await fetch(`${exchange.url}${ROUTES.outbound}?after=0&limit=1000`, { headers: { [INTAKE_KEY_HEADER]: exchange.intakeKey } });
  return OutboundResponseSchema.parse(await res.json()).notifications.filter((n) => n.itemId === itemId);
}

describe('a duplicate group', () => {
  it('follows its primary: routed, case opened and closed as one, and every reporter is told', async () => {
    const primary = await newTip({ category: 'fraud', content: '有人冒充客服让我转账到安全账户，对方电话0898-66123456' });
    const a = await newTip({ category: 'fraud', content: '自称客服的人让我把钱转到安全账户，电话0898-66123456' });
    const b = await newTip({ category: 'fraud', content: '0898-66123456 这个号码冒充客服骗人转账' });
    expect(await claimAnd(a.id, 'link_duplicate', { duplicateOf: primary.id })).toEqual(['applied', 'applied']);
    // linked to a follower, b joins the group's primary
    expect(await claimAnd(b.id, 'link_duplicate', { duplicateOf: a.id })).toEqual(['applied', 'applied']);
    expect((await tipNow(b.id)).data.duplicateOf).toBe(primary.id);

    const before = Date.now();
    expect(await claimAnd(primary.id, 'route', { unitCode: '41010096', note: '转反诈中心' })).toEqual(['applied', 'applied']);
    const routed = await tipNow(primary.id);
    expect(routed).toMatchObject({ status: 'routed', unitCode: '41010096', data: { routedTo: '41010096' } });
    const due = Date.parse(routed.dueAt!) - before;
    expect(due).toBeGreaterThanOrEqual(ROUTE_DEADLINE_HOURS.fraud * 3600_000 - 1000);
    expect(due).toBeLessThan(ROUTE_DEADLINE_HOURS.fraud * 3600_000 + 60_000);
    for (const f of [a.id, b.id]) {
      expect(await tipNow(f)).toMatchObject({ status: 'duplicate', dueAt: routed.dueAt, data: { duplicateOf: primary.id, routedTo: '41010096', routedAt: routed.data.routedAt } });
    }

    const v = routed.version;
    expect((await postCommands(exchange, intel, [command(primary.id, 'open_case', v, { caseNumber: 'ZZ-2026-000777' })]))[0]?.status).toBe('applied');
    for (const f of [a.id, b.id]) expect((await tipNow(f)).data.caseNumber).toBe('ZZ-2026-000777');

    for (const id of [primary.id, a.id, b.id]) {
      const events = (await outboundOf(id)).filter((n) => n.event === 'tip_outcome').map((n) => (n.event === 'tip_outcome' ? n.outcome : null));
      // the followers were told they were merged, then what became of the group
      expect(events).toEqual(id === primary.id ? ['routed', 'case_opened'] : ['duplicate', 'routed', 'case_opened']);
    }
    const db = openDb(exchange);
    try {
      const follows = db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'group_follow' AND item_id IN (?, ?)").get(a.id, b.id) as { n: number };
      expect(follows.n).toBe(4);
    } finally {
      db.close();
    }
  });

  it('links a new tip to an already routed primary in its routed state; refuses a closed primary and a recorded non-duplicate', async () => {
    const primary = await newTip();
    expect(await claimAnd(primary.id, 'route', { unitCode: '41010501', note: '', deadlineHours: 6 })).toEqual(['applied', 'applied']);
    const routed = await tipNow(primary.id);
    const late = await newTip();
    expect(await claimAnd(late.id, 'link_duplicate', { duplicateOf: primary.id })).toEqual(['applied', 'applied']);
    expect(await tipNow(late.id)).toMatchObject({ status: 'duplicate', dueAt: routed.dueAt, data: { routedTo: '41010501' } });

    const other = await newTip();
    const v = (await tipNow(other.id)).version;
    const results = await postCommands(exchange, intel, [command(other.id, 'claim', v), command(other.id, 'not_duplicate', v + 1, { of: primary.id }), command(other.id, 'link_duplicate', v + 2, { duplicateOf: primary.id })]);
    expect(results.map((r) => [r.status, r.message ?? null])).toEqual([['applied', null], ['applied', null], ['invalid', expect.stringContaining('不是此线索的重复')]]);
    expect((await tipNow(other.id)).data.notDuplicates).toEqual([primary.id]);

    const closed = await newTip();
    expect(await claimAnd(closed.id, 'close', { reason: '经核查不属实' })).toEqual(['applied', 'applied']);
    const third = await newTip();
    expect(await claimAnd(third.id, 'link_duplicate', { duplicateOf: closed.id })).toEqual(['applied', 'invalid']);
  });
});

describe('the reporter’s thread', () => {
  it('sends an officer’s reply out as text only and takes the reporter’s follow-up with the right code', async () => {
    const tip = await newTip();
    expect(await claimAnd(tip.id, 'feedback', { text: '您好，线索已收到，请问具体是哪一栋楼？' })).toEqual(['applied', 'applied']);
    const replies = (await outboundOf(tip.id)).filter((n) => n.event === 'tip_reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toEqual({ seq: expect.any(Number), at: expect.any(String), itemId: tip.id, kind: 'tip', event: 'tip_reply', text: '您好，线索已收到，请问具体是哪一栋楼？' });
    expect(JSON.stringify(replies)).not.toContain('100003');

    expect(await followUp(tip.id, tip.reporterCode, '是3号楼，地下车库入口旁边。')).toMatchObject({ status: 200, body: { id: tip.id } });
    const after = await tipNow(tip.id);
    expect(after.data.messages.map((m) => [m.from, m.by, m.text])).toEqual([
      ['officer', '100003', '您好，线索已收到，请问具体是哪一栋楼？'],
      ['reporter', null, '是3号楼，地下车库入口旁边。'],
    ]);
  });

  it('answers a wrong code like an unknown tip and writes nothing', async () => {
    const tip = await newTip();
    const other = await newTip();
    const version = (await tipNow(tip.id)).version;
    const wrong = await followUp(tip.id, other.reporterCode, '冒充别人的补充');
    const unknown = await followUp('TIP-410100-999999', tip.reporterCode, '不存在的线索');
    expect(wrong).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(unknown).toEqual(wrong);
    expect(await followUp(tip.id, 'not-a-code', '格式不对')).toMatchObject({ status: 400 });
    expect((await tipNow(tip.id)).version).toBe(version);
  });

  it('keeps the reporter code and the reporter’s clear identity out of the feed', async () => {
    const tip = await newTip({ reporter: { anonymous: false, name: '欧阳明辉', phone: '13988887777', idNumber: ID_NUMBER } });
    const feed = JSON.stringify(await changes(exchange, intel, 0, 2000));
    expect(feed).toContain(tip.id);
    for (const secret of [tip.reporterCode, 'reporterCodeHash', '欧阳明辉', '13988887777', ID_NUMBER]) expect(feed).not.toContain(secret);
    expect((await tipNow(tip.id)).data.reporter).toEqual({ anonymous: false, nameMasked: '欧***', phoneMasked: '139****7777' });
  });
});

describe('revealing a reporter', () => {
  async function reveal(token: string, itemId: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${exchange.url}${ROUTES.reveal}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ itemId, field: 'reporter', reason: '核实举报人身份以便回访' }),
    });
    return { status: res.status, body: await res.json() };
  }

  it('is for intelligence staff and supervisors only, and every reveal is audited with its reason', async () => {
    const tip = await newTip({ reporter: { anonymous: false, name: '欧阳明辉', phone: '13988887777', idNumber: null } });
    expect(await reveal(intel, tip.id)).toEqual({ status: 200, body: { value: '欧阳明辉 / 13988887777' } });
    expect(await reveal(await login(exchange.url, '100004'), tip.id)).toMatchObject({ status: 200 });
    // a clerk and a traffic officer do not even see tips; an admin may not reveal either
    for (const badge of ['100001', '100002', '900001']) expect((await reveal(await login(exchange.url, badge), tip.id)).status, badge).not.toBe(200);
    const anonymous = await newTip({ reporter: { anonymous: true, name: null, phone: null, idNumber: null } });
    expect(await reveal(intel, anonymous.id)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const db = openDb(exchange);
    try {
      const rows = db.prepare("SELECT actor, json_extract(detail, '$.reason') AS reason FROM audit WHERE action = 'reveal' AND item_id = ? ORDER BY seq").all(tip.id);
      expect(rows).toEqual([
        { actor: '100003', reason: '核实举报人身份以便回访' },
        { actor: '100004', reason: '核实举报人身份以便回访' },
      ]);
    } finally {
      db.close();
    }
  });
});
