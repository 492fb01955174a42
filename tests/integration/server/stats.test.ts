import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_HEADER, ROUTES, ServiceUsageResponseSchema, StatsResponseSchema, type StatsResponse } from '#shared/contract/api';
import type { WorkItem } from '#shared/domain/items';
import { childrenOf, unitPrefix } from '#shared/domain/units';
import { intake, login, scannedApplication, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, auth, changes, command, completePhotos, getJson, postCommands, tipBody } from './fixtures';
import { STATS_SQL } from '../../../server/store/sqlite/stats';

/**
 * GET /api/v1/stats over a data set made through intake and commands (on time and late decisions,
 * supplements, overdue open applications, accidents determined after different delays and
 * referred, tips routed, opened, closed, linked, ratings), against the figures this test computes
 * itself from the items the feed gives a province supervisor and from the ratings it posted.
 */
const MIN = 60_000;
const DAY = 86_400_000;
let exchange: ExchangeHandle;
let clerk: string;
let clerk2: string;
let luoyangClerk: string;
let traffic: string;
let intel: string;
let supervisor: string;
let provinceSupervisor: string;
let admin: string;
const ratings: { itemId: string; stars: number }[] = [];
let from: string;
let to: string;

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function decide(token: string, id: string, body: unknown): Promise<void> {
  const results = await postCommands(exchange, token, [command(id, 'claim', 1), command(id, 'decide', 2, body)]);
  expect(results.map((r) => r.status), id).toEqual(['applied', 'applied']);
}

async function rate(itemId: string, stars: number, comment?: string): Promise<Response> {
  return fetch(`${exchange.url}${ROUTES.intakeRating}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTAKE_KEY_HEADER]: exchange.intakeKey },
    body: JSON.stringify({ itemId, stars, ...(comment ? { comment } : {}) }),
  });
}

async function stats(token: string, query: string): Promise<{ status: number; body: unknown }> {
  return getJson(`${exchange.url}${ROUTES.stats}?${query}`, token);
}

beforeAll(async () => {
  exchange = await startExchange();
  const tokens = await Promise.all(['100001', '100005', '300001', '100002', '100003', '100004', '900001'].map((b) => login(exchange.url, b)));
  [clerk, clerk2, luoyangClerk, traffic, intel, supervisor, admin] = tokens as [string, string, string, string, string, string, string];
  // a province supervisor, created by the admin, sees every item the figures count
  const created = await fetch(`${exchange.url}${ROUTES.adminOfficers}`, {
    method: 'POST',
    headers: { ...auth(admin), 'content-type': 'application/json' },
    body: JSON.stringify({ badge: '990001', name: '省厅督导', role: 'supervisor', unitCode: '410000' }),
  });
  const { password } = (await created.json()) as { password: string };
  provinceSupervisor = await login(exchange.url, '990001', password);
  from = ago(DAY);

  // applications: approved on time (submitted now), approved late (submitted weeks ago, 7-day limit)
  for (const [unit, token, late] of [
    ['410105', clerk, false],
    ['41010501', clerk, false],
    ['410105', clerk2, true],
    ['410102', clerk2, false],
    ['410100', clerk, true],
    ['410300', luoyangClerk, false],
    ['410300', luoyangClerk, true],
  ] as const) {
    const id = await scannedApplication(exchange, unit, late ? { submittedAt: ago(30 * DAY) } : {});
    await decide(token, id, { outcome: 'approve', pickup: 'window' });
  }
  // rejected: on time and late (a 1-day service); one rejected after a supplement request
  for (const [unit, token, serviceCode, backMs] of [
    ['410103', clerk, 'traffic_licence_replacement', 0],
    ['410103', clerk, 'traffic_licence_replacement', 10 * DAY],
    ['410108', clerk2, 'hukou_cancel_enlistment', 0],
  ] as const) {
    const body = applicationBody(unit, { serviceCode, materials: [], ...(backMs ? { submittedAt: ago(backMs) } : {}) });
    const { id } = await intake(exchange, 'application', body);
    await decide(token, id!, { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' });
  }
  const supplemented = (await intake(exchange, 'application', applicationBody('410105'))).id!;
  const sup = await postCommands(exchange, clerk, [
    command(supplemented, 'claim', 1),
    command(supplemented, 'request_supplement', 2, { missing: ['photo'], note: '请补充照片' }),
    command(supplemented, 'decide', 3, { outcome: 'reject', reasonCode: 'materials_false', reasonText: '' }),
  ]);
  expect(sup.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  // open: a supplement pending (clock paused), fresh ones, and overdue ones (clock running past the deadline)
  const pending = (await intake(exchange, 'application', applicationBody('410104'))).id!;
  await postCommands(exchange, clerk, [command(pending, 'claim', 1), command(pending, 'request_supplement', 2, { missing: ['photo'], note: '请补充照片' })]);
  await intake(exchange, 'application', applicationBody('410104'));
  await intake(exchange, 'application', applicationBody('410104', { submittedAt: ago(20 * DAY) }));
  await intake(exchange, 'application', applicationBody('41010502', { submittedAt: ago(25 * DAY) }));
  await intake(exchange, 'application', applicationBody('410300', { submittedAt: ago(25 * DAY) }));

  // accidents: determined after 2, 4, 6, 12 and 45 minutes; one referred; one left reported
  const photos = await completePhotos(exchange);
  const DETERMINE = { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null };
  for (const [unit, backMin] of [
    ['410105', 2],
    ['410105', 4],
    ['410102', 6],
    ['410100', 12],
    ['410300', 45],
  ] as const) {
    const { id } = await intake(exchange, 'accident', { ...accidentBody(unit, photos), submittedAt: ago(backMin * MIN) });
    await decide(unit === '410300' ? await login(exchange.url, '300002') : traffic, id!, DETERMINE);
  }
  const referred = (await intake(exchange, 'accident', { ...accidentBody('410103', photos), declared: ['casualties'], submittedAt: ago(8 * MIN) })).id!;
  const ref = await postCommands(exchange, traffic, [command(referred, 'claim', 1), command(referred, 'refer', 2, { reasons: ['casualties'], note: '有人受伤' })]);
  expect(ref.map((r) => r.status)).toEqual(['applied', 'applied']);
  await intake(exchange, 'accident', accidentBody('410105', photos));

  // tips: routed after 3 h and 30 h, a case opened, one closed unfounded, one linked as a duplicate, one new
  const tip = async (category: string, backMs = 0) => (await intake(exchange, 'tip', { ...tipBody('410100'), category, ...(backMs ? { submittedAt: ago(backMs) } : {}) })).id!;
  const routedA = await tip('fire', 3 * 3600_000);
  const routedB = await tip('fraud', 30 * 3600_000);
  const opened = await tip('vice');
  const closed = await tip('fire');
  const dup = await tip('fire');
  await tip('traffic');
  for (const [id, unit] of [
    [routedA, '410105'],
    [routedB, '410102'],
  ] as const) {
    const r = await postCommands(exchange, intel, [command(id, 'claim', 1), command(id, 'route', 2, { unitCode: unit, note: '' })]);
    expect(r.map((x) => x.status)).toEqual(['applied', 'applied']);
  }
  const t = await postCommands(exchange, intel, [
    command(opened, 'claim', 1),
    command(opened, 'open_case', 2, { caseNumber: 'A41010020261201' }),
    command(closed, 'claim', 1),
    command(closed, 'close', 2, { reason: '经核查不实' }),
    command(dup, 'claim', 1),
    command(dup, 'link_duplicate', 2, { duplicateOf: routedA }),
  ]);
  expect(t.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied']);

  // ratings of finished items
  const finished = (await changes(exchange, provinceSupervisor)).items.filter((i) => ['approved', 'rejected', 'determined', 'referred', 'case_opened', 'closed'].includes(i.status));
  finished.forEach((item, i) => ratings.push({ itemId: item.id, stars: (i % 5) + 1 }));
  for (const r of ratings) expect((await rate(r.itemId, r.stars, r.stars < 3 ? '办事员态度一般' : undefined)).status).toBe(200);
  to = new Date(Date.now() + 3600_000).toISOString();
}, 240_000);

afterAll(async () => {
  await exchange?.stop();
});

// ---- what the figures must be, from the items themselves -----------------------------------------

const inPeriod = (iso: string | null | undefined) => !!iso && iso >= from && iso < to;
const childOf = (unit: string, code: string) => childrenOf(unit).find((c) => code.startsWith(unitPrefix(c.code)))?.code ?? unit;
const nearest = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
const round1 = (v: number) => Math.round(v * 10) / 10;
const minutes = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / MIN;

function expected(items: WorkItem[], unit: string) {
  const mine = items.filter((i) => i.unitCode.startsWith(unitPrefix(unit)));
  const apps = mine.flatMap((i) => (i.kind === 'application' ? [i] : []));
  const decided = apps.filter((a) => inPeriod(a.data.decision?.decidedAt));
  const onTime = (a: (typeof apps)[number]) => a.dueAt !== null && a.data.decision!.decidedAt <= a.dueAt;
  const overdue = apps.filter((a) => a.status === 'submitted' && a.dueAt !== null && a.dueAt < new Date().toISOString());
  const group = <T,>(list: T[], key: (x: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
    return m;
  };
  const appFigures = (rec: typeof apps, dec: typeof apps, od: typeof apps) => ({
    received: rec.length,
    decided: dec.length,
    decidedOnTime: dec.filter(onTime).length,
    timelyRate: dec.length ? dec.filter(onTime).length / dec.length : null,
    overdueOpen: od.length,
  });
  const received = apps.filter((a) => inPeriod(a.submittedAt));
  const unitKeys = new Set([...received, ...decided, ...overdue].map((a) => childOf(unit, a.unitCode)));
  const byUnit = Object.fromEntries(
    [...unitKeys].map((u) => [
      u,
      appFigures(
        received.filter((a) => childOf(unit, a.unitCode) === u),
        decided.filter((a) => childOf(unit, a.unitCode) === u),
        overdue.filter((a) => childOf(unit, a.unitCode) === u),
      ),
    ]),
  );
  const serviceKeys = new Set([...received, ...decided, ...overdue].map((a) => a.data.serviceCode));
  const byService = Object.fromEntries(
    [...serviceKeys].map((s) => [
      s,
      appFigures(
        received.filter((a) => a.data.serviceCode === s),
        decided.filter((a) => a.data.serviceCode === s),
        overdue.filter((a) => a.data.serviceCode === s),
      ),
    ]),
  );
  const byOfficer = Object.fromEntries(
    [...group(decided, (a) => a.data.decision!.decidedBy)].map(([badge, list]) => [badge, { decided: list.length, decidedOnTime: list.filter(onTime).length }]),
  );

  const accidents = mine.flatMap((i) => (i.kind === 'accident' ? [i] : []));
  const determined = accidents.filter((a) => inPeriod(a.data.determination?.decidedAt));
  const mins = determined.map((a) => minutes(a.submittedAt, a.data.determination!.decidedAt)).sort((x, y) => x - y);
  const tips = mine.flatMap((i) => (i.kind === 'tip' ? [i] : []));
  const tipsReceived = tips.filter((t) => inPeriod(t.submittedAt));
  const outcomeOf = (t: (typeof tips)[number]) =>
    t.status === 'duplicate' ? 'duplicate' : t.data.caseNumber !== null ? 'case_opened' : t.status === 'closed' ? 'unfounded' : t.status === 'routed' ? 'routed' : 'pending';
  const routed = tips.filter((t) => t.status !== 'duplicate' && inPeriod(t.data.routedAt));
  const hours = routed.map((t) => (Date.parse(t.data.routedAt!) - Date.parse(t.submittedAt)) / 3600_000).sort((x, y) => x - y);
  const rated = ratings.filter((r) => mine.some((i) => i.id === r.itemId));
  return {
    applications: {
      ...appFigures(received, decided, overdue),
      rejected: decided.filter((a) => a.status === 'rejected').length,
      byUnit,
      byService,
      byOfficer,
    },
    accidents: {
      reported: accidents.filter((a) => inPeriod(a.submittedAt)).length,
      determined: determined.length,
      referred: accidents.filter((a) => inPeriod(a.data.referral?.at)).length,
      median: mins.length ? round1(nearest(mins, 0.5)) : null,
      p90: mins.length ? round1(nearest(mins, 0.9)) : null,
      within5: mins.filter((m) => m <= 5).length,
    },
    tips: {
      received: tipsReceived.length,
      outcomes: Object.fromEntries([...group(tipsReceived, outcomeOf)].map(([k, v]) => [k, v.length])),
      byCategory: Object.fromEntries([...group(tipsReceived, (t) => t.data.category)].map(([k, v]) => [k, v.length])),
      routed: hours.length,
      medianHours: hours.length ? round1(nearest(hours, 0.5)) : null,
    },
    satisfaction: { count: rated.length, average: rated.length ? Math.round((rated.reduce((s, r) => s + r.stars, 0) / rated.length) * 100) / 100 : null },
  };
}

function compare(actual: StatsResponse, want: ReturnType<typeof expected>): void {
  const a = actual.applications;
  expect({ received: a.received, decided: a.decided, decidedOnTime: a.decidedOnTime, timelyRate: a.timelyRate, overdueOpen: a.overdueOpen, rejected: a.rejected }).toEqual({
    received: want.applications.received,
    decided: want.applications.decided,
    decidedOnTime: want.applications.decidedOnTime,
    timelyRate: want.applications.timelyRate,
    overdueOpen: want.applications.overdueOpen,
    rejected: want.applications.rejected,
  });
  expect(Object.fromEntries(a.byUnit.map(({ unitCode, name: _n, ...f }) => [unitCode, f]))).toEqual(want.applications.byUnit);
  expect(Object.fromEntries(a.byService.map(({ serviceCode, name: _n, ...f }) => [serviceCode, f]))).toEqual(want.applications.byService);
  expect(Object.fromEntries(a.byOfficer.map((o) => [o.badge, { decided: o.decided, decidedOnTime: o.decidedOnTime }]))).toEqual(want.applications.byOfficer);
  const acc = actual.accidents;
  expect({ reported: acc.reported, determined: acc.determined, referred: acc.referred, within5: acc.determinedWithin5Min }).toEqual({
    reported: want.accidents.reported,
    determined: want.accidents.determined,
    referred: want.accidents.referred,
    within5: want.accidents.within5,
  });
  expect(acc.minutesToDetermination.median).toBe(want.accidents.median);
  expect(acc.minutesToDetermination.p90).toBe(want.accidents.p90);
  expect(acc.shareWithin5Min).toBe(want.accidents.determined ? want.accidents.within5 / want.accidents.determined : null);
  const t = actual.tips;
  expect(t.received).toBe(want.tips.received);
  expect(Object.fromEntries(Object.entries(t.outcomes).filter(([, n]) => n > 0))).toEqual(want.tips.outcomes);
  expect(Object.fromEntries(t.byCategory.filter((c) => c.received > 0).map((c) => [c.category, c.received]))).toEqual(want.tips.byCategory);
  expect(t.hoursToRouting.count).toBe(want.tips.routed);
  expect(t.hoursToRouting.median).toBe(want.tips.medianHours);
  expect({ count: actual.satisfaction.count, average: actual.satisfaction.average }).toEqual(want.satisfaction);
}

describe('GET /api/v1/stats', () => {
  it('equals the figures computed from the items, for the province, a city and a district', async () => {
    const items = (await changes(exchange, provinceSupervisor)).items;
    for (const unit of ['410000', '410100', '410105']) {
      const res = await stats(provinceSupervisor, `unit=${unit}&from=${from}&to=${to}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      compare(StatsResponseSchema.parse(res.body), expected(items, unit));
    }
  });

  it('has late decisions as well as timely ones, overdue open applications, and every figure non-trivial', async () => {
    const s = StatsResponseSchema.parse((await stats(provinceSupervisor, `unit=410000&from=${from}&to=${to}`)).body);
    expect(s.applications.decided).toBe(11);
    expect(s.applications.decidedOnTime).toBe(7);
    expect(s.applications.timelyRate).toBeCloseTo(7 / 11, 10);
    // the late ones were submitted weeks ago: decided in the period, not received in it
    expect(s.applications.received).toBe(9);
    expect(s.applications.overdueOpen).toBe(3);
    expect(s.accidents).toMatchObject({ reported: 7, determined: 5, referred: 1, determinedWithin5Min: 2, minutesToDetermination: { count: 5 } });
    // nearest rank over 2, 4, 6, 12, 45 minutes (plus the seconds the commands took)
    expect(s.accidents.minutesToDetermination.median).toBeCloseTo(6, 0);
    expect(s.accidents.minutesToDetermination.p90).toBeCloseTo(45, 0);
    // the tip routed after 30 h was received before the period: routed in it, not received in it
    expect(s.tips.outcomes).toEqual({ pending: 1, routed: 1, case_opened: 1, unfounded: 1, duplicate: 1 });
    expect(s.tips.hoursToRouting.count).toBe(2);
    expect(s.tips.hoursToRouting.median).toBeCloseTo(3, 0);
    expect(s.tips.hoursToRouting.p90).toBeCloseTo(30, 0);
    expect(s.satisfaction.count).toBe(ratings.length);
    expect(s.applications.byOfficer.map((o) => o.badge).sort()).toEqual(['100001', '100005', '300001']);
    expect(s.applications.byOfficer.find((o) => o.badge === '100001')?.name).toBe('王丽娜');
  });

  it('rolls a city up to its districts and divisions, items filed at the city itself under the city', async () => {
    const s = StatsResponseSchema.parse((await stats(supervisor, `from=${from}&to=${to}`)).body);
    expect(s.unit).toEqual({ code: '410100', name: '郑州市公安局' });
    expect(s.applications.byUnit.map((u) => u.unitCode)).toEqual(['410100', '410102', '410103', '410104', '410105', '410108']);
    // 41010501 (a station of Jinshui) counts under Jinshui 410105
    expect(s.applications.byUnit.find((u) => u.unitCode === '410105')).toMatchObject({ name: '郑州市公安局金水区分局', decided: 4 });
    // tips count where they are now: routed to Jinshui, under Jinshui (the one routed to 410102 came before the period)
    expect(s.tips.byUnit.map((u) => u.unitCode)).toEqual(['410100', '410105']);
  });

  it('counts nothing outside the period', async () => {
    const s = StatsResponseSchema.parse((await stats(supervisor, `from=${ago(400 * DAY)}&to=${ago(200 * DAY)}`)).body);
    expect([s.applications.received, s.applications.decided, s.accidents.reported, s.tips.received, s.satisfaction.count]).toEqual([0, 0, 0, 0, 0]);
    expect(s.applications.timelyRate).toBeNull();
    expect(s.accidents.minutesToDetermination).toEqual({ count: 0, median: null, p90: null });
  });

  it('gives supervisors their jurisdiction only, admins everything, others nothing', async () => {
    const q = `from=${from}&to=${to}`;
    expect((await stats(supervisor, `unit=410300&${q}`)).body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await stats(supervisor, `unit=410000&${q}`)).status).toBe(403);
    expect((await stats(supervisor, `unit=410105&${q}`)).status).toBe(200);
    expect((await stats(clerk, q)).body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await stats(intel, q)).status).toBe(403);
    const all = StatsResponseSchema.parse((await stats(admin, q)).body);
    expect(all.unit.code).toBe('410000');
    expect(StatsResponseSchema.parse((await stats(admin, `unit=410300&${q}`)).body).applications.decided).toBe(2);
    expect((await stats(admin, `unit=999999&${q}`)).status).toBe(400);
    expect((await stats(admin, `from=${to}&to=${from}`)).body).toMatchObject({ error: { code: 'invalid' } });
    expect((await stats(admin, 'from=yesterday&to=today')).status).toBe(400);
  });

  it('lists every service of the month with its use and ratings, flagging the unused', async () => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const res = await getJson(`${exchange.url}${ROUTES.statsServices}?month=${month}`, supervisor);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const usage = ServiceUsageResponseSchema.parse(res.body);
    const passport = usage.services.find((s) => s.serviceCode === 'exit_passport_first')!;
    expect(passport.received).toBeGreaterThan(0);
    expect(usage.services.find((s) => s.serviceCode === 'residence_permit_first')?.flags).toContain('unused');
    expect(usage.services.find((s) => s.serviceCode === 'quick_accident')?.ratings.count).toBeGreaterThan(0);
    expect((await getJson(`${exchange.url}${ROUTES.statsServices}?month=2026-13`, supervisor)).status).toBe(400);
  });

  it('answers every figure from its stats index, never a scan of items', () => {
    const db = new Database(path.join(exchange.dataDir, 'exchange.sqlite'), { readonly: true });
    try {
      const params = { from, to, lo: '41', hi: '42', now: to, target: 5, k: 0 };
      for (const [name, sql] of Object.entries(STATS_SQL)) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan, name).toMatch(/USING (COVERING )?INDEX (items_stats_|ratings_by_at)/);
        expect(plan, name).not.toMatch(/SCAN items(?! USING)|SCAN ratings(?! USING)/);
      }
    } finally {
      db.close();
    }
  });
});
