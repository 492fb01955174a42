import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { canApply } from '#shared/domain/status';
import { checkAction, type CommandLookups, type CommandRejection } from '#shared/rules/commands';
import { formatDateTime } from '../../app/format';
import type { ActionContext, ActionDef, ActionState, WorkspaceDefinition } from './types';

/**
 * "May I press this button": the command core decides (shared/rules/commands.ts `checkAction`,
 * the same function the console and the exchange run), so a button is never enabled for a command
 * the core would refuse, and a disabled one says why. The renderer adds only conditions that are
 * not command rules (an action's `precondition`, e.g. "you already hold this claim").
 */
type Wording<I extends WorkItem> = Pick<WorkspaceDefinition<I>, 'reasonEn' | 'reasonText'>;

export function actionStates<I extends WorkItem>(def: Wording<I>, actions: readonly ActionDef<I>[], ctx: ActionContext<I>): Record<string, ActionState> {
  const out: Record<string, ActionState> = {};
  const lookups = detailLookups(ctx);
  for (const action of actions) out[action.id] = stateOf(def, action, ctx, lookups);
  return out;
}

/**
 * What the command core may look up about the open item, from what the pane holds: the item
 * itself and its attachment metadata (the console core checks the same from its cache: a
 * determination is refused while a required photo is missing). Nothing about other items: the
 * rules that read them (link_duplicate) are in command effects, not in `checkAction`.
 */
export function detailLookups(ctx: Pick<ActionContext<WorkItem>, 'item' | 'detail'>): CommandLookups {
  return {
    item: (id) => (id === ctx.item.id ? ctx.item : undefined),
    attachments: (id) => (id === ctx.item.id ? ctx.detail.attachments : []),
  };
}

function stateOf<I extends WorkItem>(def: Wording<I>, action: ActionDef<I>, ctx: ActionContext<I>, lookups: CommandLookups): ActionState {
  if (action.coreAction) {
    const refused = checkAction(ctx.item, action.coreAction, { officer: ctx.officer, now: ctx.now, lookups });
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
 * The refusal in the officer's language. Who holds the item (`claim_lost`, `conflict`) is said by
 * the workspace in both languages, with the holder's name and the lease end in Shanghai time (the
 * core's message has the badge and a UTC instant), and a status that does not allow the action by
 * the status's name (the core's message has its code). Every other refusal in Chinese is the core's own
 * message, which names what is missing ("材料“居民身份证”缺少扫描件…"); the core speaks only
 * Chinese, so in English the code and the item say it instead — never the message text, which is
 * for reading, not for matching.
 */
export function refusalText<I extends WorkItem>(
  def: Wording<I>,
  refused: CommandRejection,
  coreAction: string,
  ctx: Pick<ActionContext<I>, 'item' | 'detail' | 'officer' | 't' | 'lang'>,
): string {
  const { item, t } = ctx;
  const badge = item.claimedBy ?? '';
  const holder = ctx.detail.claimedByName ? t('workspace:pane.claimedByOther', { name: ctx.detail.claimedByName, badge }) : badge;
  const heldByOther = item.claimedBy !== null && item.claimedBy !== ctx.officer.badge;
  if (refused.code === 'claim_lost') return heldByOther ? t('workspace:reason.heldBy', { name: holder }) : t('workspace:reason.claimFirst');
  if (refused.code === 'conflict' && heldByOther) return t('workspace:reason.heldUntil', { name: holder, time: formatDateTime(item.claimExpiresAt) });
  // the core names the status by its code (事项当前状态（case_opened）…): say it as the officer reads it
  if (refused.code === 'invalid' && !canApply(item, coreAction)) return t('workspace:reason.status', { status: t(`domain:status.${item.kind}.${item.status}`) });
  const own = refused.code === 'invalid' ? (def.reasonText?.(coreAction, item, t, ctx.detail) ?? null) : null;
  if (own !== null) return own;
  if (ctx.lang !== 'en') return refused.message;
  switch (refused.code) {
    case 'forbidden':
      return coreAction === 'take_over' && ctx.officer.role !== 'supervisor' ? t('workspace:reason.supervisorOnly') : t('workspace:reason.forbidden');
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

