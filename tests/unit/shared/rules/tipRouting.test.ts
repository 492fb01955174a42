import { describe, expect, it } from 'vitest';
import type { Officer } from '#shared/domain/officers';
import type { AccidentCase, Tip, WorkItem } from '#shared/domain/items';
import { findUnit } from '#shared/domain/units';
import { ROUTE_DEADLINE_HOURS } from '#shared/data/tip-routing';
import { TIP_CATEGORIES } from '../../../../server/seed/tipText';
import { applyCommand, checkAction, type CommandInput } from '#shared/rules/commands';
import { followPrimary, isRouteOverdue, routeDueAt, routeTargets } from '#shared/rules/tipRouting';
import { fixtureItems } from '../../../integration/console/query-fixtures';

const NOW = new Date('2026-11-26T06:00:00.000Z');
const intel: Officer = { badge: '100003', name: '赵文博', role: 'intel', unitCode: '410100' };
const districtIntel: Officer = { badge: '410501', name: '区情报', role: 'intel', unitCode: '410105' };
const traffic: Officer = { badge: '100002', name: '李二', role: 'traffic', unitCode: '410100' };

const items = fixtureItems();
const tipOf = (pred: (t: Tip) => boolean): Tip => items.find((i): i is Tip => i.kind === 'tip' && pred(i))!;
const claimed = <T extends WorkItem>(item: T, badge: string): T => ({ ...item, claimedBy: badge, claimExpiresAt: '2026-11-26T08:00:00.000Z' });
const run = (item: WorkItem, cmd: CommandInput, officer: Officer, lookups?: Parameters<typeof applyCommand>[2]['lookups']) => applyCommand(item, cmd, { officer, now: NOW, lookups });

describe('routing targets and deadlines (data)', () => {
  it('proposes a unit of the right kind for every category, in the tip’s own city', () => {
    const expected = { vice: '治安', fire: '消防', fraud: '反电信网络诈骗', traffic: '交通警察', gang: '刑事侦查', other: '派出所' } as const;
    for (const category of TIP_CATEGORIES) {
      const [first] = routeTargets(category, '410105');
      expect(first, category).toBeDefined();
      expect(findUnit(first!)?.name, category).toContain(expected[category]);
      expect(first!.startsWith('4101'), category).toBe(true);
    }
    // a district's tip goes to that district's station; a Luoyang one stays in Luoyang
    expect(findUnit(routeTargets('other', '410105')[0]!)?.parent).toBe('410105');
    expect(routeTargets('gang', '410305').every((u) => u.startsWith('4103'))).toBe(true);
    expect(routeTargets('fraud', '419001')).toEqual(['41900196', '41900192']);
  });

  it('gives the routed unit the category’s deadline unless the officer sets one, and calls a routed tip late after it', () => {
    expect(routeDueAt('fraud', NOW)).toBe(new Date(NOW.getTime() + ROUTE_DEADLINE_HOURS.fraud * 3600_000).toISOString());
    expect(routeDueAt('traffic', NOW, 3)).toBe('2026-11-26T09:00:00.000Z');
    expect(isRouteOverdue({ status: 'routed', dueAt: '2026-11-26T05:59:59.000Z' }, NOW.getTime())).toBe(true);
    expect(isRouteOverdue({ status: 'routed', dueAt: '2026-11-26T06:00:01.000Z' }, NOW.getTime())).toBe(false);
    expect(isRouteOverdue({ status: 'case_opened', dueAt: '2026-11-26T05:00:00.000Z' }, NOW.getTime())).toBe(false);
    expect(ROUTE_DEADLINE_HOURS.fraud).toBeLessThan(Math.min(...Object.values(ROUTE_DEADLINE_HOURS).filter((h) => h !== ROUTE_DEADLINE_HOURS.fraud)));
  });
});

describe('tip commands in the core', () => {
  const fresh = claimed(tipOf((t) => t.status === 'new' && t.unitCode === '410100'), '100003');

  it('routes with the deadline and keeps the claim within the jurisdiction; a district desk may task its city’s divisions, not another city’s', () => {
    const out = run(fresh, { type: 'route', body: { unitCode: '41010096', note: '', deadlineHours: 1 } }, intel);
    expect(out).toMatchObject({ ok: true, item: { status: 'routed', unitCode: '41010096', claimedBy: '100003', dueAt: '2026-11-26T07:00:00.000Z', data: { routedTo: '41010096', routedAt: NOW.toISOString() } } });
    const district = claimed({ ...fresh, unitCode: '410105' }, '410501');
    expect(run(district, { type: 'route', body: { unitCode: '41010091', note: '' } }, districtIntel)).toMatchObject({ ok: true, item: { claimedBy: null } });
    expect(run(district, { type: 'route', body: { unitCode: '41030091', note: '' } }, districtIntel)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(run(district, { type: 'route', body: { unitCode: '41010399', note: '' } }, districtIntel)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('links to the group’s primary, mirrors a handled primary, and refuses a recorded non-duplicate', () => {
    const primary: Tip = { ...tipOf((t) => t.status === 'new' && t.id !== fresh.id), status: 'routed', dueAt: '2026-11-27T06:00:00.000Z', data: { ...fresh.data, routedTo: '41010501', routedAt: '2026-11-26T05:00:00.000Z' } };
    const follower: Tip = { ...primary, id: 'TIP-410100-900', status: 'duplicate', data: { ...primary.data, duplicateOf: primary.id } };
    const pool = new Map<string, WorkItem>([primary, follower].map((i) => [i.id, i]));
    const lookups = { item: (id: string) => pool.get(id) };
    const out = run(fresh, { type: 'link_duplicate', body: { duplicateOf: follower.id } }, intel, lookups);
    expect(out).toMatchObject({ ok: true, item: { status: 'duplicate', dueAt: primary.dueAt, data: { duplicateOf: primary.id, routedTo: '41010501' } } });
    expect(out.ok && out.item.data).toEqual(followPrimary(fresh, primary).data);

    const marked = run(fresh, { type: 'not_duplicate', body: { of: primary.id } }, intel, lookups);
    expect(marked).toMatchObject({ ok: true, item: { status: fresh.status, data: { notDuplicates: [primary.id] } } });
    const again = run(marked.ok ? marked.item : fresh, { type: 'not_duplicate', body: { of: primary.id } }, intel, lookups);
    expect(again.ok && again.item.kind === 'tip' && again.item.data.notDuplicates).toEqual([primary.id]);
    const linked = run(marked.ok ? marked.item : fresh, { type: 'link_duplicate', body: { duplicateOf: primary.id } }, intel, lookups);
    expect(linked).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('appends a reply to the reporter’s thread with the officer’s badge, claimed or not', () => {
    const unclaimed = { ...fresh, claimedBy: null, claimExpiresAt: null };
    const out = run(unclaimed, { type: 'feedback', body: { text: '已受理' } }, intel);
    expect(out).toMatchObject({ ok: true, item: { data: { messages: [{ from: 'officer', by: '100003', text: '已受理', at: NOW.toISOString() }] } } });
  });
});

describe('an accident outside the quick procedure', () => {
  it('cannot be asked for photos: referral is the only way on', () => {
    const base = items.find((i): i is AccidentCase => i.kind === 'accident' && i.status === 'reported')!;
    const excluded = claimed({ ...base, data: { ...base.data, declared: ['casualties'] } } as AccidentCase, '100002');
    expect(checkAction(excluded, 'request_supplement', { officer: traffic, now: NOW })).toMatchObject({ code: 'invalid' });
    expect(run(excluded, { type: 'request_supplement', body: { missing: ['front_side'], note: '' } }, traffic)).toMatchObject({ ok: false, code: 'invalid' });
    expect(checkAction(excluded, 'refer', { officer: traffic, now: NOW })).toBeNull();
  });
});
