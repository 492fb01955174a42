import type { TipCandidate } from '#shared/domain/items';
import { cityOf } from '#shared/domain/units';
import { DUPLICATE_RULES, lookupKeys, rankCandidates, tipFacts, type TipFacts } from '#shared/rules/tipDuplicates';
import type { Repos } from '../store/store';

/**
 * Duplicate candidates of a tip at intake (shared/rules/tipDuplicates.ts), among the earlier tips
 * of its city within the window: the exchange sees every tip of the province, a console only its
 * jurisdiction. Candidates are found by the tip's lookup keys (venues, house numbers, roads,
 * identifiers) in the store's key table, an indexed lookup, and only those few are scored.
 *
 * A frequent key (a long road, a chain's name) must not make the search read thousands of tips:
 * each key gives at most `perKey` of its newest tips, and the tips found are ranked by how rare
 * the keys they share are (a house number shared by three tips counts for more than a road shared
 * by fifty) before the best `scored` are read and scored. A key at its cap counts as frequent.
 *
 * Runs inside the intake's transaction (server/domain/intake.ts createTip): the candidates are
 * written into the new tip's data before it is inserted, its keys recorded after.
 */
export const CANDIDATE_SEARCH = {
  /** Newest tips read per key. */
  perKey: 60,
  /** Tips read and scored per new tip. */
  scored: 40,
} as const;

const DAY_MS = 86_400_000;

export interface NewTip {
  readonly unitCode: string;
  readonly submittedAt: string;
}

export async function findTipCandidates(db: Repos, tip: NewTip, facts: TipFacts, search: typeof CANDIDATE_SEARCH = CANDIDATE_SEARCH): Promise<TipCandidate[]> {
  const keys = lookupKeys(facts);
  if (keys.length === 0) return [];
  const city = cityOf(tip.unitCode);
  const at = Date.parse(tip.submittedAt);
  const window = DUPLICATE_RULES.windowDays * DAY_MS;
  const from = new Date(at - window).toISOString();
  const to = new Date(at + window).toISOString();

  const weight = new Map<string, number>();
  for (const key of new Set(keys)) {
    const ids = await db.tipKeys.byKey(city, key, from, to, search.perKey);
    // rarer keys weigh more; a key at its cap may have many more tips than it gave
    const w = 1 / (ids.length >= search.perKey ? ids.length * 4 : ids.length);
    for (const id of ids) weight.set(id, (weight.get(id) ?? 0) + w);
  }
  const best = [...weight.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, search.scored)
    .map(([id]) => id);
  const earlier = (await db.tipKeys.matchInputs(best)).map((t) => ({ id: t.id, submittedAt: t.submittedAt, facts: tipFacts(t) }));
  return rankCandidates(facts, earlier);
}

/** Records the new tip's keys, so later tips find it. */
export function recordTipKeys(db: Repos, tipId: string, tip: NewTip, facts: TipFacts): Promise<void> {
  return db.tipKeys.record(tipId, cityOf(tip.unitCode), tip.submittedAt, lookupKeys(facts));
}
