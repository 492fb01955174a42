import { describe, expect, it } from 'vitest';
import { ApplicationSchema, ApplicationStatusSchema, type Application, type ApplicationStatus } from '#shared/domain/items';
import { canApply } from '#shared/domain/status';
import { ACTION_TEST_ID, ACTIONS, enabledActions, SHORTCUT, type ReviewAction } from '../../../../../renderer/features/applications/actions';

const ME = '100001';
const OTHER = '100005';
const NOW = '2026-11-26T08:00:00.000Z';
const LATER = '2026-11-26T08:30:00.000Z';
const EARLIER = '2026-11-26T07:30:00.000Z';

type Claim = 'none' | 'mine' | 'mineLapsed' | 'other' | 'otherLapsed';

function app(status: ApplicationStatus, claim: Claim, idNumberMasked = '4101**********123X'): Application {
  const claimedBy = claim === 'none' ? null : claim.startsWith('mine') ? ME : OTHER;
  const claimExpiresAt = claim === 'none' ? null : claim.endsWith('Lapsed') ? EARLIER : LATER;
  return ApplicationSchema.parse({
    id: 'APP-410100-42',
    kind: 'application',
    unitCode: '410100',
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
      applicant: { name: '张三', idNumberMasked, phoneMasked: '138****5678', address: '郑州市' },
      form: {},
      materials: [],
      delivery: 'window',
      emsAddress: null,
      decision: null,
      supplement: null,
      pausedWorkingDays: 0,
      handedOver: null,
    },
  });
}

function on(item: Application | null, hasNext = true): ReviewAction[] {
  const e = enabledActions(item, ME, NOW, hasNext);
  return ACTIONS.filter((a) => e[a]);
}

describe('enabledActions', () => {
  it('offers only "next" when no item is open', () => {
    expect(on(null, true)).toEqual(['next']);
    expect(on(null, false)).toEqual([]);
  });

  it('lets anyone claim an unclaimed submitted application, and nothing else but reveal', () => {
    expect(on(app('submitted', 'none'))).toEqual(['claim', 'next', 'reveal']);
  });

  it('gives the holder of a valid claim every decision a submitted application allows', () => {
    expect(on(app('submitted', 'mine'))).toEqual(['release', 'approve', 'reject', 'supplement', 'next', 'reveal']);
  });

  it('keeps an own lapsed claim workable offline and lets the officer claim it again', () => {
    expect(on(app('submitted', 'mineLapsed'))).toEqual(['claim', 'release', 'approve', 'reject', 'supplement', 'next', 'reveal']);
  });

  it('allows nothing on an application someone else validly holds', () => {
    expect(on(app('submitted', 'other'))).toEqual(['next', 'reveal']);
  });

  it('lets the officer take over a colleague\'s lapsed claim but not decide before claiming', () => {
    expect(on(app('submitted', 'otherLapsed'))).toEqual(['claim', 'next', 'reveal']);
  });

  it('allows only rejection while the citizen supplies material', () => {
    expect(on(app('supplement_requested', 'mine'))).toEqual(['release', 'reject', 'next', 'reveal']);
  });

  it('allows only the hand-over of an approved application', () => {
    expect(on(app('approved', 'mine'))).toEqual(['release', 'handover', 'next', 'reveal']);
  });

  it.each(['rejected', 'completed', 'withdrawn'] as const)('allows no command on a %s application, even to its last holder', (status) => {
    expect(on(app(status, 'mine'))).toEqual(['next', 'reveal']);
    expect(on(app(status, 'none'))).toEqual(['next', 'reveal']);
  });

  it('never enables a command the status machine forbids, for any status and claim', () => {
    const needs: Partial<Record<ReviewAction, string>> = {
      claim: 'claim',
      release: 'release',
      approve: 'decide:approve',
      reject: 'decide:reject',
      supplement: 'request_supplement',
      handover: 'hand_over',
    };
    for (const status of ApplicationStatusSchema.options) {
      for (const claim of ['none', 'mine', 'mineLapsed', 'other', 'otherLapsed'] as const) {
        const item = app(status, claim);
        const e = enabledActions(item, ME, NOW, false);
        for (const [action, statusAction] of Object.entries(needs) as [ReviewAction, string][]) {
          if (e[action]) expect(canApply(item, statusAction), `${action} on ${status}/${claim}`).toBe(true);
          // decisions and release need the officer's own claim
          if (e[action] && action !== 'claim') expect(item.claimedBy, `${action} on ${status}/${claim}`).toBe(ME);
        }
      }
    }
  });

  it('offers reveal only when there is a masked ID number to reveal', () => {
    expect(enabledActions(app('submitted', 'none', ''), ME, NOW, false).reveal).toBe(false);
  });

  it('treats a lease ending exactly now as lapsed', () => {
    const item = { ...app('submitted', 'other'), claimExpiresAt: NOW };
    expect(enabledActions(item, ME, NOW, false).claim).toBe(true);
  });
});

describe('review shortcuts', () => {
  it('give every action its own single-letter key and test id', () => {
    const keys = ACTIONS.map((a) => SHORTCUT[a]);
    expect(new Set(keys).size).toBe(ACTIONS.length);
    for (const k of keys) expect(k).toMatch(/^[A-Z]$/);
    const ids = ACTIONS.map((a) => ACTION_TEST_ID[a]);
    expect(new Set(ids).size).toBe(ACTIONS.length);
    for (const id of ids) expect(id.startsWith('action-')).toBe(true);
  });
});
