import { findService } from '#shared/data/catalogue';
import { cityOf } from '#shared/domain/units';
import type { ItemKind } from '#shared/domain/items';
import type { ApplicationIntake } from '#shared/contract/api';
import { addWorkingDays, statutoryDueAt } from '#shared/rules/workdays';
import type { Store } from '../store/store';
import { DEMO_OFFICERS } from '../officers';
import { isRateable, rateItem, ratingServiceOf } from '../domain/stats';
import type { DemoAction, DemoData } from './index';
import { hashString, Rng } from './prng';

/**
 * Demo history for the supervisors' figures (GET /api/v1/stats, the weekly report), on top of
 * demoActions (actions.ts), whose decisions all land well within the statutory limits:
 *
 * - `overdueApplications`: the demo's applications are recent and its decisions quick, so hardly
 *   any deadline passes. This returns extra applications, copies of a sample with the submission
 *   moved back past their service's limit, to ingest as a second batch (demoActions never sees
 *   them).
 * - `lateDecisionActions`: most applications without officer work whose deadline has passed are
 *   decided after it (hours to a few days late), so the timely-handling rate is below 100 % and
 *   some stay overdue and open. Replay them with `replayActions` (same officers, same rules).
 * - `seedRatings`: citizens rate about a third of the finished items 1–5 (a few comments), through
 *   the same rule as POST /api/v1/intake/ratings; a late decision and two services chosen by hash
 *   are rated worse, so the monthly service table has poorly rated services to show.
 *
 * Deterministic for the same data, seed and `now`.
 */
const MIN = 60_000;
const HOUR = 3600_000;

/** Copies of about `share` of the applications, submitted 1–6 working days more than their limit before `now`. */
export function overdueApplications(data: DemoData, opts: { now?: string; seed?: number; share?: number } = {}): ApplicationIntake[] {
  const rng = new Rng(hashString('overdue-applications') ^ (opts.seed ?? 2026));
  const latest = data.applications.reduce((m, a) => Math.max(m, Date.parse(a.submittedAt ?? '')), 0);
  const nowMs = opts.now ? Date.parse(opts.now) : latest + 10 * MIN;
  const out: ApplicationIntake[] = [];
  for (const a of data.applications) {
    const service = findService(a.serviceCode);
    if (!service || !a.submittedAt || !rng.chance(opts.share ?? 0.08)) continue;
    // back from now by the limit and some, in working days, at the original time of day
    let at = Date.parse(a.submittedAt);
    const target = nowMs - 6 * HOUR;
    while (Date.parse(addWorkingDays(new Date(at).toISOString(), service.limitDays + rng.int(0, 2))) > target) at -= 24 * HOUR;
    at -= rng.int(0, 3) * 24 * HOUR;
    out.push({ ...a, submittedAt: new Date(at).toISOString() });
  }
  return out.sort((x, y) => (x.submittedAt! < y.submittedAt! ? -1 : 1));
}

export function lateDecisionActions(data: DemoData, taken: readonly DemoAction[], opts: { now?: string; seed?: number } = {}): DemoAction[] {
  const rng = new Rng(hashString('late-decisions') ^ (opts.seed ?? 2026));
  const latest = data.applications.reduce((m, a) => Math.max(m, Date.parse(a.submittedAt ?? '')), 0);
  const nowMs = opts.now ? Date.parse(opts.now) : latest + 10 * MIN;
  const busy = new Set(taken.filter((a) => a.kind === 'application').map((a) => a.index));
  const actions: DemoAction[] = [];
  data.applications.forEach((a, index) => {
    if (busy.has(index) || !a.submittedAt) return;
    const clerks = DEMO_OFFICERS.filter((o) => o.role === 'clerk' && cityOf(o.unitCode) === cityOf(a.unitCode));
    const service = findService(a.serviceCode);
    if (clerks.length === 0 || !service) return;
    const due = Date.parse(statutoryDueAt(a.submittedAt, service.limitDays, 0));
    if (due > nowMs - 6 * HOUR || !rng.chance(0.75)) return;
    const room = Math.min(3 * 24 * HOUR, nowMs - 10 * MIN - due);
    const decidedAt = Math.floor((due + rng.int(HOUR, room)) / 1000) * 1000;
    const at = (ms: number) => new Date(ms).toISOString();
    const complete = a.materials.every((m) => m.sha256 !== null);
    const badge = rng.pick(clerks).badge;
    actions.push({
      kind: 'application',
      index,
      badge,
      steps: complete
        ? [
            { type: 'claim', body: {}, at: at(decidedAt - 10 * MIN) },
            { type: 'decide', body: { outcome: 'approve', pickup: a.delivery }, at: at(decidedAt) },
            { type: 'release', body: {}, at: at(decidedAt + MIN) },
          ]
        : [
            { type: 'claim', body: {}, at: at(decidedAt - 10 * MIN) },
            { type: 'decide', body: { outcome: 'reject', reasonCode: 'not_eligible', reasonText: '材料不全，不符合办理条件。' }, at: at(decidedAt) },
          ],
    });
  });
  return actions.sort((x, y) => (x.steps[0]?.at ?? '').localeCompare(y.steps[0]?.at ?? ''));
}

const COMMENTS: Readonly<Record<'good' | 'bad', readonly string[]>> = {
  good: ['办理很快，民警服务热情。', '网上提交很方便，少跑了一趟。', '进度通知及时，满意。', '窗口引导清楚，谢谢。'],
  bad: ['等了很久才有结果。', '补正要求没有一次说清楚。', '电话一直打不通。'],
};

/** Star weights 1..5 of a contented and a disappointed citizen. */
const GOOD = [2, 3, 10, 30, 55] as const;
const POOR = [25, 30, 25, 12, 8] as const;

function stars(rng: Rng, weights: readonly number[]): number {
  let roll = rng.next() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) {
    roll -= weights[i]!;
    if (roll < 0) return i + 1;
  }
  return weights.length;
}

/** Rates finished demo items (ids as `ingest` returned them); returns how many were rated. */
export async function seedRatings(store: Store, ids: Readonly<Record<ItemKind, readonly (string | undefined)[]>>, opts: { now?: string; seed?: number; share?: number } = {}): Promise<{ rated: number }> {
  const rng = new Rng(hashString('ratings') ^ (opts.seed ?? 2026));
  const nowMs = opts.now ? Date.parse(opts.now) : Date.now();
  const share = opts.share ?? 0.35;
  let rated = 0;
  const all = [...ids.application, ...ids.accident, ...ids.tip].filter((id): id is string => id !== undefined);
  for (let i = 0; i < all.length; i += 500) {
    await store.transaction(async (tx) => {
      for (const id of all.slice(i, i + 500)) {
        const item = await tx.items.getWork(id);
        if (!item || !isRateable(item) || (await tx.stats.getRating(id)) || !rng.chance(share)) continue;
        const late = item.kind === 'application' && item.data.decision !== null && item.dueAt !== null && item.data.decision.decidedAt > item.dueAt;
        const poorService = hashString(ratingServiceOf(item)) % 9 === 0;
        const n = stars(rng, late || poorService ? POOR : GOOD);
        const comment = rng.chance(0.25) ? rng.pick(COMMENTS[n >= 4 ? 'good' : 'bad']) : undefined;
        const at = Math.min(nowMs - MIN, Date.parse(item.updatedAt) + rng.int(10 * MIN, 48 * HOUR));
        await rateItem(tx, { itemId: id, stars: n, ...(comment ? { comment } : {}) }, new Date(at));
        rated++;
      }
    });
  }
  return { rated };
}
