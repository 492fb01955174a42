import type { Tip } from '#shared/domain/items';
import { leaseActions } from '../workspace/commonActions';
import type { ActionDef } from '../workspace/types';

/**
 * The tip review's actions in the order of the action bar, with their keys and test ids (tests/e2e
 * rely on both). Whether each may be pressed is the command core's decision (`coreAction`); the
 * renderer adds only that an anonymous reporter has nothing to reveal. C, R, T (lease) and N
 * (next) belong to the workspace, F and M to the photo viewer (full screen, compare).
 * An urgent tip from a fresh queue: N (the most urgent one nobody holds, claimed) → U (route, the
 * category's usual unit and deadline preset) → Enter.
 */
export const SHORTCUT = {
  triage: 'G',
  route: 'U',
  link: 'L',
  notDuplicate: 'K',
  openCase: 'A',
  close: 'X',
  reply: 'Y',
  reveal: 'V',
} as const;

export const ACTION_TEST_ID = {
  triage: 'action-triage',
  route: 'action-route',
  link: 'action-link',
  notDuplicate: 'action-not-duplicate',
  openCase: 'action-open-case',
  close: 'action-close',
  reply: 'action-reply',
  reveal: 'action-reveal-reporter',
} as const;

const lease = leaseActions<Tip>();

export const TIP_ACTIONS: readonly ActionDef<Tip>[] = [
  lease.claim,
  lease.release,
  lease.takeOver,
  { id: 'route', labelKey: 'tips:action.route', shortcut: SHORTCUT.route, testId: ACTION_TEST_ID.route, tone: 'primary', coreAction: 'route', run: { dialog: 'route' } },
  { id: 'triage', labelKey: 'tips:action.triage', shortcut: SHORTCUT.triage, testId: ACTION_TEST_ID.triage, coreAction: 'triage', run: { dialog: 'triage' } },
  { id: 'link', labelKey: 'tips:action.link', shortcut: SHORTCUT.link, testId: ACTION_TEST_ID.link, coreAction: 'link_duplicate', run: { dialog: 'link' } },
  {
    id: 'notDuplicate',
    labelKey: 'tips:action.notDuplicate',
    shortcut: SHORTCUT.notDuplicate,
    testId: ACTION_TEST_ID.notDuplicate,
    coreAction: 'not_duplicate',
    run: { dialog: 'notDuplicate' },
  },
  { id: 'openCase', labelKey: 'tips:action.openCase', shortcut: SHORTCUT.openCase, testId: ACTION_TEST_ID.openCase, coreAction: 'open_case', run: { dialog: 'openCase' } },
  { id: 'close', labelKey: 'tips:action.close', shortcut: SHORTCUT.close, testId: ACTION_TEST_ID.close, tone: 'danger', coreAction: 'close', run: { dialog: 'close' } },
  { id: 'reply', labelKey: 'tips:action.reply', shortcut: SHORTCUT.reply, testId: ACTION_TEST_ID.reply, coreAction: 'feedback', run: { dialog: 'reply' } },
  {
    // not a command: an audited read on the exchange, for intelligence staff and supervisors only
    id: 'reveal',
    labelKey: 'tips:action.reveal',
    shortcut: SHORTCUT.reveal,
    testId: ACTION_TEST_ID.reveal,
    roles: ['intel', 'supervisor'],
    precondition: ({ item, t }) => (item.data.reporter.anonymous ? t('tips:reason.anonymous') : null),
    run: { dialog: 'reveal' },
  },
];
