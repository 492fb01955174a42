/**
 * Tip duplicate candidates at intake (shared/rules/tipDuplicates.ts, server/domain/tip-candidates.ts):
 * the search for a new tip's candidates against 100k stored tips, and precision and recall of the
 * proposals on the labelled set (server/seed/tipCorpus.ts).
 *
 * 100k tips of the four demo cities over the 30 days of the window, written by the tip corpus (so
 * their keys are realistic: a city's roads carry hundreds of tips each, popular venue names recur)
 * and stored through the store directly (insertItem and their keys, no search), then 1,000 new
 * Zhengzhou tips — a labelled set of paraphrase groups and hard negatives — come in through
 * createTip in arrival order, each searched against everything stored before it. Figures: ms per
 * tip for the search alone and for the whole createTip; precision and recall among the labelled
 * tips in that store, and of the same set in an empty store (the rule alone). `BENCH_TIPS` shrinks
 * the stored set. Writes bench/results/tips.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TipIntake } from '#shared/contract/api';
import { unhandledTip, type Tip } from '#shared/domain/items';
import { cityOf } from '#shared/domain/units';
import { DUPLICATE_RULES, tipFacts } from '#shared/rules/tipDuplicates';
import { createTip } from '#server/domain/intake';
import { CANDIDATE_SEARCH, findTipCandidates, recordTipKeys } from '#server/domain/tip-candidates';
import { cityGeo } from '#server/seed/places';
import { labelledTips, measureCandidates, type DuplicateFigures, type LabelledTip } from '#server/seed/tipCorpus';
import { createSqliteStore } from '#server/store/sqlite/index';
import type { Repos, Store } from '#server/store/store';
import { percentile, report, type Figure } from './lib/report';

const STORED = Number(process.env.BENCH_TIPS ?? 100_000);
const NEW_TIPS = 1000;
const END = Date.parse('2026-11-26T08:00:00.000Z');
const DAY_MS = 86_400_000;
/** Stored tips per city (the capital dominates). */
const CITY_SHARES: readonly (readonly [string, number])[] = [['410100', 0.5], ['410300', 0.25], ['410200', 0.125], ['411300', 0.125]];
const log = (line: string) => console.log(`[tips.bench] ${line}`);

async function tipItem(db: Repos, t: LabelledTip): Promise<Tip> {
  const city = cityOf(t.report.unitCode);
  return {
    id: `TIP-${city}-${await db.items.nextNumber('TIP', city)}`,
    kind: 'tip',
    unitCode: t.report.unitCode,
    status: 'new',
    version: 1,
    claimedBy: null,
    claimExpiresAt: null,
    submittedAt: t.submittedAt,
    dueAt: null,
    updatedAt: t.submittedAt,
    notes: [],
    data: {
      category: t.report.category,
      content: t.report.content,
      location: t.report.location,
      reporter: { anonymous: true, nameMasked: '', phoneMasked: '' },
      urgency: { score: 0, level: 'low', reasons: [] },
      candidates: [],
      ...unhandledTip(),
    },
  };
}

/** Enough incidents for `n` tips (about 2.4 reports each, hard negatives included), cut to `n`. */
function corpusTips(seed: number, city: string, n: number, endMs: number, spanDays: number): LabelledTip[] {
  const tips = labelledTips({ seed, city: cityGeo(city), incidents: Math.ceil(n / 2.2), endMs, spanDays });
  if (tips.length < n) throw new Error(`corpus gave ${tips.length} tips for ${n}`);
  return tips.slice(0, n);
}

function intakeOf(t: LabelledTip): TipIntake {
  return {
    unitCode: t.report.unitCode,
    category: t.report.category,
    content: t.report.content,
    location: t.report.location,
    reporter: { anonymous: true, name: null, phone: null, idNumber: null },
    attachments: [],
    submittedAt: t.submittedAt,
  };
}

/** The labelled set through createTip in arrival order; returns the search and intake times and the figures. */
async function runLabelled(store: Store, set: readonly LabelledTip[]): Promise<{ searchMs: number[]; intakeMs: number[]; figures: DuplicateFigures; namedOutside: number }> {
  const ids: string[] = [];
  const searchMs: number[] = [];
  const intakeMs: number[] = [];
  const now = new Date(END);
  for (const t of set) {
    const facts = tipFacts(t.report);
    const s0 = performance.now();
    await findTipCandidates(store, { unitCode: t.report.unitCode, submittedAt: t.submittedAt }, facts);
    searchMs.push(performance.now() - s0);
    const i0 = performance.now();
    ids.push((await store.transaction((tx) => createTip(tx, intakeOf(t), now))).id);
    intakeMs.push(performance.now() - i0);
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  let namedOutside = 0;
  const tipsById: Tip[] = [];
  for (const id of ids) tipsById.push((await store.items.getWork(id)) as Tip);
  const named = tipsById.map((tip) => {
    const inSet = tip.data.candidates.flatMap((c) => (index.has(c.tipId) ? [index.get(c.tipId)!] : []));
    if (inSet.length < tip.data.candidates.length) namedOutside++;
    return inSet;
  });
  return { searchMs, intakeMs, figures: measureCandidates(set, (i) => named[i]!), namedOutside };
}

const dirs: string[] = [];
function tempStore(): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tips-bench-'));
  dirs.push(dir);
  return createSqliteStore(dir);
}

const figures: Figure[] = [];
const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

// ---- 100k stored tips ------------------------------------------------------------------------------
const big = tempStore();
const t0 = performance.now();
let stored = 0;
for (const [city, share] of CITY_SHARES) {
  const n = Math.round(STORED * share);
  const tips = corpusTips(100 + Number(city.slice(2, 4)), city, n, END - 2 * DAY_MS, DUPLICATE_RULES.windowDays - 2);
  for (let i = 0; i < tips.length; i += 5000) {
    await big.transaction(async (tx) => {
      for (const t of tips.slice(i, i + 5000)) {
        const item = await tipItem(tx, t);
        await tx.items.insert(item, { reporter: { name: null, phone: null, idNumber: null } }, []);
        await recordTipKeys(tx, item.id, item, tipFacts(t.report));
      }
    });
  }
  stored += tips.length;
}
const loadMs = performance.now() - t0;
log(`stored ${stored} tips in ${(loadMs / 1000).toFixed(1)} s`);

// the labelled set: 1,000 new Zhengzhou tips of the last 28 days, after everything stored
const set = corpusTips(1, '410100', NEW_TIPS, END, 28);
const t1 = performance.now();
const inBig = await runLabelled(big, set);
log(`labelled set through createTip among the stored tips in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
const freshStore = tempStore();
const fresh = await runLabelled(freshStore, set);
await freshStore.close();
await big.close();

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
figures.push(
  {
    metric: 'candidate search per new tip, p95',
    value: round2(percentile(inBig.searchMs, 95)),
    unit: 'ms',
    note: `against ${stored} stored tips; mean ${mean(inBig.searchMs).toFixed(2)}, p50 ${percentile(inBig.searchMs, 50).toFixed(2)}, max ${Math.max(...inBig.searchMs).toFixed(1)}`,
  },
  { metric: 'candidate search per new tip, mean', value: round2(mean(inBig.searchMs)), unit: 'ms', note: `p50 ${percentile(inBig.searchMs, 50).toFixed(2)} ms; ≤ ${CANDIDATE_SEARCH.perKey} tips per key, ${CANDIDATE_SEARCH.scored} scored` },
  { metric: 'createTip per new tip (search, insert, keys), p95', value: round2(percentile(inBig.intakeMs, 95)), unit: 'ms', note: `mean ${mean(inBig.intakeMs).toFixed(2)}, p50 ${percentile(inBig.intakeMs, 50).toFixed(2)}; one transaction each` },
  {
    metric: `precision, labelled set among ${stored} stored`,
    value: round3(inBig.figures.precision),
    unit: '',
    aim: '≥ 0.8',
    met: inBig.figures.precision >= 0.8,
    note: `${inBig.figures.correct} of ${inBig.figures.proposed} proposed pairs; wrong by role ${JSON.stringify(inBig.figures.wrongByRole)}`,
  },
  {
    metric: `recall, labelled set among ${stored} stored`,
    value: round3(inBig.figures.recall),
    unit: '',
    aim: '≥ 0.8',
    met: inBig.figures.recall >= 0.8,
    note: `${inBig.figures.correct} of ${inBig.figures.pairs} duplicate pairs; ${inBig.namedOutside} of ${set.length} new tips also named a stored (unlabelled) tip`,
  },
  { metric: 'precision, labelled set alone', value: round3(fresh.figures.precision), unit: '', aim: '≥ 0.8', met: fresh.figures.precision >= 0.8, note: `${fresh.figures.correct} of ${fresh.figures.proposed}; an empty store` },
  { metric: 'recall, labelled set alone', value: round3(fresh.figures.recall), unit: '', aim: '≥ 0.8', met: fresh.figures.recall >= 0.8, note: `${fresh.figures.correct} of ${fresh.figures.pairs}` },
  { metric: `storing ${stored} tips with their keys`, value: Math.round(loadMs / 100) / 10, unit: 's', note: 'insertItem + keys, no search, 5,000 per transaction' },
);

report('tips', figures, { storedTips: stored, newTips: set.length, windowDays: DUPLICATE_RULES.windowDays, perKey: CANDIDATE_SEARCH.perKey, scored: CANDIDATE_SEARCH.scored });
for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
