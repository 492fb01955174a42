import type { AccidentIntake, ApplicationIntake, TipIntake } from '#shared/contract/api';
import { generateAccident } from './accidents';
import { generateApplication } from './applications';
import { DemoClock } from './clock';
import { PhotoBook, type DemoBlob, type PhotoMode } from './photos';
import { cityGeo } from './places';
import { hashString, Rng } from './prng';
import { TipGenerator } from './tips';
import { TIP_CATEGORIES } from './tipText';
import { SHOWCASE_MIN_ACCIDENTS, showcaseTwist } from './showcase';
import { SHOWCASE_CITY, SHOWCASE_MIN_TIPS, SHOWCASE_REPORTER_CODE, showcaseTips, type ShowcaseTip } from './tipShowcase';
import { isHashedRole, rememberPhotoViews } from '../domain/forensics';

/**
 * The demo and load data generator (team brief, "Seed generator"). Deterministic: the same
 * `seed`, `perCity` and `now` give the same intake objects, and the same blob bytes on the same
 * sharp build and fonts. The exchange's `--demo` bootstrap feeds the result through its normal
 * intake logic; the benches use `BENCH_PER_CITY` with `photos: 'reuse'`. `demoActions(data)`
 * (actions.ts) optionally lists officer work to replay afterwards.
 *
 * Cost: `generated` renders one JPEG per accident photo and tip photo (~2,000 for DEMO_PER_CITY,
 * a few ms each); application scans are shared specimens per material. Tests that only need
 * items should pass `photos: 'reuse'`.
 */
export type { DemoBlob, PhotoMode } from './photos';

export interface CityCounts {
  applications: number;
  accidents: number;
  tips: number;
}

export interface DemoOptions {
  seed: number;
  perCity: { [cityCode: string]: CityCounts };
  /** `generated` (default): one rendered image per photo/scan; `reuse`: a small shared pool. */
  photos?: PhotoMode;
  /** Anchor for all generated times (UTC ISO); defaults to now, rounded down to the minute. */
  now?: string;
}

/** What the ingest does for one tip besides creating it: a known reporter code, the reporter's follow-ups. */
export interface TipThread {
  /** Index into DemoData.tips. */
  tip: number;
  /** Passed to createTip (server/domain/intake.ts `opts.reporterCode`). */
  reporterCode: string;
  /** Posted with followUpTip (server/domain/citizen.ts) at their instants, after the tip is created. */
  followUps: { at: string; text: string }[];
}

export interface DemoData {
  /** Every referenced sha256 → its bytes. */
  blobs: Map<string, DemoBlob>;
  /** Each list is ordered by submittedAt, oldest first, so items get ids in arrival order. */
  applications: ApplicationIntake[];
  accidents: AccidentIntake[];
  tips: TipIntake[];
  /**
   * Per tip (same index as `tips`): the index of the first tip of the same incident when the seed
   * wrote it as another report of one (a paraphrase by another citizen, or the reporter's resend),
   * else null. The truth the duplicate candidates are measured against.
   */
  tipDuplicateOf: (number | null)[];
  /** The showcase tips' threads (tipShowcase.ts), oldest tip first. */
  tipThreads: TipThread[];
}

/** The default demo: Zhengzhou richest (the demo officers' city), Luoyang second, two small cities. */
export const DEMO_PER_CITY: Readonly<Record<string, CityCounts>> = {
  '410100': { applications: 400, accidents: 120, tips: 150 },
  '410300': { applications: 120, accidents: 50, tips: 50 },
  '410200': { applications: 50, accidents: 15, tips: 20 },
  '411300': { applications: 50, accidents: 15, tips: 20 },
};

/** Share of each city in a bench run (a provincial capital dominates, like the real platform). */
const BENCH_CITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['410100', 40], ['410300', 15], ['411300', 12], ['410200', 9], ['410700', 8], ['411400', 8], ['411600', 8],
];
const MIX = { applications: 400, accidents: 120, tips: 150 } as const;

/** Splits `total` items over several cities with the demo's mix of kinds; the counts add up to `total` exactly. */
export function BENCH_PER_CITY(total: number): Record<string, CityCounts> {
  const cells: { city: string; kind: keyof CityCounts; exact: number }[] = [];
  const cityWeight = BENCH_CITY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const mixWeight = MIX.applications + MIX.accidents + MIX.tips;
  for (const [city, w] of BENCH_CITY_WEIGHTS) {
    for (const kind of ['applications', 'accidents', 'tips'] as const) {
      cells.push({ city, kind, exact: (total * w * MIX[kind]) / (cityWeight * mixWeight) });
    }
  }
  // largest remainder, so rounding never loses or invents items
  const counts = cells.map((c) => Math.floor(c.exact));
  let left = total - counts.reduce((s, n) => s + n, 0);
  const order = cells.map((c, i) => [c.exact - Math.floor(c.exact), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  const out: Record<string, CityCounts> = {};
  cells.forEach((c, i) => {
    const row = (out[c.city] ??= { applications: 0, accidents: 0, tips: 0 });
    row[c.kind] = counts[i] ?? 0;
  });
  return out;
}

function sectionRng(seed: number, city: string, section: string): Rng {
  return new Rng((hashString(`${city}/${section}`) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

function bySubmittedAt<T extends { submittedAt?: string | undefined }>(a: T, b: T): number {
  // plain code-unit order: ISO instants of one format sort correctly, and localeCompare is slow at 100k
  const x = a.submittedAt ?? '';
  const y = b.submittedAt ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export async function generateDemoData(opts: DemoOptions): Promise<DemoData> {
  const mode = opts.photos ?? 'generated';
  const clock = new DemoClock(opts.now ?? new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());
  const book = new PhotoBook(mode);
  await book.preparePool();

  const applications: ApplicationIntake[] = [];
  const accidents: AccidentIntake[] = [];
  const tips: TipIntake[] = [];
  const tipIncident = new Map<TipIntake, string>();
  const showcase = new Map<TipIntake, ShowcaseTip>();
  // the tip desk's showcase (tipShowcase.ts): once, in Zhengzhou when it has enough tips
  let tipShowcaseDone = false;
  // the demo's showcase cases (showcase.ts): generated mode, the first city with enough accidents
  let showcaseCity = mode === 'generated' ? Object.entries(opts.perCity).find(([, c]) => c.accidents >= SHOWCASE_MIN_ACCIDENTS)?.[0] : undefined;
  for (const [cityCode, counts] of Object.entries(opts.perCity)) {
    const city = cityGeo(cityCode);
    const appRng = sectionRng(opts.seed, cityCode, 'applications');
    for (let i = 0; i < counts.applications; i++) applications.push(generateApplication(appRng, city, clock, book, i));
    const accRng = sectionRng(opts.seed, cityCode, 'accidents');
    const cityAccidents: AccidentIntake[] = [];
    for (let i = 0; i < counts.accidents; i++) {
      const twist = cityCode === showcaseCity ? showcaseTwist(i, cityAccidents) : undefined;
      cityAccidents.push(generateAccident(accRng, city, clock, book, twist));
    }
    if (cityCode === showcaseCity) showcaseCity = undefined;
    accidents.push(...cityAccidents);
    const tipRng = sectionRng(opts.seed, cityCode, 'tips');
    const tipGen = new TipGenerator(city, clock, book);
    const special = cityCode === SHOWCASE_CITY && !tipShowcaseDone && counts.tips >= SHOWCASE_MIN_TIPS ? showcaseTips(clock) : [];
    if (special.length > 0) tipShowcaseDone = true;
    // the first tips of a city cover every category, the rest follow the usual mix
    for (let i = 0; i < counts.tips - special.length; i++) {
      const tip = tipGen.next(tipRng, TIP_CATEGORIES[i]);
      tips.push(tip);
      tipIncident.set(tip, `${cityCode}/${tipGen.incidents[i]}`);
    }
    for (const [i, s] of special.entries()) {
      tips.push(s.body);
      showcase.set(s.body, s);
      // the KTV primary and its two paraphrases are one incident (tipShowcase.ts)
      tipIncident.set(s.body, i >= 1 && i <= 3 ? 'showcase/ktv' : `showcase/${i}`);
    }
  }

  const resolve = await book.render();
  for (const a of applications) for (const m of a.materials) if (m.sha256) m.sha256 = resolve(m.sha256);
  for (const a of accidents) for (const p of a.photos) p.sha256 = resolve(p.sha256);
  for (const t of tips) for (const p of t.attachments) p.sha256 = resolve(p.sha256);
  // Decode the accident photos the exchange hashes now, while their bytes are at hand, so the
  // intake that ingests them runs the near-duplicate check (server/domain/forensics.ts). The bench
  // pool (`reuse`) is one set of photos shared by every case: hashing it would make every case a
  // near-duplicate of the first, so it is left unhashed.
  if (mode === 'generated') {
    const shas = new Set(accidents.flatMap((a) => a.photos.filter((p) => isHashedRole(p.role)).map((p) => p.sha256)));
    await rememberPhotoViews([...shas].map((sha256) => ({ sha256, bytes: book.blobs.get(sha256)!.bytes })));
  }

  applications.sort(bySubmittedAt);
  accidents.sort(bySubmittedAt);
  tips.sort(bySubmittedAt);
  const firstOf = new Map<string, number>();
  const tipDuplicateOf = tips.map((t, i) => {
    const incident = tipIncident.get(t) ?? `tip/${i}`;
    const first = firstOf.get(incident);
    if (first === undefined) firstOf.set(incident, i);
    return first ?? null;
  });
  const tipThreads: TipThread[] = tips.flatMap((t, i) => {
    const s = showcase.get(t);
    return s ? [{ tip: i, reporterCode: SHOWCASE_REPORTER_CODE, followUps: s.followUps.map((f) => ({ ...f })) }] : [];
  });
  return { blobs: book.blobs, applications, accidents, tips, tipDuplicateOf, tipThreads };
}
export { demoActions, type DemoAction, type DemoStep } from './actions';
