import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerifyResponseSchema, ROUTES } from '#shared/contract/api';
import { COMMAND_TYPES_BY_KIND } from '#shared/domain/status';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, getJson, ID_NUMBER, openDb, postCommands, tipBody } from './fixtures';
import { makeIdNumber } from '#shared/rules/idNumber';

/**
 * Random sequences of well-formed commands from several officers over a few items. Whatever the
 * order, the exchange never fails, each item's version is 1 + the commands applied to it, and every
 * applied command has exactly one audit row in an intact chain.
 */
const BODIES: Record<string, unknown[]> = {
  claim: [{}],
  release: [{}],
  renew: [{}],
  take_over: [{ reason: '原认领人休假，督导接手' }],
  note: [{ text: '已电话联系' }],
  decide: [
    { outcome: 'approve', pickup: 'window' },
    { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' },
    { outcome: 'determine', liabilities: ['full', 'none'], scenario: 'rear_end', overrideReason: null },
    { outcome: 'determine', liabilities: ['equal', 'equal'], scenario: null, overrideReason: null },
  ],
  request_supplement: [{ missing: ['photo'], note: '' }, { missing: ['front_side', 'plate#1'], note: '请补拍' }],
  // the applicants' number, and another person's (refused with id_mismatch, audited)
  hand_over: [{ idNumber: ID_NUMBER }, { idNumber: makeIdNumber('410105', '19850312', 777) }],
  dispatch: [{ waybill: 'EA123456789CN' }],
  refer: [{ reasons: ['disputed_facts'], note: '' }],
  close: [{ reason: '已办结' }],
  route: [{ unitCode: '410105', note: '' }, { unitCode: '410300', note: '转洛阳' }, { unitCode: '41030501', note: '' }],
  link_duplicate: [{ duplicateOf: 'TIP' }],
  not_duplicate: [{ of: 'TIP' }],
  open_case: [{ caseNumber: 'ZZ-2026-000123' }],
  triage: [{ category: 'fire', urgencyLevel: 'high', reason: '涉及人员密集场所' }],
  feedback: [{ text: '已转辖区派出所处理' }],
};
const BADGES = ['100001', '100002', '100003', '100004', '100005', '300001'];
const KINDS = ['application', 'accident', 'tip', 'tip'] as const;
const ELIGIBLE: Record<(typeof KINDS)[number], string[]> = {
  application: ['100001', '100005', '100004'],
  accident: ['100002', '100004'],
  tip: ['100003', '100004'],
};

describe('random command sequences', () => {
  let exchange: ExchangeHandle;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    exchange = await startExchange({ env: { EXCHANGE_LEASE_SCALE: '0.001' } });
    for (const badge of BADGES) tokens.set(badge, await login(exchange.url, badge));
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  it('keep versions, change rows and audit rows in step with what was applied', async () => {
    // Mostly officers who may work the item and command types of its kind, so sequences get past
    // the first checks into claims, decisions and routing; the rest is noise on purpose.
    const step = fc.record({
      item: fc.nat(3),
      officer: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.nat(5), weight: 1 }),
      outsider: fc.nat(99).map((n) => n < 15),
      type: fc.oneof({ arbitrary: fc.constant('claim'), weight: 3 }, { arbitrary: fc.nat(20), weight: 8 }),
      variant: fc.nat(3),
      versionSkew: fc.constantFrom(0, 0, 0, 0, 0, -1, 1),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const items = [
          (await intake(exchange, 'application', applicationBody('410105'))).id!,
          (await intake(exchange, 'accident', accidentBody('410100'))).id!,
          (await intake(exchange, 'tip', tipBody('410100'))).id!,
          (await intake(exchange, 'tip', tipBody('410100'))).id!,
        ];
        const applied = new Map<string, number>(items.map((id) => [id, 0]));
        const appliedIds: string[] = [];
        for (const raw of steps) {
          const kind = KINDS[raw.item]!;
          const types = COMMAND_TYPES_BY_KIND[kind];
          const eligible = ELIGIBLE[kind];
          const s = {
            ...raw,
            badge: raw.outsider ? BADGES[raw.officer % BADGES.length]! : eligible[raw.officer % eligible.length]!,
            type: typeof raw.type === 'string' ? raw.type : types[raw.type % types.length]!,
          };
          const itemId = items[s.item]!;
          // the item's presence row in the change log carries the seq of its latest change
          const presenceSeq = (): number => {
            const d = openDb(exchange);
            try {
              return (d.prepare('SELECT c.seq AS seq FROM changes c JOIN items i ON i.id = c.item_id AND i.unit_code = c.unit_code WHERE c.item_id = ?').get(itemId) as { seq: number }).seq;
            } finally {
              d.close();
            }
          };
          const db = openDb(exchange);
          const { version } = db.prepare('SELECT version FROM items WHERE id = ?').get(itemId) as { version: number };
          db.close();
          const seqBefore = presenceSeq();
          const variants = BODIES[s.type]!;
          let body = variants[s.variant % variants.length];
          if (s.type === 'link_duplicate') body = { duplicateOf: items[s.item === 2 ? 3 : 2] };
          if (s.type === 'not_duplicate') body = { of: items[s.item === 2 ? 3 : 2] };
          const cmd = { id: randomUUID(), itemId, type: s.type, expectedVersion: Math.max(1, version + s.versionSkew), body };
          const [result] = await postCommands(exchange, tokens.get(s.badge)!, [cmd]);
          expect(['applied', 'conflict', 'claim_lost', 'forbidden', 'invalid', 'not_found', 'id_mismatch']).toContain(result!.status);
          if (result!.status === 'applied') {
            applied.set(itemId, applied.get(itemId)! + 1);
            appliedIds.push(cmd.id);
          }
          // an applied command moves the item's change forward; a refused one leaves the log alone
          if (result!.status === 'applied') expect(presenceSeq()).toBeGreaterThan(seqBefore);
          else expect(presenceSeq()).toBe(seqBefore);
        }
        const db = openDb(exchange);
        try {
          for (const id of items) {
            // the change log keeps one presence row per item (its latest change) plus one row per unit it left
            const row = db.prepare('SELECT version, (SELECT count(*) FROM changes WHERE item_id = items.id AND unit_code = items.unit_code) AS changes FROM items WHERE id = ?').get(id) as {
              version: number;
              changes: number;
            };
            // a linked tip also moves when its primary does (server/domain/tip-group.ts), audited as group_follow
            const follows = (db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'group_follow' AND item_id = ?").get(id) as { n: number }).n;
            expect(row).toEqual({ version: 1 + applied.get(id)! + follows, changes: 1 });
          }
          const audited = db
            .prepare("SELECT json_extract(detail, '$.commandId') AS id FROM audit WHERE json_extract(detail, '$.commandId') IN (SELECT value FROM json_each(?))")
            .all(JSON.stringify(appliedIds)) as { id: string }[];
          expect(audited.map((r) => r.id).sort()).toEqual([...appliedIds].sort());
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
    const verify = AuditVerifyResponseSchema.parse((await getJson(`${exchange.url}${ROUTES.auditVerify}`, tokens.get('100004')!)).body);
    expect(verify.ok).toBe(true);
  });
});
