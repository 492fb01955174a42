import type { Application } from '#shared/domain/items';
import { leaseActions } from '../workspace/commonActions';
import type { ActionDef } from '../workspace/types';

/**
 * The application review's actions in the order of the action bar, with their shortcut keys and
 * test ids (tests/e2e rely on both). Whether each may be pressed is the command core's decision
 * (`coreAction`, see features/workspace/actionState.ts), never this file's.
 * C, R, T (lease) and N (next) belong to the workspace.
 */
export const ACTIONS = ['claim', 'release', 'takeOver', 'approve', 'reject', 'supplement', 'handover', 'reveal'] as const;
export type ReviewAction = (typeof ACTIONS)[number];

export const SHORTCUT: Readonly<Record<ReviewAction, string>> = {
  claim: 'C',
  release: 'R',
  takeOver: 'T',
  approve: 'A',
  reject: 'J',
  supplement: 'S',
  handover: 'H',
  reveal: 'V',
};

export const ACTION_TEST_ID: Readonly<Record<ReviewAction, string>> = {
  claim: 'action-claim',
  release: 'action-release',
  takeOver: 'action-take-over',
  approve: 'action-approve',
  reject: 'action-reject',
  supplement: 'action-supplement',
  handover: 'action-handover',
  reveal: 'action-reveal-id',
};

const lease = leaseActions<Application>();

/** Each review action: label, key, test id, the core action that decides it, what it opens. */
export const APPLICATION_ACTIONS: readonly ActionDef<Application>[] = [
  lease.claim,
  lease.release,
  lease.takeOver,
  {
    id: 'approve',
    labelKey: 'applications:action.approve',
    shortcut: SHORTCUT.approve,
    testId: ACTION_TEST_ID.approve,
    tone: 'primary',
    coreAction: 'decide:approve',
    run: { dialog: 'approve' },
  },
  {
    id: 'reject',
    labelKey: 'applications:action.reject',
    shortcut: SHORTCUT.reject,
    testId: ACTION_TEST_ID.reject,
    tone: 'danger',
    coreAction: 'decide:reject',
    run: { dialog: 'reject' },
  },
  {
    id: 'supplement',
    labelKey: 'applications:action.supplement',
    shortcut: SHORTCUT.supplement,
    testId: ACTION_TEST_ID.supplement,
    coreAction: 'request_supplement',
    run: { dialog: 'supplement' },
  },
  {
    id: 'handover',
    labelKey: 'applications:action.handover',
    shortcut: SHORTCUT.handover,
    testId: ACTION_TEST_ID.handover,
    coreAction: 'hand_over',
    run: { dialog: 'handover' },
  },
  {
    // not a command: an audited read on the exchange; any officer who sees the item may ask
    id: 'reveal',
    labelKey: 'applications:action.reveal',
    shortcut: SHORTCUT.reveal,
    testId: ACTION_TEST_ID.reveal,
    precondition: ({ item, t }) => (item.data.applicant.idNumberMasked.length > 0 ? null : t('applications:reason.noIdNumber')),
    run: { dialog: 'reveal' },
  },
];
