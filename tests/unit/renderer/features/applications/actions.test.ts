import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import { ApplicationSchema, ApplicationStatusSchema, type Application, type ApplicationStatus } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { checkAction } from '#shared/rules/commands';
import { ACTION_TEST_ID, ACTIONS, APPLICATION_ACTIONS, SHORTCUT } from '../../../../../renderer/features/applications/actions';
import { applicationReasonEn } from '../../../../../renderer/features/applications/reasons';
import { actionStates, visibleActions } from '../../../../../renderer/features/workspace/actionState';
import { WORKSPACE_KEYS } from '../../../../../renderer/features/workspace/commonActions';
import { VIEWER_KEYS } from '../../../../../renderer/features/workspace/keys';
import type { ActionState } from '../../../../../renderer/features/workspace/types';
import { translator } from '../../translator';

const CLERK: Officer = { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' };
const SUPERVISOR: Officer = { badge: '100004', name: '陈志强', role: 'supervisor', unitCode: '410100' };
const OTHER = '100005';
const NOW = new Date('2026-11-26T08:00:00.000Z');
const LATER = '2026-11-26T08:30:00.000Z';
const EARLIER = '2026-11-26T07:30:00.000Z';
const ALL_SCANS = [
  { code: 'hukou_book', sha256: 'a'.repeat(64) },
  { code: 'id_card', sha256: 'b'.repeat(64) },
  { code: 'marriage_certificate', sha256: 'c'.repeat(64) },
  { code: 'housing_proof', sha256: 'd'.repeat(64) },
];

type Claim = 'none' | 'mine' | 'mineLapsed' | 'other' | 'otherLapsed';
const CLAIMS: readonly Claim[] = ['none', 'mine', 'mineLapsed', 'other', 'otherLapsed'];

function app(status: ApplicationStatus, claim: Claim, opts: { me?: string; materials?: typeof ALL_SCANS; idNumberMasked?: string } = {}): Application {
  const me = opts.me ?? CLERK.badge;
  const claimedBy = claim === 'none' ? null : claim.startsWith('mine') ? me : OTHER;
  const claimExpiresAt = claim === 'none' ? null : claim.endsWith('Lapsed') ? EARLIER : LATER;
  return ApplicationSchema.parse({
    id: 'APP-410100-42',
    kind: 'application',
    unitCode: '410105',
    version: 3,
    status,
    claimedBy,
    claimExpiresAt,
    submittedAt: '2026-11-20T02:00:00.000Z',
    dueAt: '2026-12-04T15:59:59.999Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
    notes: [],
    data: {
      serviceCode: 'hukou_settle_marriage',
      applicant: { name: '张三', idNumberMasked: opts.idNumberMasked ?? '4101**********123X', phoneMasked: '138****5678', address: '郑州市' },
      form: {},
      materials: opts.materials ?? ALL_SCANS,
      delivery: 'window',
      emsAddress: null,
      decision: null,
      supplement: null,
      pausedWorkingDays: 0,
      handedOver: null,
      dispatched: null,
    },
  });
}

function detailOf(item: Application, claimedByName: string | null = item.claimedBy === OTHER ? '刘晓燕' : null): ItemDetail {
  return { item, rev: 7, claimedByName, attachments: [], pending: [], conflicts: [] };
}

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

function states(item: Application, officer: Officer = CLERK, lang: 'zh-CN' | 'en' = 'zh-CN'): Record<string, ActionState> {
  const actions = visibleActions(APPLICATION_ACTIONS, officer);
  return actionStates({ reasonEn: applicationReasonEn }, actions, { item, detail: detailOf(item), officer, now: NOW, t: lang === 'en' ? en : zh, lang });
}

function enabled(item: Application, officer: Officer = CLERK): string[] {
  const s = states(item, officer);
  return Object.keys(s).filter((id) => s[id]?.enabled);
}

describe('review buttons', () => {
  it('enable a button exactly when the command core allows its action, for every status, claim and role', () => {
    for (const officer of [CLERK, SUPERVISOR]) {
      for (const status of ApplicationStatusSchema.options) {
        for (const claim of CLAIMS) {
          const item = app(status, claim, { me: officer.badge });
          const s = states(item, officer);
          for (const action of visibleActions(APPLICATION_ACTIONS, officer)) {
            if (!action.coreAction) continue;
            const core = checkAction(item, action.coreAction, { officer, now: NOW }) === null;
            const ownLiveClaim = action.id === 'claim' && claim === 'mine';
            // the one renderer-side condition: claiming what one already holds is not offered
            expect(s[action.id]?.enabled, `${officer.role} ${action.id} on ${status}/${claim}`).toBe(core && !ownLiveClaim);
          }
        }
      }
    }
  });

  it('let anyone claim an unclaimed application, and decide nothing before claiming', () => {
    expect(enabled(app('submitted', 'none'))).toEqual(['claim', 'reveal']);
  });

  it('give the holder every decision a complete submitted application allows', () => {
    expect(enabled(app('submitted', 'mine'))).toEqual(['release', 'approve', 'reject', 'supplement', 'reveal']);
  });

  it('keep an own lapsed claim workable offline and let the officer claim it again', () => {
    expect(enabled(app('submitted', 'mineLapsed'))).toEqual(['claim', 'release', 'approve', 'reject', 'supplement', 'reveal']);
  });

  it("allow a clerk nothing on a colleague's live claim, and say who holds it", () => {
    const item = app('submitted', 'other');
    expect(enabled(item)).toEqual(['reveal']);
    const claim = states(item).claim;
    expect(claim?.enabled).toBe(false);
    // the core refuses with `conflict`; who and until when, by name and in Shanghai time
    expect(checkAction(item, 'claim', { officer: CLERK, now: NOW })?.code).toBe('conflict');
    expect(claim && !claim.enabled && claim.reason).toBe('此件已由 刘晓燕（100005） 认领，至 2026-11-26 16:30');
    const approve = states(item).approve;
    expect(approve && !approve.enabled && approve.reason).toBe('此件已由 刘晓燕（100005） 认领');
    const claimEn = states(item, CLERK, 'en').claim;
    expect(claimEn && !claimEn.enabled && claimEn.reason).toBe('刘晓燕 (100005) holds this item until 2026-11-26 16:30');
  });

  it('disable approve while a listed material has no scan, with the core message naming it', () => {
    const item = app('submitted', 'mine', { materials: [ALL_SCANS[0]!, { code: 'id_card', sha256: null } as never, ALL_SCANS[2]!, ALL_SCANS[3]!] });
    const approve = states(item).approve;
    expect(approve?.enabled).toBe(false);
    const reason = approve && !approve.enabled ? approve.reason : null;
    expect(reason).toBe(checkAction(item, 'decide:approve', { officer: CLERK, now: NOW })?.message);
    expect(reason).toContain('居民身份证');
    const approveEn = states(item, CLERK, 'en').approve;
    expect(approveEn && !approveEn.enabled && approveEn.reason).toContain('Resident ID card');
    // rejecting or asking for the material stays possible
    expect(states(item).reject?.enabled).toBe(true);
    expect(states(item).supplement?.enabled).toBe(true);
  });

  it('count a material the catalogue lists but the citizen never sent as missing too', () => {
    const item = app('submitted', 'mine', { materials: ALL_SCANS.slice(0, 3) });
    expect(states(item).approve?.enabled).toBe(false);
  });

  it('tell an officer who has not claimed the item to claim it first, in either language', () => {
    expect(checkAction(app('submitted', 'none'), 'decide:approve', { officer: CLERK, now: NOW })?.code).toBe('claim_lost');
    const approve = states(app('submitted', 'none')).approve;
    expect(approve && !approve.enabled && approve.reason).toBe('您尚未认领此件，请先认领');
    const approveEn = states(app('submitted', 'none'), CLERK, 'en').approve;
    expect(approveEn && !approveEn.enabled && approveEn.reason).toBe('Claim the item first');
  });

  it('allow only the hand-over of an approved application, and nothing on a finished one', () => {
    expect(enabled(app('approved', 'mine'))).toEqual(['release', 'handover', 'reveal']);
    for (const status of ['rejected', 'completed', 'withdrawn'] as const) {
      expect(enabled(app(status, 'mine'))).toEqual(['reveal']);
      const approve = states(app(status, 'mine'), CLERK, 'en').approve;
      expect(approve && !approve.enabled && approve.reason).toMatch(/^Not possible while the item is "/);
    }
  });

  it('show take-over to supervisors only, enabled on a claim someone else holds', () => {
    expect(visibleActions(APPLICATION_ACTIONS, CLERK).map((a) => a.id)).not.toContain('takeOver');
    expect(visibleActions(APPLICATION_ACTIONS, SUPERVISOR).map((a) => a.id)).toContain('takeOver');
    expect(states(app('submitted', 'other', { me: SUPERVISOR.badge }), SUPERVISOR).takeOver?.enabled).toBe(true);
    const free = states(app('submitted', 'none', { me: SUPERVISOR.badge }), SUPERVISOR).takeOver;
    expect(free?.enabled).toBe(false);
    expect(free && !free.enabled && free.reason).toBe(checkAction(app('submitted', 'none'), 'take_over', { officer: SUPERVISOR, now: NOW })?.message);
    expect(states(app('completed', 'other', { me: SUPERVISOR.badge }), SUPERVISOR).takeOver?.enabled).toBe(false);
  });

  it('offer reveal only when there is a masked ID number to reveal', () => {
    const s = states(app('submitted', 'none', { idNumberMasked: '' }));
    expect(s.reveal?.enabled).toBe(false);
  });

  it('treat a lease ending exactly now as lapsed', () => {
    const item = { ...app('submitted', 'other'), claimExpiresAt: NOW.toISOString() };
    expect(states(item).claim?.enabled).toBe(true);
  });
});

describe('review shortcuts', () => {
  it('give every action its own single-letter key and test id, none taken by the workspace', () => {
    const keys = ACTIONS.map((a) => SHORTCUT[a]);
    expect(new Set(keys).size).toBe(ACTIONS.length);
    for (const k of keys) expect(k).toMatch(/^[A-Z]$/);
    expect(keys).not.toContain(WORKSPACE_KEYS.next);
    for (const k of Object.keys(VIEWER_KEYS)) expect(keys).not.toContain(k.toUpperCase());
    const ids = ACTIONS.map((a) => ACTION_TEST_ID[a]);
    expect(new Set(ids).size).toBe(ACTIONS.length);
    for (const id of ids) expect(id.startsWith('action-')).toBe(true);
  });

  it('are the keys and test ids the action bar uses', () => {
    expect(APPLICATION_ACTIONS.map((a) => a.id)).toEqual([...ACTIONS]);
    for (const a of APPLICATION_ACTIONS) {
      expect(a.shortcut).toBe(SHORTCUT[a.id as (typeof ACTIONS)[number]]);
      expect(a.testId).toBe(ACTION_TEST_ID[a.id as (typeof ACTIONS)[number]]);
    }
  });
});
