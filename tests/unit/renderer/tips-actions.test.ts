import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { checkAction } from '#shared/rules/commands';
import type { Officer } from '#shared/domain/officers';
import { SHORTCUT, TIP_ACTIONS } from '../../../renderer/features/tips/actions';
import { candidateViews } from '../../../renderer/features/tips/useTipRelations';
import { validCaseNumber } from '../../../renderer/features/tips/dialogs/OpenCaseDialog';
import { deadlineHoursOf } from '../../../renderer/features/tips/dialogs/RouteDialog';
import { chosenId, OTHER } from '../../../renderer/features/tips/dialogs/CandidateChoice';
import { actionStates, detailLookups, visibleActions } from '../../../renderer/features/workspace/actionState';
import { WORKSPACE_KEYS } from '../../../renderer/features/workspace/commonActions';
import { VIEWER_KEYS, VIEWER_LETTERS } from '../../../renderer/features/workspace/keys';
import { detailOf, INTEL, NOW, SUPERVISOR, tip } from './tips-fixtures';
import { translator } from './translator';

// the dialogs pull in the renderer's i18n instance, which reads the saved language at import
vi.hoisted(() => vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined }));
const { tipsWorkspace } = await import('../../../renderer/features/tips/definition');

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

const statesOf = (item: ReturnType<typeof tip>, officer: Officer = INTEL, t: TFunction = zh) =>
  actionStates({}, visibleActions(TIP_ACTIONS, officer), { item, detail: detailOf(item), officer, now: NOW, t, lang: t === en ? 'en' : 'zh-CN' });

describe('the tip review’s actions', () => {
  it('have one key each, none the workspace’s or the viewer’s, labels in both languages; bulk uses the same letters', () => {
    const keys = TIP_ACTIONS.map((a) => a.shortcut);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) {
      expect(k).not.toBe(WORKSPACE_KEYS.next);
      expect(Object.keys(VIEWER_LETTERS)).not.toContain(k);
      expect(Object.keys(VIEWER_KEYS)).not.toContain(k.toLowerCase());
    }
    for (const a of TIP_ACTIONS) for (const t of [zh, en]) expect(t(a.labelKey), a.id).not.toBe(a.labelKey.split(':')[1]);
    expect(tipsWorkspace.bulk?.map((b) => b.shortcut)).toEqual([SHORTCUT.route, SHORTCUT.close]);
    // every dialog an action opens exists (take-over is the workspace's own)
    for (const a of TIP_ACTIONS) if ('dialog' in a.run && a.run.dialog !== 'takeOver') expect(tipsWorkspace.dialogs[a.run.dialog], a.id).toBeDefined();
  });

  it('are enabled exactly when the command core would apply them, for every state of a tip', () => {
    const cases = [
      tip(),
      tip({ claimedBy: null }),
      tip({ claimedBy: '100004' }),
      tip({ status: 'routed', dueAt: '2026-11-26T06:00:00.000Z', data: { routedTo: '41010096', routedAt: '2026-11-26T04:00:00.000Z' } }),
      tip({ status: 'case_opened', data: { caseNumber: 'A410105202611' } }),
      tip({ status: 'duplicate', data: { duplicateOf: 'TIP-410100-1' } }),
      tip({ status: 'closed', data: { closure: { reason: '不实', at: '2026-11-26T07:00:00.000Z', by: INTEL.badge } } }),
    ];
    for (const item of cases) {
      const states = statesOf(item);
      for (const a of TIP_ACTIONS) {
        if (!a.coreAction || a.roles) continue;
        const core = checkAction(item, a.coreAction, { officer: INTEL, now: NOW, lookups: detailLookups({ item, detail: detailOf(item) }) });
        const expected = a.id === 'claim' ? core === null && item.claimedBy !== INTEL.badge : core === null;
        expect(states[a.id]?.enabled, `${item.status}/${item.claimedBy} ${a.id}`).toBe(expected);
      }
    }
  });

  it('say why in the officer’s language: claim first, held by a colleague, a finished tip', () => {
    expect(statesOf(tip({ claimedBy: null })).route).toMatchObject({ enabled: false, reason: '您尚未认领此件，请先认领' });
    expect(statesOf(tip({ claimedBy: null }), INTEL, en).route).toMatchObject({ enabled: false, reason: 'Claim the item first' });
    expect(statesOf(tip({ claimedBy: '100004' })).route).toMatchObject({ enabled: false, reason: expect.stringContaining('100004') });
    expect(statesOf(tip({ status: 'closed' }), INTEL, en).route).toMatchObject({ enabled: false, reason: expect.stringContaining('Closed') });
    // the status by its name, not its code, in Chinese too
    expect(statesOf(tip({ status: 'case_opened' })).route).toMatchObject({ enabled: false, reason: '事项当前状态（已立案）不允许此操作' });
    // a linked duplicate's reporter can still be answered
    expect(statesOf(tip({ status: 'duplicate', data: { duplicateOf: 'TIP-410100-1' } })).reply).toEqual({ enabled: true });
  });

  it('let intelligence staff and supervisors reveal a named reporter, never an anonymous one', () => {
    expect(statesOf(tip()).reveal).toEqual({ enabled: true });
    expect(statesOf(tip(), SUPERVISOR).reveal).toEqual({ enabled: true });
    expect(statesOf(tip({ data: { reporter: { anonymous: true, nameMasked: '', phoneMasked: '' } } })).reveal).toMatchObject({ enabled: false, reason: expect.stringContaining('匿名') });
    const clerk: Officer = { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' };
    expect(visibleActions(TIP_ACTIONS, clerk).some((a) => a.id === 'reveal')).toBe(false);
  });
});

describe('the tip dialogs', () => {
  it('accept what the commands accept: case numbers, deadlines in hours, a typed tip id', () => {
    expect(validCaseNumber('A4101052026110001')).toBe(true);
    expect(validCaseNumber('a41')).toBe(false);
    expect(validCaseNumber('案件-001')).toBe(false);
    expect(deadlineHoursOf('2')).toBe(2);
    expect(deadlineHoursOf('721')).toBeNull();
    expect(deadlineHoursOf('0')).toBeNull();
    expect(deadlineHoursOf('1.5')).toBeNull();
    expect(chosenId(OTHER, ' tip-410100-3 ')).toBe('TIP-410100-3');
    expect(chosenId(OTHER, 'nonsense')).toBeNull();
    expect(chosenId('TIP-410100-2', '')).toBe('TIP-410100-2');
  });
});

describe('the candidates shown beside a tip', () => {
  const reason = [{ code: 'venue' as const, value: '金色年华KTV' }];
  const primary = tip({ id: 'TIP-410100-1', data: { category: 'vice' } });
  it('are the ones it names and the newer ones naming it, minus what was marked not a duplicate on either side, best first', () => {
    const newer = tip({ id: 'TIP-410100-5', data: { candidates: [{ tipId: 'TIP-410100-1', score: 0.9, reasons: reason }] } });
    const rejectedThere = tip({ id: 'TIP-410100-6', data: { candidates: [{ tipId: 'TIP-410100-1', score: 0.8, reasons: reason }], notDuplicates: ['TIP-410100-1'] } });
    const borderline = tip({ id: 'TIP-410100-8', data: { candidates: [{ tipId: 'TIP-410100-1', score: 0.4, reasons: [{ code: 'road', value: '花园路' }] }] } });
    const rejectedHere = tip({ id: 'TIP-410100-9', data: { candidates: [{ tipId: 'TIP-410100-1', score: 0.5, reasons: reason }] } });
    const self = { ...primary, data: { ...primary.data, notDuplicates: ['TIP-410100-9'] } };
    const loaded = new Map([newer, rejectedThere, borderline, rejectedHere].map((t) => [t.id, t] as const));
    const views = candidateViews(self, loaded, ['TIP-410100-5', 'TIP-410100-6', 'TIP-410100-8', 'TIP-410100-9']);
    expect(views.map((v) => [v.id, v.direction, v.score])).toEqual([
      ['TIP-410100-5', 'proposes', 0.9],
      ['TIP-410100-8', 'proposes', 0.4],
    ]);
  });

  it('mark a candidate already in the same group, and say when one is not in the cache', () => {
    const newer = tip({ id: 'TIP-410100-5', data: { candidates: [{ tipId: 'TIP-410100-1', score: 0.9, reasons: reason }, { tipId: 'TIP-410100-2', score: 0.6, reasons: reason }] } });
    const linkedOne = tip({ id: 'TIP-410100-1', status: 'duplicate', data: { duplicateOf: 'TIP-410100-0' } });
    const self = { ...newer, data: { ...newer.data, duplicateOf: 'TIP-410100-0' } };
    const views = candidateViews(self, new Map([[linkedOne.id, linkedOne], ['TIP-410100-2', null]]), []);
    expect(views.map((v) => [v.id, v.linked, v.tip === null])).toEqual([
      ['TIP-410100-2', false, true],
      ['TIP-410100-1', true, false],
    ]);
  });
});
