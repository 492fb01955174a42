import type { AccidentCase } from '#shared/domain/items';
import { leaseActions } from '../workspace/commonActions';
import type { ActionDef } from '../workspace/types';
import { exclusionsOf } from './reasons';

/**
 * The accident review's actions in the order of the action bar, with their keys and test ids
 * (tests/e2e rely on both). Whether each may be pressed is the command core's decision
 * (`coreAction`); the one renderer condition is that a case the quick procedure excludes is only
 * referred, not sent back for photos. C, R, T (lease), N (next) belong to the workspace, F and M
 * to the photo viewer (full screen, compare).
 * A standard case: N (next, claims) → D (the determine dialog with the proposal set) → Enter.
 */
export const SHORTCUT = {
  determine: 'D',
  photos: 'P',
  refer: 'O',
  close: 'X',
  reveal: 'V',
} as const;

export const ACTION_TEST_ID = {
  determine: 'action-determine',
  photos: 'action-request-photos',
  refer: 'action-refer',
  close: 'action-close',
  reveal: 'action-reveal-id',
} as const;

const lease = leaseActions<AccidentCase>();

export const ACCIDENT_ACTIONS: readonly ActionDef<AccidentCase>[] = [
  lease.claim,
  lease.release,
  lease.takeOver,
  {
    id: 'determine',
    labelKey: 'accidents:action.determine',
    shortcut: SHORTCUT.determine,
    testId: ACTION_TEST_ID.determine,
    tone: 'primary',
    coreAction: 'decide:determine',
    run: { dialog: 'determine' },
  },
  {
    id: 'photos',
    labelKey: 'accidents:action.photos',
    shortcut: SHORTCUT.photos,
    testId: ACTION_TEST_ID.photos,
    coreAction: 'request_supplement',
    // not a command rule: a case the quick procedure excludes goes to on-scene handling whole
    precondition: ({ item, t }) => (exclusionsOf(item).length > 0 ? t('accidents:reason.referInstead') : null),
    run: { dialog: 'photos' },
  },
  {
    id: 'refer',
    labelKey: 'accidents:action.refer',
    shortcut: SHORTCUT.refer,
    testId: ACTION_TEST_ID.refer,
    tone: 'danger',
    coreAction: 'refer',
    run: { dialog: 'refer' },
  },
  {
    id: 'close',
    labelKey: 'accidents:action.close',
    shortcut: SHORTCUT.close,
    testId: ACTION_TEST_ID.close,
    coreAction: 'close',
    run: { dialog: 'close' },
  },
  {
    // not a command: an audited read on the exchange, one party at a time
    id: 'reveal',
    labelKey: 'accidents:action.reveal',
    shortcut: SHORTCUT.reveal,
    testId: ACTION_TEST_ID.reveal,
    precondition: ({ item, t }) => (item.data.parties.some((p) => p.idNumberMasked.length > 0) ? null : t('accidents:reason.noIdNumber')),
    run: { dialog: 'reveal' },
  },
];
