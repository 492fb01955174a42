import { AppError } from '#shared/errors';
import { CLAIM_LEASE_MS, type AccidentCase, type Application, type Tip, type WorkItem } from '#shared/domain/items';
import type { Command } from '#shared/domain/commands';
import type { Officer } from '#shared/domain/officers';
import { covers, findUnit, isKnownUnit } from '#shared/domain/units';
import { findService } from '#shared/data/catalogue';
import { isValidLiabilityCombination, proposeLiability, scenarioByCode } from '#shared/rules/liability';
import { quickProcedureExclusions } from '#shared/rules/quickProcedure';
import type { Store } from '../store/store';
import { isVisible } from './visibility';

/**
 * The effect of each command type on an item, once the runner (apply.ts) has checked existence,
 * scope, version, status machine and claim. Body-level rules that need the item live here and
 * throw `invalid` / `forbidden`. Pure apart from reading other items (link_duplicate).
 *
 * When you add a command type: its body in shared/domain/commands.ts, its transitions in
 * shared/domain/status.ts, its effect here.
 */
export interface EffectContext {
  readonly store: Store;
  readonly officer: Officer;
  readonly now: Date;
  readonly leaseScale: number;
}

const invalid = (message: string) => new AppError('invalid', message);
const PHOTO_CODE = /^(front_side|rear_side|collision|plate|driving_licence|vehicle_licence|scene|evidence)(#([0-2]))?$/;

function leaseUntil(ctx: EffectContext, item: WorkItem): string {
  return new Date(ctx.now.getTime() + Math.max(1, Math.round(CLAIM_LEASE_MS[item.kind] * ctx.leaseScale))).toISOString();
}

function withNote(item: WorkItem, ctx: EffectContext, text: string): WorkItem['notes'] {
  if (item.notes.length >= 200) throw invalid('this item has the maximum of 200 notes');
  return [...item.notes, { at: ctx.now.toISOString(), by: ctx.officer.badge, text }];
}

function applicationEffect(item: Application, cmd: Command, ctx: EffectContext): Application {
  const at = ctx.now.toISOString();
  const by = ctx.officer.badge;
  const service = findService(item.data.serviceCode);
  switch (cmd.type) {
    case 'decide': {
      const b = cmd.body;
      if (b.outcome === 'approve') {
        if (service && !service.delivery.includes(b.pickup)) throw invalid(`${service.code} cannot be delivered by ${b.pickup}`);
        return { ...item, data: { ...item.data, decision: { outcome: 'approved', pickup: b.pickup, reasonCode: null, reasonText: null, decidedBy: by, decidedAt: at } } };
      }
      if (b.outcome === 'reject') {
        return {
          ...item,
          data: { ...item.data, decision: { outcome: 'rejected', pickup: null, reasonCode: b.reasonCode, reasonText: b.reasonText || null, decidedBy: by, decidedAt: at } },
        };
      }
      throw invalid('applications are approved or rejected, not determined');
    }
    case 'request_supplement': {
      const known = new Set(service?.materials.map((m) => m.code) ?? []);
      const unknown = cmd.body.missing.find((code) => !known.has(code));
      if (unknown !== undefined) throw invalid(`material ${unknown} is not in ${item.data.serviceCode}'s catalogue`);
      // The clock pauses from now; intake/supplements adds the paused working days back.
      return { ...item, data: { ...item.data, supplement: { missing: [...new Set(cmd.body.missing)], note: cmd.body.note, requestedBy: by, requestedAt: at } } };
    }
    case 'hand_over':
      return { ...item, data: { ...item.data, handedOver: { at, by, idChecked: true } } };
    default:
      throw invalid(`${cmd.type} does not apply to applications`);
  }
}

function accidentEffect(item: AccidentCase, cmd: Command, ctx: EffectContext): AccidentCase {
  const at = ctx.now.toISOString();
  switch (cmd.type) {
    case 'decide': {
      const b = cmd.body;
      if (b.outcome !== 'determine') throw invalid('accidents are determined, not approved or rejected');
      const { parties } = item.data;
      if (b.liabilities.length !== parties.length) throw invalid(`give one liability per party (${parties.length})`);
      if (!isValidLiabilityCombination(b.liabilities)) throw invalid(`${b.liabilities.join('/')} is not a valid combination of liabilities`);
      const exclusions = quickProcedureExclusions({ parties, declared: item.data.declared });
      if (exclusions.length > 0) throw invalid(`the quick procedure does not apply (${exclusions.join(', ')}); refer the case`);
      if (b.scenario !== null && !scenarioByCode(b.scenario)) throw invalid(`unknown scenario ${b.scenario}`);
      const proposal = proposeLiability(parties);
      const overridden = proposal.liabilities.some((c, i) => c !== b.liabilities[i]);
      if (overridden && !b.overrideReason) throw invalid('departing from the proposed liability needs a reason');
      return {
        ...item,
        data: {
          ...item.data,
          determination: {
            liabilities: b.liabilities,
            proposed: proposal.liabilities,
            scenario: b.scenario,
            overrideReason: overridden ? b.overrideReason : null,
            ruleTableVersion: proposal.tableVersion,
            decidedBy: ctx.officer.badge,
            decidedAt: at,
          },
        },
      };
    }
    case 'request_supplement': {
      for (const code of cmd.body.missing) {
        const m = PHOTO_CODE.exec(code);
        if (!m || (m[3] !== undefined && Number(m[3]) >= item.data.parties.length)) throw invalid(`${code} is not a photo this case can ask for`);
      }
      return { ...item, data: { ...item.data, photoRequest: { missing: [...new Set(cmd.body.missing)], note: cmd.body.note, requestedAt: at } } };
    }
    case 'refer':
      return { ...item, data: { ...item.data, referral: { reasons: [...new Set(cmd.body.reasons)], note: cmd.body.note, at } } };
    case 'close':
      // Accidents have no closure record of their own; the reason is kept as a note.
      return { ...item, notes: withNote(item, ctx, cmd.body.reason) };
    default:
      throw invalid(`${cmd.type} does not apply to accidents`);
  }
}

/**
 * Where a tip may be routed: anywhere within the officer's jurisdiction, or to another city's
 * bureau as a whole (a misdirected tip is forwarded to that city's desk, which routes it on).
 * Another city's districts and stations are not the officer's to task.
 */
function checkRouteTarget(officer: Officer, unitCode: string): void {
  if (!isKnownUnit(unitCode)) throw invalid(`unknown unit ${unitCode}`);
  if (covers(officer.unitCode, unitCode)) return;
  if (findUnit(unitCode)?.level === 'city') return;
  throw new AppError('forbidden', `${unitCode} is outside your jurisdiction; forward to its city bureau instead`);
}

function tipEffect(item: Tip, cmd: Command, ctx: EffectContext): Tip {
  const at = ctx.now.toISOString();
  const by = ctx.officer.badge;
  switch (cmd.type) {
    case 'triage':
      return {
        ...item,
        notes: withNote(item, ctx, cmd.body.reason),
        data: {
          ...item.data,
          category: cmd.body.category,
          urgency: { ...item.data.urgency, level: cmd.body.urgencyLevel, reasons: [...item.data.urgency.reasons.filter((r) => r !== 'officer_override'), 'officer_override'] },
        },
      };
    case 'route': {
      checkRouteTarget(ctx.officer, cmd.body.unitCode);
      const notes = cmd.body.note ? withNote(item, ctx, cmd.body.note) : item.notes;
      // Routed within the officer's jurisdiction the claim stays (they follow it up); forwarded
      // out of it, the officer can no longer see it, so the receiving desk claims it afresh.
      const stays = covers(ctx.officer.unitCode, cmd.body.unitCode);
      const claim = stays ? {} : { claimedBy: null, claimExpiresAt: null };
      return { ...item, ...claim, unitCode: cmd.body.unitCode, notes, data: { ...item.data, routedTo: cmd.body.unitCode } };
    }
    case 'link_duplicate': {
      const target = cmd.body.duplicateOf;
      if (target === item.id) throw invalid('a tip cannot duplicate itself');
      const other = ctx.store.getWorkItem(target);
      if (!other || other.kind !== 'tip' || !isVisible(ctx.officer, other)) throw invalid(`${target} is not a tip you can see`);
      return { ...item, data: { ...item.data, duplicateOf: target } };
    }
    case 'open_case':
      return { ...item, data: { ...item.data, caseNumber: cmd.body.caseNumber } };
    case 'close':
      return { ...item, data: { ...item.data, closure: { reason: cmd.body.reason, at, by } } };
    case 'feedback':
      if (item.data.feedback.length >= 50) throw invalid('this tip has the maximum of 50 feedback messages');
      return { ...item, data: { ...item.data, feedback: [...item.data.feedback, { at, by, text: cmd.body.text }] } };
    default:
      throw invalid(`${cmd.type} does not apply to tips`);
  }
}

/** The item after `cmd`, before the runner sets status, version and updatedAt. */
export function effectOf(item: WorkItem, cmd: Command, ctx: EffectContext): WorkItem {
  switch (cmd.type) {
    case 'claim':
      return { ...item, claimedBy: ctx.officer.badge, claimExpiresAt: leaseUntil(ctx, item) };
    case 'renew':
      return { ...item, claimExpiresAt: leaseUntil(ctx, item) };
    case 'release':
      return { ...item, claimedBy: null, claimExpiresAt: null };
    case 'note':
      return { ...item, notes: withNote(item, ctx, cmd.body.text) };
    default:
      break;
  }
  switch (item.kind) {
    case 'application':
      return applicationEffect(item, cmd, ctx);
    case 'accident':
      return accidentEffect(item, cmd, ctx);
    case 'tip':
      return tipEffect(item, cmd, ctx);
  }
}
