import { TipOutcomeSchema, type OutboundEvent, type TipOutcome } from '#shared/contract/api';
import type { Tip, WorkItem } from '#shared/domain/items';
import type { OutboundRecord, Repos } from '../store/store';

/**
 * What a citizen must be told after an officer's command (DESIGN.md: GET /api/v1/outbound): one
 * notification per event, recorded by apply.ts in the command's own transaction (its savepoint), so
 * a rolled-back command records none and a resent one — answered from its stored result before
 * anything runs — records none twice. Derived from the item before and after, not from the
 * command body, so it says exactly what was stored.
 *
 * Payloads hold no officer identity (no badge, no name, no internal notes) and no personal data
 * beyond what the citizen sent: codes, the notice texts written for the citizen, the document's
 * sha256. The contract is OutboundNotificationSchema (shared/contract/api.ts); when you add an
 * event there, add its case here.
 */
type Payload = Readonly<Record<string, unknown>>;

export function outboundEventsOf(before: WorkItem, after: WorkItem): { event: OutboundEvent; payload: Payload }[] {
  if (before.kind === 'tip' && after.kind === 'tip') return tipEvents(before, after);
  if (before.status === after.status) return [];
  if (after.kind === 'application') {
    const { decision, supplement } = after.data;
    if (after.status === 'approved' && decision?.pickup) return [{ event: 'approved', payload: { pickup: decision.pickup } }];
    if (after.status === 'rejected' && decision?.reasonCode) return [{ event: 'rejected', payload: { reasonCode: decision.reasonCode, reasonText: decision.reasonText } }];
    if (after.status === 'supplement_requested' && supplement) return [{ event: 'supplement_requested', payload: { materials: supplement.missing, note: supplement.note } }];
    if (after.status === 'completed' && after.data.dispatched) return [{ event: 'dispatched', payload: { waybill: after.data.dispatched.waybill } }];
  }
  if (after.kind === 'accident') {
    const { photoRequest, referral } = after.data;
    if (after.status === 'photos_requested' && photoRequest) return [{ event: 'photos_requested', payload: { missing: photoRequest.missing, note: photoRequest.note } }];
    if (after.status === 'referred' && referral) return [{ event: 'referred', payload: { reasons: referral.reasons } }];
    // determination_ready is recorded by determination.ts, which knows the document's sha256
  }
  return [];
}

/** The reporter hears of each officer reply (its text only) and of the tip's outcome. */
function tipEvents(before: Tip, after: Tip): { event: OutboundEvent; payload: Payload }[] {
  const out: { event: OutboundEvent; payload: Payload }[] = [];
  for (const m of after.data.messages.slice(before.data.messages.length)) {
    if (m.from === 'officer') out.push({ event: 'tip_reply', payload: { text: m.text } });
  }
  const outcome = tipOutcomeOf(after.status);
  if (before.status !== after.status && outcome) out.push({ event: 'tip_outcome', payload: { outcome } });
  return out;
}

export function tipOutcomeOf(status: string): TipOutcome | null {
  return (TipOutcomeSchema.options as readonly string[]).includes(status) ? (status as TipOutcome) : null;
}

/** Appends the notifications of one applied command; call inside its transaction. */
export async function recordOutbound(db: Repos, before: WorkItem, after: WorkItem, now: Date): Promise<void> {
  for (const { event, payload } of outboundEventsOf(before, after)) await appendNotification(db, after, event, payload, now);
}

export function appendNotification(db: Repos, item: Pick<WorkItem, 'id' | 'kind'>, event: OutboundEvent, payload: Payload, now: Date): Promise<number> {
  const record: OutboundRecord = { at: now.toISOString(), itemId: item.id, kind: item.kind, event, payload };
  return db.outbound.append(record);
}
