import { MAX_TIP_MESSAGES, type AccidentCase, type Application, type Appointment, type Tip, type WorkItem } from '../domain/items';
import type { Officer } from '../domain/officers';
import { cityOf, covers, findUnit, isKnownUnit } from '../domain/units';
import { isVisible } from '../domain/visibility';
import { findService, MATERIALS } from '../data/catalogue';
import { isValidLiabilityCombination, proposeLiability, scenarioByCode } from './liability';
import { missingPhotos, quickProcedureExclusions } from './quickProcedure';
import { followPrimary, routeDueAt } from './tipRouting';
import { isValidIdNumber } from './idNumber';
import { shanghaiDate } from './workdays';
import type { RejectionCode } from '../errors';
import type { Command } from '../domain/commands';

/**
 * The effect of each command type, and the rules an action has on the item beyond the status
 * machine. Called only through shared/rules/commands.ts, which has already checked scope, the
 * status machine and the claim; the runner there sets status, version and updatedAt.
 * Throw `CommandRejected` for a rule; never change the given item (it may be frozen).
 */
/** Reads of other items a command may need; absent on a side that cannot see them (then unchecked). */
export interface CommandLookups {
  item(id: string): WorkItem | undefined;
  /** The item's attachments (roles and parties): the exchange's store, or the console's cached metadata. */
  attachments?(itemId: string): readonly { role: string; partyIdx: number | null }[];
  /**
   * Whether `idNumber` is the applicant's (the exchange's PII store; absent on the console, which
   * never holds the clear number and sends a hand-over straight to the exchange).
   */
  idNumberMatches?(itemId: string, idNumber: string): boolean;
}

/** A command as the core needs it: its type and parsed body, and the version it expects (exchange only). */
export type CommandInput = Command extends infer C ? (C extends Command ? { type: C['type']; body: C['body']; expectedVersion?: number } : never) : never;

/** A rejection raised inside the core (effects, preconditions); never escapes `applyCommand`. */
export class CommandRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

export interface EffectContext {
  readonly officer: Officer;
  readonly now: Date;
  readonly lookups: CommandLookups | undefined;
  readonly leaseMs: (item: WorkItem) => number;
}

const invalid = (message: string) => new CommandRejected('invalid', message);
const PHOTO_CODE = /^(front_side|rear_side|collision|plate|driving_licence|vehicle_licence|scene|evidence)(#([0-2]))?$/;
const MAX_NOTES = 200;

/** Catalogue materials of the application's service that have no scan (a listed code without one is missing too). */
export function missingMaterials(item: Application): string[] {
  const service = findService(item.data.serviceCode);
  if (!service) return [];
  return service.materials.map((m) => m.code).filter((code) => !item.data.materials.some((s) => s.code === code && s.sha256 !== null));
}

/** Rules of an action on the item, before any body is known (the renderer asks these to enable a button). */
export function preconditionOf(item: WorkItem, action: string, ctx: EffectContext): void {
  if (action === 'take_over') {
    if (ctx.officer.role !== 'supervisor') throw new CommandRejected('forbidden', '只有督导岗可以接手他人认领的事项');
    if (item.claimedBy === null || item.claimedBy === ctx.officer.badge) throw invalid('此件没有他人认领，直接认领即可');
  }
  if (item.kind === 'application' && action === 'decide:approve') {
    const missing = missingMaterials(item);
    if (missing.length > 0) {
      const names = missing.map((c) => MATERIALS[c]?.name ?? c).join('、');
      throw invalid(`材料“${names}”缺少扫描件，不能批准；请一次性告知补正或驳回`);
    }
  }
  if (item.kind === 'application' && (action === 'hand_over' || action === 'dispatch')) {
    const pickup = item.data.decision?.pickup;
    if (action === 'hand_over' && pickup === 'ems') throw invalid('此件选择邮寄送达，请登记 EMS 运单号，不在窗口交付');
    if (action === 'dispatch' && pickup !== 'ems') throw invalid('此件选择窗口领取，请在窗口核验证件后交付');
  }
  if (item.kind === 'appointment') appointmentPrecondition(item, action, ctx.now);
  if (item.kind === 'accident' && (action === 'decide:determine' || action === 'request_supplement')) {
    // an excluded case is not for the quick procedure at all: more photos would not change that
    const exclusions = quickProcedureExclusions({ parties: item.data.parties, declared: item.data.declared });
    if (exclusions.length > 0) throw invalid(`不适用快处快赔（${exclusions.join('、')}），请转现场处理`);
  }
  if (item.kind === 'accident' && action === 'decide:determine') {
    // a case missing a required photo goes back to the parties instead of being guessed
    const photos = ctx.lookups?.attachments?.(item.id);
    if (photos) {
      const lacking = missingPhotos(photos, item.data.parties.length);
      if (lacking.length > 0) throw invalid(`缺少必需的照片（${lacking.map(photoName).join('、')}），不能认定责任；请退回当事人补拍`);
    }
  }
}

/** Arrival is recorded on the slot's day only; "did not come" only once the slot is over. */
function appointmentPrecondition(item: Appointment, action: string, now: Date): void {
  const { start, end } = item.data.slot;
  if (action === 'check_in' && shanghaiDate(now.toISOString()) !== shanghaiDate(start)) throw invalid(`预约时段在 ${shanghaiDate(start)}，只能在当天签到`);
  if (action === 'no_show' && now.getTime() < Date.parse(end)) throw invalid('预约时段尚未结束，不能登记爽约');
}

const PHOTO_NAMES: Readonly<Record<string, string>> = {
  front_side: '车头侧前方45°',
  rear_side: '车尾侧后方45°',
  collision: '碰撞部位',
  plate: '号牌',
  driving_licence: '驾驶证',
  vehicle_licence: '行驶证',
};

/** `plate#1` → 第2方号牌; `front_side` → 车头侧前方45°. */
export function photoName(code: string): string {
  const [role = code, party] = code.split('#');
  const name = PHOTO_NAMES[role] ?? role;
  return party === undefined ? name : `第${Number(party) + 1}方${name}`;
}

function leaseUntil(item: WorkItem, ctx: EffectContext): string {
  return new Date(ctx.now.getTime() + ctx.leaseMs(item)).toISOString();
}

function withNote(item: WorkItem, ctx: EffectContext, text: string): WorkItem['notes'] {
  if (item.notes.length >= MAX_NOTES) throw invalid(`此件备注已达上限 ${MAX_NOTES} 条`);
  return [...item.notes, { at: ctx.now.toISOString(), by: ctx.officer.badge, text }];
}

function applicationEffect(item: Application, cmd: CommandInput, ctx: EffectContext): Application {
  const at = ctx.now.toISOString();
  const by = ctx.officer.badge;
  const service = findService(item.data.serviceCode);
  switch (cmd.type) {
    case 'decide': {
      const b = cmd.body;
      if (b.outcome === 'approve') {
        if (service && !service.delivery.includes(b.pickup)) throw invalid(`${service.name}不支持${b.pickup === 'ems' ? '邮寄' : '窗口领取'}`);
        return { ...item, data: { ...item.data, decision: { outcome: 'approved', pickup: b.pickup, reasonCode: null, reasonText: null, decidedBy: by, decidedAt: at } } };
      }
      if (b.outcome === 'reject') {
        const decision = { outcome: 'rejected', pickup: null, reasonCode: b.reasonCode, reasonText: b.reasonText || null, decidedBy: by, decidedAt: at } as const;
        return { ...item, data: { ...item.data, decision } };
      }
      throw invalid('申请只能批准或驳回');
    }
    case 'request_supplement': {
      const known = new Set(service?.materials.map((m) => m.code) ?? []);
      const unknown = cmd.body.missing.find((code) => !known.has(code));
      if (unknown !== undefined) throw invalid(`材料 ${unknown} 不在此事项的材料目录中`);
      // The clock pauses from now; intake/supplements adds the paused working days back.
      const supplement = { missing: [...new Set(cmd.body.missing)], note: cmd.body.note, requestedBy: by, requestedAt: at };
      return { ...item, data: { ...item.data, supplement } };
    }
    case 'hand_over': {
      const typed = cmd.body.idNumber;
      if (!isValidIdNumber(typed)) throw new CommandRejected('invalid', '身份证号码校验位不符，请核对证件后重新输入');
      if (ctx.lookups?.idNumberMatches && !ctx.lookups.idNumberMatches(item.id, typed)) {
        throw new CommandRejected('id_mismatch', '证件号码与申请人不符，不能交付；请核对申请人本人的居民身份证');
      }
      return { ...item, data: { ...item.data, handedOver: { at, by, idChecked: true } } };
    }
    case 'dispatch':
      return { ...item, data: { ...item.data, dispatched: { waybill: cmd.body.waybill, at, by } } };
    default:
      throw invalid(`申请没有“${cmd.type}”操作`);
  }
}

function accidentEffect(item: AccidentCase, cmd: CommandInput, ctx: EffectContext): AccidentCase {
  const at = ctx.now.toISOString();
  switch (cmd.type) {
    case 'decide': {
      const b = cmd.body;
      if (b.outcome !== 'determine') throw invalid('事故只能认定责任');
      const { parties } = item.data;
      if (b.liabilities.length !== parties.length) throw invalid(`须为每一方（共 ${parties.length} 方）认定责任`);
      if (!isValidLiabilityCombination(b.liabilities)) throw invalid(`${b.liabilities.join('/')} 不是有效的责任组合`);
      if (b.scenario !== null && !scenarioByCode(b.scenario)) throw invalid(`未知的情形 ${b.scenario}`);
      const proposal = proposeLiability(parties);
      const overridden = proposal.liabilities.some((c, i) => c !== b.liabilities[i]);
      if (overridden && !b.overrideReason) throw invalid('与建议责任不同，须填写理由');
      const determination = {
        liabilities: b.liabilities,
        proposed: proposal.liabilities,
        scenario: b.scenario,
        overrideReason: overridden ? b.overrideReason : null,
        ruleTableVersion: proposal.tableVersion,
        decidedBy: ctx.officer.badge,
        decidedAt: at,
      };
      return { ...item, data: { ...item.data, determination } };
    }
    case 'request_supplement': {
      for (const code of cmd.body.missing) {
        const m = PHOTO_CODE.exec(code);
        if (!m || (m[3] !== undefined && Number(m[3]) >= item.data.parties.length)) throw invalid(`${code} 不是此案可以要求补拍的照片`);
      }
      return { ...item, data: { ...item.data, photoRequest: { missing: [...new Set(cmd.body.missing)], note: cmd.body.note, requestedAt: at } } };
    }
    case 'refer':
      return { ...item, data: { ...item.data, referral: { reasons: [...new Set(cmd.body.reasons)], note: cmd.body.note, at } } };
    case 'close':
      // Accidents have no closure record of their own; the reason is kept as a note.
      return { ...item, notes: withNote(item, ctx, cmd.body.reason) };
    default:
      throw invalid(`事故没有“${cmd.type}”操作`);
  }
}

/**
 * Where a tip may be routed: anywhere within the officer's jurisdiction, or to another city's
 * bureau as a whole (a misdirected tip is forwarded to that city's desk, which routes it on).
 * Another city's districts and stations are not the officer's to task.
 */
function checkRouteTarget(officer: Officer, unitCode: string): void {
  if (!isKnownUnit(unitCode)) throw invalid(`未知的单位 ${unitCode}`);
  if (covers(officer.unitCode, unitCode)) return;
  const target = findUnit(unitCode);
  if (target?.level === 'city') return;
  // a district's desk tasks its own city's divisions (刑侦、经侦、消防 …) too
  if (target?.level === 'division' && cityOf(unitCode) === cityOf(officer.unitCode)) return;
  throw new CommandRejected('forbidden', `${unitCode} 不在您的辖区内，请转交该市局`);
}

function tipEffect(item: Tip, cmd: CommandInput, ctx: EffectContext): Tip {
  const at = ctx.now.toISOString();
  const by = ctx.officer.badge;
  switch (cmd.type) {
    case 'triage': {
      const reasons = [...item.data.urgency.reasons.filter((r) => r !== 'officer_override'), 'officer_override'];
      const data = { ...item.data, category: cmd.body.category, urgency: { ...item.data.urgency, level: cmd.body.urgencyLevel, reasons } };
      return { ...item, notes: withNote(item, ctx, cmd.body.reason), data };
    }
    case 'route': {
      checkRouteTarget(ctx.officer, cmd.body.unitCode);
      const notes = cmd.body.note ? withNote(item, ctx, cmd.body.note) : item.notes;
      // Routed within the officer's jurisdiction the claim stays (they follow it up); forwarded
      // out of it, the officer can no longer see it, so the receiving desk claims it afresh.
      const stays = covers(ctx.officer.unitCode, cmd.body.unitCode);
      const claim = stays ? {} : { claimedBy: null, claimExpiresAt: null };
      const dueAt = routeDueAt(item.data.category, ctx.now, cmd.body.deadlineHours);
      return { ...item, ...claim, unitCode: cmd.body.unitCode, dueAt, notes, data: { ...item.data, routedTo: cmd.body.unitCode, routedAt: at } };
    }
    case 'link_duplicate': {
      const named = cmd.body.duplicateOf;
      if (named === item.id) throw invalid('线索不能与自身重复');
      if (item.data.notDuplicates.includes(named)) throw invalid(`已标记 ${named} 不是此线索的重复，不能再关联`);
      if (!ctx.lookups) return { ...item, data: { ...item.data, duplicateOf: named } };
      const other = ctx.lookups.item(named);
      if (!other || other.kind !== 'tip' || !isVisible(ctx.officer, other)) throw invalid(`${named} 不是您可见的线索`);
      // a group has one primary: linking to a follower links to its primary
      const root = other.status === 'duplicate' && other.data.duplicateOf ? ctx.lookups.item(other.data.duplicateOf) : other;
      if (!root || root.kind !== 'tip') throw invalid(`${named} 的主线索不可见`);
      if (root.id === item.id) throw invalid(`${named} 已是此线索的重复`);
      if (root.status === 'closed') throw invalid(`主线索 ${root.id} 已办结，不能再关联；请单独处理此线索`);
      return followPrimary(item, root);
    }
    case 'not_duplicate': {
      const named = cmd.body.of;
      if (named === item.id) throw invalid('线索不能与自身比较');
      if (item.data.notDuplicates.includes(named)) return item;
      if (item.data.notDuplicates.length >= 50) throw invalid('“不是重复”的记录已达上限 50 条');
      return { ...item, data: { ...item.data, notDuplicates: [...item.data.notDuplicates, named] } };
    }
    case 'open_case':
      return { ...item, data: { ...item.data, caseNumber: cmd.body.caseNumber } };
    case 'close':
      return { ...item, data: { ...item.data, closure: { reason: cmd.body.reason, at, by } } };
    case 'feedback':
      if (item.data.messages.length >= MAX_TIP_MESSAGES) throw invalid(`此线索的往来消息已达上限 ${MAX_TIP_MESSAGES} 条`);
      return { ...item, data: { ...item.data, messages: [...item.data.messages, { at, from: 'officer', by, text: cmd.body.text }] } };
    default:
      throw invalid(`线索没有“${cmd.type}”操作`);
  }
}

function appointmentEffect(item: Appointment, cmd: CommandInput, ctx: EffectContext): Appointment {
  const mark = { at: ctx.now.toISOString(), by: ctx.officer.badge };
  switch (cmd.type) {
    case 'check_in':
      return { ...item, data: { ...item.data, checkedIn: mark } };
    case 'serve':
      return { ...item, data: { ...item.data, served: mark } };
    case 'no_show':
      return { ...item, data: { ...item.data, noShow: mark } };
    default:
      throw invalid(`预约没有“${cmd.type}”操作`);
  }
}

/** The item after the command's effect, before the core sets status, version and updatedAt. */
export function kindEffect(item: WorkItem, cmd: CommandInput, ctx: EffectContext): WorkItem {
  switch (cmd.type) {
    case 'claim':
      return { ...item, claimedBy: ctx.officer.badge, claimExpiresAt: leaseUntil(item, ctx) };
    case 'renew':
      return { ...item, claimExpiresAt: leaseUntil(item, ctx) };
    case 'release':
      return { ...item, claimedBy: null, claimExpiresAt: null };
    case 'take_over':
      // the supervisor holds it now; the former holder's next decision comes back claim_lost
      return { ...item, claimedBy: ctx.officer.badge, claimExpiresAt: leaseUntil(item, ctx), notes: withNote(item, ctx, `接手（原认领人 ${item.claimedBy}）：${cmd.body.reason}`) };
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
    case 'appointment':
      return appointmentEffect(item, cmd, ctx);
  }
}
