import { AppError } from '#shared/errors';
import { CLAIM_LEASE_MS, WorkItemSchema, type ExclusionCode, type LiabilityClass, type WorkItem } from '#shared/domain/items';
import { COMMAND_BODIES, type CommandType } from '#shared/domain/commands';
import { actionOf, COMMAND_TYPES_BY_KIND, isTerminal, transitionFor } from '#shared/domain/status';
import { proposeLiability } from '#shared/rules/liability';
import type { Officer } from '#shared/domain/officers';
import { roleSeesKind } from '#shared/domain/officers';

export interface LocalCommand {
  type: CommandType;
  body: Record<string, unknown>;
}

/**
 * Checks a command against the status machine before it is queued, so the officer hears "not
 * allowed" at once instead of after a round trip. The exchange checks again and wins.
 * Claims: only the holder may do `needsClaim` actions; an expired lease of our own is still
 * ours offline (DESIGN.md: the decision lands if no one else took the item meanwhile).
 */
export function checkCommand(item: WorkItem, cmd: LocalCommand, officer: Officer, nowMs: number): void {
  if (!roleSeesKind(officer.role, item.kind)) throw new AppError('forbidden', '您的岗位不能处理此类事项');
  if (!COMMAND_TYPES_BY_KIND[item.kind].includes(cmd.type)) throw new AppError('invalid', `此类事项没有“${cmd.type}”操作`);
  const action = actionOf({ type: cmd.type, body: cmd.body } as never);
  const t = transitionFor(item.kind, action);
  if (!t || !t.from.includes(item.status)) throw new AppError('invalid', `事项当前状态（${item.status}）不允许此操作（${action}）`);
  const heldByOther =
    item.claimedBy !== null && item.claimedBy !== officer.badge && item.claimExpiresAt !== null && Date.parse(item.claimExpiresAt) > nowMs;
  if (cmd.type === 'claim' && heldByOther) throw new AppError('conflict', `此件已由 ${item.claimedBy} 认领`);
  if (t.needsClaim && item.claimedBy !== officer.badge) throw new AppError('forbidden', '请先认领此件再操作');
}

/**
 * Applies a command to a cached item: the officer's best-effort local view until the exchange
 * answers. Follows shared/domain/status.ts; when you add a command type, add its effect here and
 * in server/domain/apply.ts. Returns the item unchanged when the result would not be a valid item.
 */
export function applyOptimistic(item: WorkItem, cmd: LocalCommand, badge: string, nowMs: number): WorkItem {
  const action = actionOf({ type: cmd.type, body: cmd.body } as never);
  const t = transitionFor(item.kind, action);
  if (!t || !t.from.includes(item.status)) return item;
  const at = new Date(nowMs).toISOString();
  const next = structuredClone(item);
  if (t.to !== null) (next as { status: string }).status = t.to;
  next.updatedAt = at;
  const body = COMMAND_BODIES[cmd.type].safeParse(cmd.body);
  if (!body.success) return item;
  effect(next, cmd.type, body.data as Record<string, unknown>, badge, at, nowMs);
  // a finished item has no holder (as on the exchange)
  if (isTerminal(next)) {
    next.claimedBy = null;
    next.claimExpiresAt = null;
  }
  const valid = WorkItemSchema.safeParse(next);
  return valid.success ? valid.data : item;
}

function effect(item: WorkItem, type: CommandType, b: Record<string, unknown>, badge: string, at: string, nowMs: number): void {
  switch (type) {
    case 'claim':
    case 'renew':
      item.claimedBy = badge;
      item.claimExpiresAt = new Date(nowMs + CLAIM_LEASE_MS[item.kind]).toISOString();
      return;
    case 'release':
      item.claimedBy = null;
      item.claimExpiresAt = null;
      return;
    case 'note':
      item.notes.push({ at, by: badge, text: String(b.text) });
      return;
    default:
      kindEffect(item, type, b, badge, at);
  }
}

function kindEffect(item: WorkItem, type: CommandType, b: Record<string, unknown>, badge: string, at: string): void {
  if (item.kind === 'application') {
    const d = item.data;
    if (type === 'decide' && b.outcome === 'approve') {
      d.decision = { outcome: 'approved', pickup: b.pickup as 'window' | 'ems', reasonCode: null, reasonText: null, decidedBy: badge, decidedAt: at };
    } else if (type === 'decide' && b.outcome === 'reject') {
      d.decision = { outcome: 'rejected', pickup: null, reasonCode: b.reasonCode as never, reasonText: String(b.reasonText) || null, decidedBy: badge, decidedAt: at };
    } else if (type === 'request_supplement') {
      d.supplement = { missing: [...new Set(b.missing as string[])], note: String(b.note), requestedBy: badge, requestedAt: at };
    } else if (type === 'hand_over') {
      d.handedOver = { at, by: badge, idChecked: true };
    }
  } else if (item.kind === 'accident') {
    const d = item.data;
    if (type === 'decide' && b.outcome === 'determine') {
      const liabilities = b.liabilities as LiabilityClass[];
      // the same pure rule the exchange runs, so the proposal shown offline is the one it will record
      const proposal = proposeLiability(d.parties);
      const overridden = proposal.liabilities.some((c, i) => c !== liabilities[i]);
      d.determination = {
        liabilities,
        proposed: proposal.liabilities,
        scenario: (b.scenario as string | null) ?? null,
        overrideReason: overridden ? ((b.overrideReason as string | null) ?? null) : null,
        ruleTableVersion: proposal.tableVersion,
        decidedBy: badge,
        decidedAt: at,
      };
    } else if (type === 'request_supplement') {
      d.photoRequest = { missing: [...new Set(b.missing as string[])], note: String(b.note), requestedAt: at };
    } else if (type === 'refer') {
      d.referral = { reasons: [...new Set(b.reasons as ExclusionCode[])], note: String(b.note), at };
    } else if (type === 'close') {
      // accidents keep the closing reason as a note, as the exchange does
      item.notes.push({ at, by: badge, text: String(b.reason) });
    }
  } else {
    const d = item.data;
    if (type === 'triage') {
      d.category = b.category as never;
      d.urgency = { ...d.urgency, level: b.urgencyLevel as never, reasons: [...d.urgency.reasons.filter((r) => r !== 'officer_override'), 'officer_override'] };
      item.notes.push({ at, by: badge, text: String(b.reason) });
    } else if (type === 'route') {
      // the receiving unit claims it afresh
      d.routedTo = String(b.unitCode);
      item.unitCode = String(b.unitCode);
      item.claimedBy = null;
      item.claimExpiresAt = null;
      if (b.note) item.notes.push({ at, by: badge, text: String(b.note) });
    }
    else if (type === 'link_duplicate') d.duplicateOf = String(b.duplicateOf);
    else if (type === 'open_case') d.caseNumber = String(b.caseNumber);
    else if (type === 'close') d.closure = { reason: String(b.reason), at, by: badge };
    else if (type === 'feedback') d.feedback.push({ at, by: badge, text: String(b.text) });
  }
}
