import type { CommandBody, CommandType } from '#shared/domain/commands';
import type { ItemKind } from '#shared/domain/items';
import { childrenOf, cityOf } from '#shared/domain/units';
import { isValidLiabilityCombination, proposeLiability } from '#shared/rules/liability';
import { missingPhotos, quickProcedureExclusions } from '#shared/rules/quickProcedure';
import type { DemoData } from './index';
import { hashString, Rng } from './prng';

/**
 * Officer work to replay over freshly seeded demo data, so the demo opens with a realistic mix of
 * statuses (approved, handed over, supplement requested, determined, referred, routed, linked
 * duplicates …) instead of an all-new queue, and the dashboards have history to show.
 *
 * Each action names an item by its position in `DemoData` (the exchange assigns ids on intake)
 * and lists commands in order, each with the instant it happened (`at`, UTC ISO, after the item
 * was submitted and before `now`). Every action starts with `claim` and ends with `release` when
 * the item is still open; work days later (hand-over, closing) claims again, as leases are short. Only the cities with demo officers (DESIGN.md) get actions; recent
 * items are left untouched so the queues have fresh work. Commands follow the status machine of
 * shared/domain/status.ts and bodies pass COMMAND_BODIES; `link_duplicate` names the earlier tip
 * by index, the applier fills in its id.
 */
type PlainType = Exclude<CommandType, 'link_duplicate'>;
export type DemoStep =
  | { [K in PlainType]: { type: K; body: CommandBody<K>; at: string } }[PlainType]
  | { type: 'link_duplicate'; duplicateOfTip: number; at: string };

export interface DemoAction {
  kind: ItemKind;
  /** Index into DemoData.applications / accidents / tips (by kind). */
  index: number;
  /** The demo officer who does the work. */
  badge: string;
  steps: DemoStep[];
}

/** Demo officers by city and desk (DESIGN.md "Demo mode"). */
const OFFICERS: Readonly<Record<string, { clerk: readonly string[]; traffic?: string; intel?: string }>> = {
  '410100': { clerk: ['100001', '100005'], traffic: '100002', intel: '100003' },
  '410300': { clerk: ['300001'], traffic: '300002' },
};

const HOUR = 3600_000;
const MIN = 60_000;

/**
 * The instants of one item's history: strictly increasing, after `submitted`, before `until`.
 * A step never takes more than half the time left, so a late item's steps bunch up towards
 * `until` instead of overshooting it.
 */
class Timeline {
  private t: number;
  constructor(
    submitted: number,
    delayMs: number,
    private readonly until: number,
  ) {
    this.t = submitted + Math.max(1000, Math.min(delayMs, (until - submitted) / 3));
  }
  /** The first instant (the claim). */
  start(): string {
    return new Date(Math.floor(this.t / 1000) * 1000).toISOString();
  }
  /** Moves on by `minMin`..`maxMin` minutes (at least a second) and returns the instant. */
  step(rng: Rng, minMin: number, maxMin: number): string {
    const wantS = Math.max(1, rng.int(minMin * 60, maxMin * 60));
    const roomS = Math.max(1, Math.floor((this.until - this.t) / 2000));
    this.t = Math.floor(this.t / 1000) * 1000 + Math.min(wantS, roomS) * 1000;
    return new Date(this.t).toISOString();
  }
}

export function demoActions(data: DemoData, opts: { now?: string; seed?: number } = {}): DemoAction[] {
  const rng = new Rng(hashString('demo-actions') ^ (opts.seed ?? 2026));
  const latest = [...data.applications, ...data.accidents, ...data.tips].reduce((m, x) => Math.max(m, Date.parse(x.submittedAt ?? '')), 0);
  const nowMs = opts.now ? Date.parse(opts.now) : latest + 10 * MIN;
  const actions: DemoAction[] = [];
  const oldEnough = (submittedAt: string | undefined, hours: number): boolean => Date.parse(submittedAt ?? '') < nowMs - hours * HOUR;

  data.applications.forEach((a, index) => {
    const desk = OFFICERS[cityOf(a.unitCode)];
    if (!desk || !oldEnough(a.submittedAt, 30) || rng.chance(0.3)) return;
    const badge = rng.pick(desk.clerk);
    const tl = new Timeline(Date.parse(a.submittedAt ?? ''), rng.int(1, 40) * HOUR, nowMs - 5 * MIN);
    const steps: DemoStep[] = [{ type: 'claim', body: {}, at: tl.start() }];
    const missing = a.materials.filter((m) => m.sha256 === null).map((m) => m.code);
    if (missing.length > 0) {
      if (rng.chance(0.3)) return;
      steps.push({ type: 'request_supplement', body: { missing, note: '请一次性补齐以上材料后重新提交。' }, at: tl.step(rng, 3, 20) });
      steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
    } else if (rng.chance(0.07)) {
      steps.push({ type: 'decide', body: { outcome: 'reject', reasonCode: 'duplicate_application', reasonText: '已有同一事项的申请正在办理。' }, at: tl.step(rng, 3, 20) });
    } else {
      steps.push({ type: 'decide', body: { outcome: 'approve', pickup: a.delivery }, at: tl.step(rng, 3, 25) });
      steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
      if (a.delivery === 'window' && rng.chance(0.6)) {
        // the citizen comes to the window days later and shows the ID card (no claim: any clerk of the hall)
        steps.push({ type: 'hand_over', body: { idNumber: a.applicant.idNumber }, at: tl.step(rng, 24 * 60, 4 * 24 * 60) });
      } else if (a.delivery === 'ems' && rng.chance(0.6)) {
        // posted a day or two later; the rest wait in the hall's "to dispatch" list
        steps.push({ type: 'dispatch', body: { waybill: `1${rng.digits(12)}` }, at: tl.step(rng, 12 * 60, 2 * 24 * 60) });
      }
    }
    actions.push({ kind: 'application', index, badge, steps });
  });

  data.accidents.forEach((a, index) => {
    const badge = OFFICERS[cityOf(a.unitCode)]?.traffic;
    if (!badge || !oldEnough(a.submittedAt, 6) || rng.chance(0.25)) return;
    // a third of the cases are taken within two minutes and a standard one of those decided in two
    // or three more (the 5-minute target met); the rest wait up to an hour and a half
    const quick = rng.chance(0.35);
    const tl = new Timeline(Date.parse(a.submittedAt ?? ''), quick ? rng.int(20, 120) * 1000 : rng.int(3, 90) * MIN, nowMs - 5 * MIN);
    const steps: DemoStep[] = [{ type: 'claim', body: {}, at: tl.start() }];
    const excluded = quickProcedureExclusions({ parties: a.parties, declared: a.declared });
    const lacking = missingPhotos(a.photos, a.parties.length);
    const proposal = proposeLiability(a.parties);
    if (excluded.length > 0) {
      steps.push({ type: 'refer', body: { reasons: excluded, note: '不适用快处快赔，转现场处理。' }, at: tl.step(rng, 2, 10) });
      steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
    } else if (lacking.length > 0) {
      steps.push({ type: 'request_supplement', body: { missing: lacking, note: '请补拍缺少的照片，号牌须清晰可见。' }, at: tl.step(rng, 2, 10) });
      steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
    } else if (proposal.scenario !== null && isValidLiabilityCombination(proposal.liabilities)) {
      steps.push({
        type: 'decide',
        body: { outcome: 'determine', liabilities: proposal.liabilities, scenario: proposal.scenario, overrideReason: null },
        at: quick ? tl.step(rng, 1, 3) : tl.step(rng, 3, 15),
      });
      steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
      if (rng.chance(0.5)) {
        steps.push({ type: 'claim', body: {}, at: tl.step(rng, 60, 48 * 60) });
        steps.push({ type: 'close', body: { reason: '双方已签字确认，保险公司已定损理赔。' }, at: tl.step(rng, 1, 5) });
      }
    } else {
      return; // no listed situation: left for the officer to judge in the demo
    }
    actions.push({ kind: 'accident', index, badge, steps });
  });

  // The showcase tips (tipShowcase.ts) are left for the officer of the demo (and its e2e test);
  // a tip that others repeat is never closed as unfounded, so linking them never finds it closed.
  const showcase = new Set(data.tipThreads.map((thread) => thread.tip));
  const repeated = new Set(data.tipDuplicateOf.filter((first): first is number => first !== null));
  data.tips.forEach((t, index) => {
    const badge = OFFICERS[cityOf(t.unitCode)]?.intel;
    if (!badge || showcase.has(index)) return;
    // the seed's truth: the first tip of the same incident (paraphrases and re-sends alike)
    const first = data.tipDuplicateOf[index] ?? null;
    const prior = first !== null && !showcase.has(first) ? first : -1;
    if (!oldEnough(t.submittedAt, prior >= 0 ? 1 : 20)) return;
    const tl = new Timeline(Date.parse(t.submittedAt ?? ''), rng.int(10, 180) * MIN, nowMs - 5 * MIN);
    const steps: DemoStep[] = [{ type: 'claim', body: {}, at: tl.start() }];
    if (prior >= 0) {
      steps.push({ type: 'link_duplicate', duplicateOfTip: prior, at: tl.step(rng, 2, 10) });
    } else {
      const roll = rng.next();
      if (roll < 0.35) return;
      if (roll < 0.7) {
        const below = childrenOf(t.unitCode);
        const to = below.length > 0 ? rng.pick(below).code : t.unitCode;
        steps.push({ type: 'route', body: { unitCode: to, note: '请辖区核查处置并反馈。' }, at: tl.step(rng, 5, 30) });
        steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
      } else if (roll < 0.8 && !t.reporter.anonymous) {
        const day = (t.submittedAt ?? '').slice(0, 10).replace(/-/g, '');
        steps.push({ type: 'open_case', body: { caseNumber: `A${cityOf(t.unitCode)}${day}${String(index).padStart(4, '0')}` }, at: tl.step(rng, 30, 240) });
        steps.push({ type: 'feedback', body: { text: '您反映的线索已立案调查，感谢您的支持。' }, at: tl.step(rng, 5, 60) });
        steps.push({ type: 'release', body: {}, at: tl.step(rng, 0, 1) });
      } else if (!repeated.has(index)) {
        steps.push({ type: 'close', body: { reason: '经核查，未发现举报所述情况。' }, at: tl.step(rng, 60, 24 * 60) });
      } else {
        return;
      }
    }
    actions.push({ kind: 'tip', index, badge, steps });
  });

  // one timeline across kinds, so replaying in this order keeps every item's history consistent
  return actions.sort((x, y) => (x.steps[0]?.at ?? '').localeCompare(y.steps[0]?.at ?? ''));
}
