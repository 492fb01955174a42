import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { canApply } from '#shared/domain/status';
import { checkAction, type CommandRejection } from '#shared/rules/commands';
import { formatDateTime } from '../../app/format';
import type { ActionContext, ActionDef, ActionState, WorkspaceDefinition } from './types';

/**
 * "May I press this button": the command core decides (shared/rules/commands.ts `checkAction`,
 * the same function the console and the exchange run), so a button is never enabled for a command
 * the core would refuse, and a disabled one says why. The renderer adds only conditions that are
 * not command rules (an action's `precondition`, e.g. "you already hold this claim").
 */
export function actionStates<I extends WorkItem>(def: Pick<WorkspaceDefinition<I>, 'reasonEn'>, actions: readonly ActionDef<I>[], ctx: ActionContext<I>): Record<string, ActionState> {
  const out: Record<string, ActionState> = {};
  for (const action of actions) out[action.id] = stateOf(def, action, ctx);
  return out;
}

function stateOf<I extends WorkItem>(def: Pick<WorkspaceDefinition<I>, 'reasonEn'>, action: ActionDef<I>, ctx: ActionContext<I>): ActionState {
  if (action.coreAction) {
    const refused = checkAction(ctx.item, action.coreAction, { officer: ctx.officer, now: ctx.now });
    if (refused) return { enabled: false, reason: refusalText(def, refused, action.coreAction, ctx) };
  }
  const reason = action.precondition?.(ctx) ?? null;
  if (reason === null) return { enabled: true };
  return action.quietPrecondition ? { enabled: false, reason, quiet: true } : { enabled: false, reason };
}

/** Actions the officer's role sees at all. */
export function visibleActions<I extends WorkItem>(actions: readonly ActionDef<I>[], officer: Officer): ActionDef<I>[] {
  return actions.filter((a) => !a.roles || a.roles.includes(officer.role));
}

/**
 * The refusal in the officer's language. In Chinese it is the core's own message (it names what
 * is missing); the core speaks only Chinese, so in English the code and the item say it instead —
 * never the message text, which is for reading, not for matching.
 */
export function refusalText<I extends WorkItem>(
  def: Pick<WorkspaceDefinition<I>, 'reasonEn'>,
  refused: CommandRejection,
  coreAction: string,
  ctx: Pick<ActionContext<I>, 'item' | 'detail' | 'officer' | 't' | 'lang'>,
): string {
  if (ctx.lang !== 'en') return refused.message;
  const { item, t } = ctx;
  const holder = ctx.detail.claimedByName ?? item.claimedBy ?? '';
  switch (refused.code) {
    case 'forbidden':
      return coreAction === 'take_over' && ctx.officer.role !== 'supervisor' ? t('workspace:reason.supervisorOnly') : t('workspace:reason.forbidden');
    case 'claim_lost':
      return item.claimedBy !== null && item.claimedBy !== ctx.officer.badge ? t('workspace:reason.heldBy', { name: holder }) : t('workspace:reason.claimFirst');
    case 'conflict':
      return t('workspace:reason.heldUntil', { name: holder, time: formatDateTime(item.claimExpiresAt) });
    default:
      if (!canApply(item, coreAction)) return t('workspace:reason.status', { status: t(`domain:status.${item.kind}.${item.status}`) });
      if (coreAction === 'take_over') return t('workspace:reason.notHeld');
      return def.reasonEn?.(coreAction, item, t) ?? t('workspace:reason.invalid');
  }
}

/** Whether the claim is the officer's own and still running (then "claim" would only renew it). */
export function holdsLiveClaim(item: Pick<WorkItem, 'claimedBy' | 'claimExpiresAt'>, badge: string, now: Date): boolean {
  return item.claimedBy === badge && item.claimExpiresAt !== null && Date.parse(item.claimExpiresAt) > now.getTime();
}

