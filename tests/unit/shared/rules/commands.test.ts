import { describe, expect, it } from 'vitest';
import type { Officer } from '#shared/domain/officers';
import type { AccidentCase, Application, Tip, WorkItem } from '#shared/domain/items';
import { applyCommand, checkAction, type CommandInput } from '#shared/rules/commands';
import { missingMaterials, photoName } from '#shared/rules/effects';
import { fixtureItems } from '../../../integration/console/query-fixtures';

const NOW = new Date('2026-11-26T06:00:00.000Z');
const clerk: Officer = { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' };
const otherClerk: Officer = { badge: '100005', name: '刘晓燕', role: 'clerk', unitCode: '410100' };
const supervisor: Officer = { badge: '100004', name: '陈志强', role: 'supervisor', unitCode: '410100' };
const intel: Officer = { badge: '100003', name: '赵文博', role: 'intel', unitCode: '410100' };
const districtIntel: Officer = { badge: '410501', name: '区情报', role: 'intel', unitCode: '410105' };
const luoyangClerk: Officer = { badge: '300001', name: '孙海涛', role: 'clerk', unitCode: '410300' };

const items = fixtureItems();
const first = <K extends WorkItem['kind']>(kind: K, pred: (i: Extract<WorkItem, { kind: K }>) => boolean) =>
  items.find((i): i is Extract<WorkItem, { kind: K }> => i.kind === kind && pred(i as Extract<WorkItem, { kind: K }>))!;

const unclaimedApp = first('application', (a) => a.status === 'submitted' && a.claimedBy === null);
const scanned = (a: Application): Application => ({
  ...a,
  data: { ...a.data, materials: missingMaterials({ ...a, data: { ...a.data, materials: [] } }).map((code, i) => ({ code, sha256: `${i}`.padStart(64, 'b') })) },
});
const claimedBy = <T extends WorkItem>(item: T, badge: string, expires = '2026-11-26T08:00:00.000Z'): T => ({ ...item, claimedBy: badge, claimExpiresAt: expires });
const run = (item: WorkItem, cmd: CommandInput, officer: Officer, extra: Partial<Parameters<typeof applyCommand>[2]> = {}) =>
  applyCommand(item, cmd, { officer, now: NOW, ...extra });

describe('the claim rule (one code on every side)', () => {
  it('lets anyone in scope claim an unclaimed item and gives a lease of the kind’s length', () => {
    const out = run(unclaimedApp, { type: 'claim', body: {} }, clerk);
    expect(out).toMatchObject({ ok: true, item: { claimedBy: '100001', claimExpiresAt: '2026-11-26T08:00:00.000Z', version: unclaimedApp.version + 1 } });
  });

  it('refuses a decision on an unclaimed item with claim_lost, and on someone else’s claim with claim_lost naming them', () => {
    expect(run(scanned(unclaimedApp), { type: 'decide', body: { outcome: 'approve', pickup: 'window' } }, clerk)).toMatchObject({ ok: false, code: 'claim_lost' });
    const held = claimedBy(scanned(unclaimedApp), '100005');
    const out = run(held, { type: 'decide', body: { outcome: 'approve', pickup: 'window' } }, clerk);
    expect(out).toMatchObject({ ok: false, code: 'claim_lost' });
    expect(!out.ok && out.message).toContain('100005');
  });

  it('refuses claiming over a live lease with conflict, but allows it once the lease ran out', () => {
    const held = claimedBy(unclaimedApp, '100005');
    expect(run(held, { type: 'claim', body: {} }, clerk)).toMatchObject({ ok: false, code: 'conflict' });
    const lapsed = claimedBy(unclaimedApp, '100005', '2026-11-26T05:00:00.000Z');
    expect(run(lapsed, { type: 'claim', body: {} }, clerk)).toMatchObject({ ok: true, item: { claimedBy: '100001' } });
  });

  it('lets a holder whose lease ran out still decide while nobody else took the item', () => {
    const lapsed = claimedBy(scanned(unclaimedApp), '100001', '2026-11-26T05:00:00.000Z');
    expect(run(lapsed, { type: 'decide', body: { outcome: 'approve', pickup: 'window' } }, clerk)).toMatchObject({
      ok: true,
      item: { status: 'approved', claimedBy: '100001' },
    });
  });

  it('checks the expected version only when the caller gives one, after the claim', () => {
    const held = claimedBy(scanned(unclaimedApp), '100001');
    expect(run(held, { type: 'note', body: { text: 'x' }, expectedVersion: held.version + 1 }, clerk)).toMatchObject({ ok: false, code: 'conflict' });
    expect(run(claimedBy(held, '100005'), { type: 'release', body: {}, expectedVersion: 99 }, clerk)).toMatchObject({ ok: false, code: 'claim_lost' });
  });

  it('refuses items outside the role or jurisdiction with forbidden before anything else', () => {
    expect(run(unclaimedApp, { type: 'claim', body: {} }, luoyangClerk)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(run(unclaimedApp, { type: 'claim', body: {} }, intel)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('rules on the item', () => {
  it('refuses to approve an application while a listed material has no scan, naming it in Chinese', () => {
    const held = claimedBy(unclaimedApp, '100001');
    expect(missingMaterials(held).length).toBeGreaterThan(0);
    const out = run(held, { type: 'decide', body: { outcome: 'approve', pickup: 'window' } }, clerk);
    expect(out).toMatchObject({ ok: false, code: 'invalid' });
    expect(!out.ok && out.message).toMatch(/材料“.+”缺少扫描件/);
    expect(checkAction(held, 'decide:approve', { officer: clerk, now: NOW })).toMatchObject({ code: 'invalid' });
    // rejecting or asking for the material is still open
    expect(checkAction(held, 'decide:reject', { officer: clerk, now: NOW })).toBeNull();
    expect(checkAction(held, 'request_supplement', { officer: clerk, now: NOW })).toBeNull();
    expect(checkAction(scanned(held), 'decide:approve', { officer: clerk, now: NOW })).toBeNull();
  });

  it('refuses a determination while a required photo is missing, naming the photo', () => {
    const acc = claimedBy(first('accident', (a) => a.status === 'reported' && a.data.declared.length === 0) as AccidentCase, '100002');
    const traffic: Officer = { badge: '100002', name: '李建国', role: 'traffic', unitCode: '410100' };
    const photos = [{ role: 'front_side', partyIdx: null }, { role: 'rear_side', partyIdx: null }, { role: 'collision', partyIdx: null }];
    const out = applyCommand(acc, { type: 'decide', body: { outcome: 'determine', liabilities: ['full', 'none'], scenario: null, overrideReason: '追尾' } }, {
      officer: traffic,
      now: NOW,
      lookups: { item: () => undefined, attachments: () => photos },
    });
    expect(out).toMatchObject({ ok: false, code: 'invalid' });
    expect(!out.ok && out.message).toContain('第1方号牌');
    expect(photoName('vehicle_licence#2')).toBe('第3方行驶证');
  });

  it('lets only a supervisor take over someone else’s claim, moving the claim and keeping the reason as a note', () => {
    const held = claimedBy(unclaimedApp, '100005');
    expect(run(held, { type: 'take_over', body: { reason: '休假' } }, clerk)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(run(unclaimedApp, { type: 'take_over', body: { reason: '休假' } }, supervisor)).toMatchObject({ ok: false, code: 'invalid' });
    const out = run(held, { type: 'take_over', body: { reason: '原认领人休假' } }, supervisor);
    expect(out).toMatchObject({ ok: true, item: { claimedBy: '100004' } });
    expect(out.ok && out.item.notes.at(-1)).toMatchObject({ by: '100004', text: expect.stringContaining('原认领人休假') });
    // the former holder's next decision is claim_lost
    expect(out.ok && run(out.item, { type: 'release', body: {} }, otherClerk)).toMatchObject({ ok: false, code: 'claim_lost' });
  });
});

describe('tips', () => {
  const tip = claimedBy(first('tip', (t) => t.status === 'new') as Tip, '100003');

  it('keeps the claim when routed within the jurisdiction and clears it when forwarded to another city', () => {
    expect(run(tip, { type: 'route', body: { unitCode: '410105', note: '' } }, intel)).toMatchObject({ ok: true, item: { claimedBy: '100003', unitCode: '410105', status: 'routed' } });
    expect(run(tip, { type: 'route', body: { unitCode: '410300', note: '' } }, intel)).toMatchObject({ ok: true, item: { claimedBy: null, unitCode: '410300' } });
    expect(run(tip, { type: 'route', body: { unitCode: '41030201', note: '' } }, intel)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('links a duplicate only to a tip the officer can see, when the side can look it up', () => {
    const other = first('tip', (t) => t.id !== tip.id);
    const lookups = { item: (id: string) => items.find((i) => i.id === id) };
    expect(run(tip, { type: 'link_duplicate', body: { duplicateOf: other.id } }, intel, { lookups })).toMatchObject({ ok: true, item: { status: 'duplicate' } });
    expect(run(tip, { type: 'link_duplicate', body: { duplicateOf: 'APP-410100-1' } }, intel, { lookups })).toMatchObject({ ok: false, code: 'invalid' });
    expect(run(tip, { type: 'link_duplicate', body: { duplicateOf: tip.id } }, intel, { lookups })).toMatchObject({ ok: false, code: 'invalid' });
    // a district officer does not see the city-level tip it would link to
    const districtTip = { ...tip, unitCode: '410105', claimedBy: districtIntel.badge };
    expect(run(districtTip, { type: 'link_duplicate', body: { duplicateOf: other.id } }, districtIntel, { lookups })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('never changes the item it is given', () => {
    const frozen = Object.freeze({ ...tip, notes: Object.freeze([...tip.notes]) }) as Tip;
    expect(() => run(frozen, { type: 'triage', body: { category: 'fraud', urgencyLevel: 'critical', reason: '资金仍在转移' } }, intel)).not.toThrow();
    expect(frozen.data.urgency.level).toBe(tip.data.urgency.level);
  });
});
