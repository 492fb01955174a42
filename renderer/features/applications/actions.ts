import type { Application } from '#shared/domain/items';
import { canApply } from '#shared/domain/status';

/** The review pane's actions, their shortcut keys and test ids (tests/e2e rely on both). */
export const ACTIONS = ['claim', 'release', 'approve', 'reject', 'supplement', 'handover', 'next', 'reveal'] as const;
export type ReviewAction = (typeof ACTIONS)[number];

export const SHORTCUT: Readonly<Record<ReviewAction, string>> = {
  claim: 'C',
  release: 'R',
  approve: 'A',
  reject: 'J',
  supplement: 'S',
  handover: 'H',
  next: 'N',
  reveal: 'V',
};

export const ACTION_TEST_ID: Readonly<Record<ReviewAction, string>> = {
  claim: 'action-claim',
  release: 'action-release',
  approve: 'action-approve',
  reject: 'action-reject',
  supplement: 'action-supplement',
  handover: 'action-handover',
  next: 'action-next',
  reveal: 'action-reveal-id',
};

/**
 * Which actions are enabled: the status machine (shared/domain/status.ts) decides what the status
 * allows, and every decision needs the officer's own claim. A claim whose lease ran out while the
 * officer was offline still counts here (DESIGN.md: an item claimed before the network went down
 * stays workable offline); the exchange decides on sync, and a lost lease becomes a conflict.
 */
export function enabledActions(item: Application | null, me: string, nowIso: string, hasNext: boolean): Record<ReviewAction, boolean> {
  if (!item) return { claim: false, release: false, approve: false, reject: false, supplement: false, handover: false, next: hasNext, reveal: false };
  const leaseValid = item.claimExpiresAt !== null && item.claimExpiresAt > nowIso;
  const mine = item.claimedBy === me;
  const heldByOther = item.claimedBy !== null && !mine && leaseValid;
  return {
    // claiming again renews a lapsed lease of one's own
    claim: canApply(item, 'claim') && !heldByOther && !(mine && leaseValid),
    release: canApply(item, 'release') && mine,
    approve: mine && canApply(item, 'decide:approve'),
    reject: mine && canApply(item, 'decide:reject'),
    supplement: mine && canApply(item, 'request_supplement'),
    handover: mine && canApply(item, 'hand_over'),
    next: hasNext,
    reveal: item.data.applicant.idNumberMasked.length > 0,
  };
}
