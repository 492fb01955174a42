import { AppError } from '#shared/errors';
import type { RatingIntake, ServiceUsageResponse, StatsResponse, TipOutcomeCounts } from '#shared/contract/api';
import { TipCategorySchema, type ItemKind, type WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { childrenOf, covers, findUnit, unitName, unitPrefix } from '#shared/domain/units';
import { SERVICES, findService } from '#shared/data/catalogue';
import type { RatingRecord, Repos, StatsRows } from '../store/store';

/**
 * The figures supervisors and the leadership are judged by (DOMAIN.md "Figures officers are judged
 * by"), shaped from the store's grouped rows (store/sqlite/stats.ts: SQL over the 0110 indexes,
 * never a load of items): rates, roll-up of units to the jurisdiction's children, names.
 *
 * - Timely-handling rate: applications decided (approved or rejected) in the period at or before
 *   their `dueAt`, ÷ all decided in the period. A supplement request is no decision.
 * - Overdue open: applications whose clock runs now (status `submitted`) past their deadline.
 * - Accident clearance: minutes from the report to the determination, nearest-rank median and
 *   p90, and the share within 5 minutes, of the cases determined in the period.
 * - Tips: the tips received in the period by category and their outcome as it stands (pending,
 *   routed, case opened, unfounded = closed without a case, duplicate); hours to routing of those
 *   routed in the period.
 * - Satisfaction: ratings given in the period, count and average, per service and unit.
 */

// ---- scope --------------------------------------------------------------------------------------

/** Whose figures the caller may read: supervisors their jurisdiction, admins everything. */
export function statsUnitFor(officer: Officer, unit: string | undefined): string {
  if (officer.role !== 'supervisor' && officer.role !== 'admin') throw new AppError('forbidden', 'only supervisors and admins read statistics');
  const code = unit ?? (officer.role === 'admin' ? '410000' : officer.unitCode);
  if (!findUnit(code)) throw new AppError('invalid', `unknown unit ${code}`);
  if (officer.role === 'supervisor' && !covers(officer.unitCode, code)) throw new AppError('forbidden', `${code} is outside your jurisdiction`);
  return code;
}

// ---- time ---------------------------------------------------------------------------------------

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** UTC instant of Shanghai midnight starting `ymd`. */
function shanghaiMidnight(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) - SHANGHAI_MS;
}

/** `[from, to)` of an ISO week (Monday 00:00 Asia/Shanghai, seven days). */
export function isoWeekRange(week: string): { from: string; to: string } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new AppError('invalid', `week ${week} is not YYYY-Www`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  // week 1 holds 4 January; its Monday is the year's first ISO Monday
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  const weeks = isoWeekOf(new Date(Date.UTC(year, 11, 28)).toISOString()).week;
  if (n < 1 || n > weeks) throw new AppError('invalid', `${year} has no week ${n}`);
  const start = monday1 + (n - 1) * 7 * DAY_MS - SHANGHAI_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + 7 * DAY_MS).toISOString() };
}

/** The ISO week an instant falls in, in Shanghai time. */
export function isoWeekOf(iso: string): { year: number; week: number; label: string } {
  const local = new Date(Date.parse(iso) + SHANGHAI_MS);
  const day = (local.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week, label: `${year}-W${String(week).padStart(2, '0')}` };
}

/** `[from, to)` of a month of Shanghai time. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(shanghaiMidnight(y, m, 1)).toISOString(), to: new Date(shanghaiMidnight(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1)).toISOString() };
}

/** The stored instant form (milliseconds, Z), so the store compares strings. */
function instant(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

// ---- shaping ------------------------------------------------------------------------------------

/** The rating "service" of accidents and tips, beside the catalogue's application services. */
export const CHANNEL_SERVICES: Readonly<Record<Exclude<ItemKind, 'application'>, { code: string; name: string }>> = {
  accident: { code: 'quick_accident', name: '快处快赔' },
  tip: { code: 'tip_report', name: '线索举报' },
  appointment: { code: 'hall_appointment', name: '窗口预约' },
};

export function serviceName(code: string): string {
  return findService(code)?.name ?? Object.values(CHANNEL_SERVICES).find((c) => c.code === code)?.name ?? code;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const average = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 100) / 100);
const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** Rolls a unit code up to the direct child of `unit` that covers it (or `unit` itself). */
function rollUp(unit: string): (code: string) => string {
  const children = childrenOf(unit).sort((a, b) => unitPrefix(b.code).length - unitPrefix(a.code).length);
  const memo = new Map<string, string>();
  return (code) => {
    let hit = memo.get(code);
    if (hit === undefined) {
      hit = children.find((c) => code.startsWith(unitPrefix(c.code)))?.code ?? unit;
      memo.set(code, hit);
    }
    return hit;
  };
}

/** Sums `rows` into buckets by `key`, in first-seen order. */
function sumBy<R, A>(rows: readonly R[], key: (r: R) => string, zero: () => A, add: (acc: A, r: R) => void): Map<string, A> {
  const out = new Map<string, A>();
  for (const r of rows) {
    const k = key(r);
    let acc = out.get(k);
    if (!acc) out.set(k, (acc = zero()));
    add(acc, r);
  }
  return out;
}

const noOutcomes = (): TipOutcomeCounts => ({ pending: 0, routed: 0, case_opened: 0, unfounded: 0, duplicate: 0 });
function addOutcome(o: TipOutcomeCounts, outcome: string, n: number): void {
  if (outcome in o) o[outcome as keyof TipOutcomeCounts] += n;
}

interface AppAcc {
  received: number;
  decided: number;
  decidedOnTime: number;
  overdueOpen: number;
}
const appZero = (): AppAcc => ({ received: 0, decided: 0, decidedOnTime: 0, overdueOpen: 0 });
const appFigures = (a: AppAcc) => ({ ...a, timelyRate: rate(a.decidedOnTime, a.decided) });

function applicationsOf(rows: StatsRows, officerNames: ReadonlyMap<string, string>, up: (code: string) => string): StatsResponse['applications'] {
  const all = appZero();
  const byService = new Map<string, AppAcc>();
  const byUnit = new Map<string, AppAcc>();
  const bucket = (map: Map<string, AppAcc>, k: string) => map.get(k) ?? map.set(k, appZero()).get(k)!;
  let rejected = 0;
  for (const r of rows.applicationsReceived) for (const a of [all, bucket(byService, r.serviceCode), bucket(byUnit, up(r.unitCode))]) a.received += r.n;
  for (const r of rows.applicationsDecided) {
    rejected += r.rejected;
    for (const a of [all, bucket(byService, r.serviceCode), bucket(byUnit, up(r.unitCode))]) {
      a.decided += r.n;
      a.decidedOnTime += r.onTime;
    }
  }
  for (const r of rows.applicationsOverdue) for (const a of [all, bucket(byService, r.serviceCode), bucket(byUnit, up(r.unitCode))]) a.overdueOpen += r.n;
  const byOfficer = sumBy(rows.applicationsDecided, (r) => r.decidedBy, () => ({ decided: 0, decidedOnTime: 0 }), (a, r) => {
    a.decided += r.n;
    a.decidedOnTime += r.onTime;
  });
  return {
    ...appFigures(all),
    approved: all.decided - rejected,
    rejected,
    byService: [...byService].map(([serviceCode, a]) => ({ serviceCode, name: serviceName(serviceCode), ...appFigures(a) })).sort((x, y) => y.received - x.received || x.serviceCode.localeCompare(y.serviceCode)),
    byUnit: [...byUnit].map(([unitCode, a]) => ({ unitCode, name: unitName(unitCode), ...appFigures(a) })).sort((x, y) => x.unitCode.localeCompare(y.unitCode)),
    byOfficer: [...byOfficer]
      .map(([badge, a]) => ({ badge, name: officerNames.get(badge) ?? badge, ...a, timelyRate: rate(a.decidedOnTime, a.decided) }))
      .sort((x, y) => y.decided - x.decided || x.badge.localeCompare(y.badge)),
  };
}

function accidentsOf(rows: StatsRows, up: (code: string) => string): StatsResponse['accidents'] {
  const byUnit = new Map<string, { reported: number; determined: number; referred: number; determinedWithin5Min: number }>();
  const bucket = (k: string) => byUnit.get(k) ?? byUnit.set(k, { reported: 0, determined: 0, referred: 0, determinedWithin5Min: 0 }).get(k)!;
  for (const r of rows.accidentsReported) bucket(up(r.unitCode)).reported += r.n;
  for (const r of rows.accidentsDetermined) {
    const b = bucket(up(r.unitCode));
    b.determined += r.n;
    b.determinedWithin5Min += r.within5;
  }
  for (const r of rows.accidentsReferred) bucket(up(r.unitCode)).referred += r.n;
  const m = rows.determinationMinutes;
  const total = (f: (r: { n: number }) => number, list: readonly { n: number }[]) => list.reduce((s, r) => s + f(r), 0);
  return {
    reported: total((r) => r.n, rows.accidentsReported),
    determined: m.count,
    referred: total((r) => r.n, rows.accidentsReferred),
    minutesToDetermination: { count: m.count, median: round1(m.median), p90: round1(m.p90) },
    determinedWithin5Min: m.withinTarget,
    shareWithin5Min: rate(m.withinTarget, m.count),
    byUnit: [...byUnit].map(([unitCode, b]) => ({ unitCode, name: unitName(unitCode), ...b })).sort((x, y) => x.unitCode.localeCompare(y.unitCode)),
  };
}

function tipsOf(rows: StatsRows, up: (code: string) => string): StatsResponse['tips'] {
  const outcomes = noOutcomes();
  const byCategory = new Map(TipCategorySchema.options.map((c) => [c, { category: c, received: 0, outcomes: noOutcomes() }]));
  const byUnit = new Map<string, { received: number; outcomes: TipOutcomeCounts }>();
  let received = 0;
  for (const r of rows.tipsReceived) {
    received += r.n;
    addOutcome(outcomes, r.outcome, r.n);
    const c = byCategory.get(r.category as never);
    if (c) {
      c.received += r.n;
      addOutcome(c.outcomes, r.outcome, r.n);
    }
    const u = up(r.unitCode);
    const b = byUnit.get(u) ?? byUnit.set(u, { received: 0, outcomes: noOutcomes() }).get(u)!;
    b.received += r.n;
    addOutcome(b.outcomes, r.outcome, r.n);
  }
  const h = rows.routingHours;
  return {
    received,
    outcomes,
    byCategory: [...byCategory.values()],
    hoursToRouting: { count: h.count, median: round1(h.median), p90: round1(h.p90) },
    byUnit: [...byUnit].map(([unitCode, b]) => ({ unitCode, name: unitName(unitCode), ...b })).sort((x, y) => x.unitCode.localeCompare(y.unitCode)),
  };
}

function satisfactionOf(rows: StatsRows, up: (code: string) => string): StatsResponse['satisfaction'] {
  const zero = () => ({ n: 0, stars: 0 });
  const add = (a: { n: number; stars: number }, r: { n: number; stars: number }) => {
    a.n += r.n;
    a.stars += r.stars;
  };
  const all = zero();
  for (const r of rows.ratings) add(all, r);
  const byService = sumBy(rows.ratings, (r) => r.serviceCode, zero, add);
  const byUnit = sumBy(rows.ratings, (r) => up(r.unitCode), zero, add);
  return {
    count: all.n,
    average: average(all.stars, all.n),
    byService: [...byService].map(([serviceCode, a]) => ({ serviceCode, name: serviceName(serviceCode), count: a.n, average: average(a.stars, a.n) })).sort((x, y) => y.count - x.count || x.serviceCode.localeCompare(y.serviceCode)),
    byUnit: [...byUnit].map(([unitCode, a]) => ({ unitCode, name: unitName(unitCode), count: a.n, average: average(a.stars, a.n) })).sort((x, y) => x.unitCode.localeCompare(y.unitCode)),
  };
}

/** The figures of `unit`'s jurisdiction over `[from, to)`; overdue as of `now`. */
export async function computeStats(db: Repos, unit: string, from: string, to: string, now: Date = new Date()): Promise<StatsResponse> {
  const range = { from: instant(from), to: instant(to), unitPrefix: unitPrefix(unit), now: now.toISOString() };
  const rows = await db.stats.rows(range);
  // the deciding officers' names, for the per-officer figures
  const officerNames = new Map<string, string>();
  for (const badge of new Set(rows.applicationsDecided.map((r) => r.decidedBy))) {
    const officer = await db.officers.get(badge);
    if (officer) officerNames.set(badge, officer.name);
  }
  const up = rollUp(unit);
  return {
    unit: { code: unit, name: unitName(unit) },
    from: range.from,
    to: range.to,
    asOf: range.now,
    applications: applicationsOf(rows, officerNames, up),
    accidents: accidentsOf(rows, up),
    tips: tipsOf(rows, up),
    satisfaction: satisfactionOf(rows, up),
  };
}

// ---- monthly use per service ------------------------------------------------------------------

/** A service with fewer applications than this share of the month's median service is "low use". */
export const LOW_USE_SHARE = 0.2;
/** An average below this, over at least LOW_RATING_MIN_COUNT ratings, is "low rating". */
export const LOW_RATING_AVERAGE = 3.5;
export const LOW_RATING_MIN_COUNT = 3;

export async function serviceUsage(db: Repos, unit: string, month: string, now: Date = new Date()): Promise<ServiceUsageResponse> {
  const { from, to } = monthRange(month);
  const stats = await computeStats(db, unit, from, to, now);
  const apps = new Map(stats.applications.byService.map((s) => [s.serviceCode, s]));
  const ratings = new Map(stats.satisfaction.byService.map((s) => [s.serviceCode, s]));
  const received = SERVICES.map((s) => apps.get(s.code)?.received ?? 0).sort((a, b) => a - b);
  const median = received[Math.floor(received.length / 2)] ?? 0;
  const rows = [...SERVICES.map((s) => ({ code: s.code, name: s.name, application: true })), ...Object.values(CHANNEL_SERVICES).map((c) => ({ ...c, application: false }))];
  return {
    unit: stats.unit,
    month,
    from,
    to,
    services: rows.map(({ code, name, application }) => {
      const a = apps.get(code);
      const r = ratings.get(code);
      const flags: ('unused' | 'low_use' | 'low_rating')[] = [];
      const n = a?.received ?? 0;
      if (application && n === 0) flags.push('unused');
      else if (application && n < median * LOW_USE_SHARE) flags.push('low_use');
      if (r && r.count >= LOW_RATING_MIN_COUNT && r.average !== null && r.average < LOW_RATING_AVERAGE) flags.push('low_rating');
      return {
        serviceCode: code,
        name,
        received: n,
        decided: a?.decided ?? 0,
        decidedOnTime: a?.decidedOnTime ?? 0,
        timelyRate: a?.timelyRate ?? null,
        ratings: { count: r?.count ?? 0, average: r?.average ?? null },
        flags,
      };
    }),
  };
}

// ---- ratings ------------------------------------------------------------------------------------

/** Statuses in which an item is finished for its citizen, and may be rated. */
export const RATEABLE_STATUSES: Readonly<Record<ItemKind, readonly string[]>> = {
  application: ['approved', 'rejected', 'completed'],
  accident: ['determined', 'referred', 'closed'],
  tip: ['case_opened', 'duplicate', 'closed'],
  appointment: ['served'],
};

export function isRateable(item: Pick<WorkItem, 'kind' | 'status'>): boolean {
  return RATEABLE_STATUSES[item.kind].includes(item.status);
}

export function ratingServiceOf(item: WorkItem): string {
  return item.kind === 'application' ? item.data.serviceCode : CHANNEL_SERVICES[item.kind].code;
}

/**
 * Records a citizen's rating (POST /api/v1/intake/ratings): only a finished item (`invalid`
 * otherwise), once (`conflict` for a second). Call inside a transaction.
 */
export async function rateItem(db: Repos, body: RatingIntake, now: Date): Promise<RatingRecord> {
  const item = await db.items.getWork(body.itemId);
  if (!item) throw new AppError('not_found', `no item ${body.itemId}`);
  if (!isRateable(item)) throw new AppError('invalid', `${body.itemId} is not finished (${item.status}); only a finished item can be rated`);
  const comment = body.comment?.trim() ? body.comment.trim() : null;
  const record: RatingRecord = { itemId: item.id, kind: item.kind, unitCode: item.unitCode, serviceCode: ratingServiceOf(item), stars: body.stars, comment, at: now.toISOString() };
  if (!(await db.stats.addRating(record))) throw new AppError('conflict', `${body.itemId} has already been rated`);
  return record;
}
