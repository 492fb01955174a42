import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandType } from '#shared/domain/commands';
import type { WorkItem } from '#shared/domain/items';
import type { LocalCommand } from '#shared/contract/bridge';
import { intake, login, startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, applicationBody, exchangeItem, PASSWORD, startCore, tempDir, tipBody, waitFor } from './support';

/** The fields an officer reads off the screen, per kind. */
function shown(item: WorkItem): unknown {
  const common = { status: item.status, unitCode: item.unitCode, claimedBy: item.claimedBy, notes: item.notes.map((n) => n.text) };
  switch (item.kind) {
    case 'application':
      return { ...common, supplement: item.data.supplement?.missing ?? null, decision: item.data.decision?.outcome ?? null };
    case 'accident':
      return { ...common, photoRequest: item.data.photoRequest?.missing ?? null, referral: item.data.referral?.reasons ?? null };
    case 'tip':
      return {
        ...common,
        category: item.data.category,
        urgency: item.data.urgency.level,
        urgencyReasons: item.data.urgency.reasons,
        routedTo: item.data.routedTo,
        caseNumber: item.data.caseNumber,
        messages: item.data.messages.map((m) => m.text),
      };
  }
}

const SCRIPTS: { kind: string; badge: string; body: () => unknown; intakeKind: 'application' | 'accident' | 'tip'; steps: [CommandType, Record<string, unknown>][] }[] = [
  {
    kind: 'application',
    badge: '100001',
    intakeKind: 'application',
    body: () => applicationBody(),
    steps: [
      ['claim', {}],
      ['note', { text: '材料已初审' }],
      ['request_supplement', { missing: ['id_card', 'id_card'], note: '身份证照片模糊' }],
      ['decide', { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '' }],
    ],
  },
  {
    kind: 'accident',
    badge: '100002',
    intakeKind: 'accident',
    body: () => accidentBody([]),
    steps: [
      ['claim', {}],
      ['refer', { reasons: ['disputed_facts', 'disputed_facts'], note: '双方对事实有争议' }],
      ['close', { reason: '已转一般程序' }],
    ],
  },
  {
    kind: 'tip',
    badge: '100003',
    intakeKind: 'tip',
    body: () => tipBody(),
    steps: [
      ['claim', {}],
      ['triage', { category: 'fraud', urgencyLevel: 'high', reason: '涉及资金往来' }],
      ['feedback', { text: '已受理，感谢举报' }],
      ['route', { unitCode: '410105', note: '转金水分局' }],
      ['claim', {}],
      ['open_case', { caseNumber: 'A4101-2026-0001' }],
    ],
  },
];

describe('optimistic apply matches what the exchange decides', () => {
  let exchange: ExchangeHandle;

  beforeAll(async () => {
    exchange = await startExchange();
  });
  afterAll(async () => {
    await exchange?.stop();
  });

  for (const script of SCRIPTS) {
    it(`shows the same ${script.kind} the exchange ends up with after ${script.steps.map((s) => s[0]).join(', ')}`, async () => {
      const { id, body } = await intake(exchange, script.intakeKind, script.body());
      if (!id) throw new Error(`intake failed: ${JSON.stringify(body)}`);
      const core = await startCore(tempDir(), exchange.url);
      await core['auth.login']({ badge: script.badge, password: PASSWORD });
      await core['sync.now']({});
      let local: WorkItem | undefined;
      for (const [type, commandBody] of script.steps) local = (await core['items.command']({ itemId: id, type, body: commandBody } as LocalCommand)).item;
      await waitFor(async () => (await core['outbox.list']({})).length === 0, 'the commands to land');
      expect(await core['conflicts.list']({})).toEqual([]);
      const server = await exchangeItem(exchange.url, await login(exchange.url, script.badge), id);
      expect(server?.version).toBe(1 + script.steps.length);
      expect(shown(local!)).toEqual(shown(server!));
      expect(shown((await core['items.get']({ id })).item)).toEqual(shown(server!));
      await core.close();
    });
  }
});
