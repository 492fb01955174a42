import type { WorkItem } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { holdsLiveClaim } from './actionState';
import type { ActionDef } from './types';

/**
 * The lease actions every kind has (DESIGN.md "Claims"), for a definition to put in its action
 * bar: claim, release and a supervisor's take-over (which opens the workspace's own dialog).
 * Shortcuts C, R and T are taken by these, N by "next", so a kind's own actions use other letters.
 */
export function leaseActions<I extends WorkItem>(): { claim: ActionDef<I>; release: ActionDef<I>; takeOver: ActionDef<I> } {
  return {
    claim: {
      id: 'claim',
      labelKey: 'workspace:action.claim',
      shortcut: 'C',
      testId: 'action-claim',
      tone: 'primary',
      coreAction: 'claim',
      // the core lets a holder claim again (it renews); as a button that would only be noise
      precondition: ({ item, officer, now, t }) =>
        holdsLiveClaim(item, officer.badge, now) ? t('workspace:action.alreadyYours', { time: formatDateTime(item.claimExpiresAt) }) : null,
      quietPrecondition: true,
      run: { command: () => ({ type: 'claim', body: {} }) },
    },
    release: {
      id: 'release',
      labelKey: 'workspace:action.release',
      shortcut: 'R',
      testId: 'action-release',
      coreAction: 'release',
      run: { command: () => ({ type: 'release', body: {} }) },
    },
    takeOver: {
      id: 'takeOver',
      labelKey: 'workspace:action.takeOver',
      shortcut: 'T',
      testId: 'action-take-over',
      coreAction: 'take_over',
      roles: ['supervisor'],
      run: { dialog: 'takeOver' },
    },
  };
}

/** The workspace's own keys (not item actions): listed in the `?` overlay, never reused by a kind. */
export const WORKSPACE_KEYS = { next: 'N', search: '/', help: '?' } as const;
export const NEXT_TEST_ID = 'action-next';
