import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_BODIES, CommandSchema, type Command, type CommandType } from '#shared/domain/commands';
import type { WorkItem } from '#shared/domain/items';
import { COMMAND_TYPES_BY_KIND } from '#shared/domain/status';
import { findService } from '#shared/data/catalogue';
import type { Officer } from '#shared/domain/officers';
import type { CommandInput } from '#shared/rules/commands';
import { createSqliteStore } from '#server/store/sqlite/index';
import { runCommand } from '#server/domain/apply';
import { applyLocal } from '#console/local-view';
import { fixtureItems, NOW } from './query-fixtures';
import { makeIdNumber } from '#shared/rules/idNumber';
import { maskIdNumber } from '#shared/rules/masking';

/**
 * DESIGN.md: what a command does is one function, called by the exchange and by the console's
 * optimistic apply. This checks the two real paths against each other — the exchange's runCommand
 * over a real SQLite store, and the console's `applyLocal` (its check before queueing and its
 * optimistic view) over the officer's view — for generated command sequences of every kind and
 * type: the same commands are refused with the same code, and the applied ones leave the same
 * status, claim and data. A rule added on one side only fails here.
 */

const OFFICERS: readonly Officer[] = [
  { badge: '100001', name: '张一', role: 'clerk', unitCode: '410100' },
  { badge: '100005', name: '张五', role: 'clerk', unitCode: '410100' },
  { badge: '100002', name: '李二', role: 'traffic', unitCode: '410100' },
  { badge: '100003', name: '王三', role: 'intel', unitCode: '410100' },
  { badge: '100004', name: '赵四', role: 'supervisor', unitCode: '410100' },
  { badge: '300001', name: '洛一', role: 'clerk', unitCode: '410300' },
  { badge: '410106', name: '区五', role: 'intel', unitCode: '410105' },
];

const APPLICANT_ID = makeIdNumber('410105', '19900307', 123);
const OTHER_ID = makeIdNumber('410105', '19851120', 456);

/** Bodies per command type: valid ones and ones the rules refuse (unknown material, bad combination, foreign unit …). */
const BODIES: { readonly [T in CommandType]: readonly unknown[] } = {
  claim: [{}],
  release: [{}],
  renew: [{}],
  take_over: [{ reason: '原认领人休假，督导接手' }],
  note: [{ text: '已电话联系申请人' }],
  decide: [
    { outcome: 'approve', pickup: 'window' },
    { outcome: 'approve', pickup: 'ems' },
    { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' },
    { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null },
    { outcome: 'determine', liabilities: ['equal', 'equal'], scenario: null, overrideReason: '双方均有过错' },
    { outcome: 'determine', liabilities: ['full', 'full'], scenario: null, overrideReason: null },
  ],
  request_supplement: [
    { missing: ['photo'], note: '' },
    { missing: ['id_card', 'id_card'], note: '身份证照片模糊' },
    { missing: ['front_side', 'plate#1'], note: '请补拍' },
    { missing: ['plate#2'], note: '' },
  ],
  // the applicant's number (pool(): APPLICANT_ID), a valid number of someone else, a typo (bad check character)
  hand_over: [{ idNumber: APPLICANT_ID }, { idNumber: OTHER_ID }, { idNumber: '41010519900307123X' }],
  dispatch: [{ waybill: 'EA123456789CN' }, { waybill: '1100123456789' }],
  check_in: [{}],
  serve: [{}],
  no_show: [{}],
  refer: [{ reasons: ['disputed_facts'], note: '双方有争议' }],
  close: [{ reason: '经核查不属实' }],
  route: [
    { unitCode: '410105', note: '转金水分局' },
    { unitCode: '410300', note: '转洛阳市局' },
    { unitCode: '41030201', note: '' },
    { unitCode: '410100', note: '' },
    { unitCode: '41010096', note: '转反诈中心', deadlineHours: 1 },
  ],
  link_duplicate: [{ duplicateOf: 'TIP-410100-1' }, { duplicateOf: 'TIP-410100-2' }, { duplicateOf: 'APP-410100-1' }, { duplicateOf: 'TIP-410100-999' }],
  not_duplicate: [{ of: 'TIP-410100-1' }, { of: 'TIP-410100-2' }],
  open_case: [{ caseNumber: 'ZZ-2026-000123' }],
  triage: [{ category: 'fraud', urgencyLevel: 'critical', reason: '资金仍在转移' }],
  feedback: [{ text: '已受理，感谢您的举报' }],
};
const TYPES = Object.keys(BODIES) as CommandType[];

/** A small pool of every kind, status and holder from the console's query fixtures. */
function pool(): WorkItem[] {
  const all = fixtureItems();
  const pick = (kind: WorkItem['kind'], n: number) => all.filter((i) => i.kind === kind).slice(0, n);
  // every application but the first has a scan of each catalogue material (the first cannot be approved)
  const apps = pick('application', 6).map((a, i) => {
    if (a.kind !== 'application' || i === 0) return a;
    const codes = findService(a.data.serviceCode)?.materials.map((m) => m.code) ?? [];
    return { ...a, data: { ...a.data, materials: codes.map((code, k) => ({ code, sha256: `${k}`.padStart(64, 'a') })) } };
  });
  // two bookings at a Zhengzhou hall, one slot starting soon and one later today (check-in on the slot's day, no-show after it)
  const appointment = (n: number, startMin: number, status: 'booked' | 'checked_in' = 'booked'): WorkItem => ({
    id: `APT-410105-${n}`,
    kind: 'appointment',
    unitCode: '410105',
    version: 1,
    status,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: new Date(NOW - 86_400_000).toISOString(),
    dueAt: new Date(NOW + startMin * 60_000).toISOString(),
    updatedAt: new Date(NOW - 86_400_000).toISOString(),
    notes: [],
    data: {
      serviceCode: 'appt_exit_entry_photo',
      slot: { start: new Date(NOW + startMin * 60_000).toISOString(), end: new Date(NOW + (startMin + 30) * 60_000).toISOString() },
      citizen: { name: '周某某', idNumberMasked: maskIdNumber(APPLICANT_ID), phoneMasked: '138****5678' },
      checkedIn: status === 'checked_in' ? { at: new Date(NOW - 60_000).toISOString(), by: '100005' } : null,
      served: null,
      noShow: null,
    },
  });
  // two approved applications waiting at the hall, one for the window and one for EMS
  const approved = (a: WorkItem, pickup: 'window' | 'ems'): WorkItem =>
    a.kind !== 'application'
      ? a
      : {
          ...a,
          id: `${a.id}${pickup === 'ems' ? 1 : 2}`,
          status: 'approved',
          claimedBy: null,
          claimExpiresAt: null,
          data: { ...a.data, decision: { outcome: 'approved', pickup, reasonCode: null, reasonText: null, decidedBy: '100001', decidedAt: new Date(NOW - 3_600_000).toISOString() } },
        };
  return [...apps, approved(apps[1]!, 'window'), approved(apps[2]!, 'ems'), ...pick('accident', 4), ...pick('tip', 5), appointment(1, 20), appointment(2, 120), appointment(3, 0, 'checked_in')];
}

/** The officer whose role handles the kind (most steps), so sequences get past the scope check. */
const HANDLER: Readonly<Record<WorkItem['kind'], number>> = { application: 0, accident: 2, tip: 3, appointment: 1 };

const step = fc.record({
  /** -1: the kind's own officer; else anyone (another clerk, the supervisor, another city …). */
  officer: fc.oneof({ arbitrary: fc.constant(-1), weight: 3 }, { arbitrary: fc.nat(OFFICERS.length - 1), weight: 2 }),
  item: fc.nat(19),
  /** -1: a claim; -2: any type, even one the kind does not have; else one of the kind's types. */
  type: fc.oneof({ arbitrary: fc.constant(-1), weight: 2 }, { arbitrary: fc.constant(-2), weight: 1 }, { arbitrary: fc.nat(20), weight: 5 }),
  variant: fc.nat(5),
  /** Minutes after NOW: leases of 30 min to 4 h run out within some sequences. */
  minutes: fc.nat(300),
});

describe('the one command core: console and exchange agree', () => {
  it('refuses the same commands with the same code and applies the rest to the same item', async () => {
    let compared = 0;
    let applied = 0;
    const appliedTypes = new Set<string>();
    const refusedCodes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 30 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'core-parity-'));
        const store = createSqliteStore(dir);
        try {
          const items = pool();
          // the applicants' numbers are the exchange's (PII); hand-over compares the typed one with them
          const pii = { applicant: { name: '周某某', idNumber: APPLICANT_ID, phone: '13812345678' } };
          for (const item of items) await store.items.insert(item, item.kind === 'application' ? pii : {}, []);
          // the console side: each officer's view of each item, as the cache would hold it
          const views = new Map(items.map((i) => [i.id, i]));
          let clock = NOW;
          for (const s of steps) {
            const base = items[s.item % items.length]!;
            const officer = OFFICERS[s.officer < 0 ? HANDLER[base.kind] : s.officer]!;
            const kindTypes = COMMAND_TYPES_BY_KIND[base.kind];
            const type: CommandType = s.type === -1 ? 'claim' : s.type === -2 ? TYPES[s.variant % TYPES.length]! : kindTypes[s.type % kindTypes.length]!;
            const bodies = BODIES[type];
            const body = bodies[s.variant % bodies.length];
            clock += s.minutes * 60_000;
            const now = new Date(clock);
            const current = (await store.items.getWork(base.id))!;
            const cmd = CommandSchema.parse({ id: randomUUID(), itemId: base.id, type, expectedVersion: current.version, body }) as Command;

            const exchange = await runCommand({ db: store, officer, leaseScale: 1, now: () => now }, cmd);
            const view = views.get(base.id)!;
            // the console's cache holds the same attachment metadata the exchange stores (none here)
            // and, for this comparison only, the exchange's ID check: the real console never checks a
            // typed number (it holds none) and sends a hand-over straight to the exchange
            const attachments = await store.items.attachmentsOf([base.id]);
            const lookups = {
              item: (id: string) => views.get(id),
              attachments: (id: string) => {
                if (id !== base.id) throw new Error(`attachments of ${id} were not read`);
                return attachments;
              },
              idNumberMatches: (_id: string, typed: string) => typed === APPLICANT_ID,
            };
            const local = applyLocal(view, { type: cmd.type, body: COMMAND_BODIES[cmd.type].parse(body) } as CommandInput, officer, now, lookups);

            compared += 1;
            if (exchange.status === 'applied') appliedTypes.add(cmd.type);
            else refusedCodes.add(exchange.status);
            expect(local.ok ? 'applied' : local.code, `${officer.role} ${officer.badge} ${cmd.type} on ${base.id} (${view.status})`).toBe(exchange.status);
            if (exchange.status === 'applied' && local.ok) {
              applied += 1;
              const stored = (await store.items.getWork(base.id))!;
              expect(local.item).toEqual(stored);
              views.set(base.id, stored);
            }
          }
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
    // the generator must reach every command type applied and every refusal, or the property says little
    expect(compared).toBeGreaterThan(1500);
    expect(applied).toBeGreaterThan(300);
    expect([...appliedTypes].sort()).toEqual([...TYPES].sort());
    expect([...refusedCodes].sort()).toEqual(['claim_lost', 'conflict', 'forbidden', 'id_mismatch', 'invalid']);
  });
});
