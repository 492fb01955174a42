/**
 * Liability proposal for the quick procedure. The console proposes; the officer confirms or
 * overrides with a reason (the determination records both, plus the table version).
 *
 * Valid combinations (道路交通事故处理程序规定 第六十条: one party at fault bears full liability;
 * several at fault share primary / equal / secondary by their contribution; a party without fault
 * bears none). Generalised to any number of parties as: the parties whose class is not `none`
 * (the "at-fault set") must be non-empty, and
 *   - a set of one bears `full`;
 *   - a set of two or more is either all `equal`, or exactly one `primary` and the rest `secondary`.
 * For two parties that is exactly full/none, primary/secondary, equal/equal. For three it allows
 * e.g. full/none/none, equal/equal/equal, equal/equal/none, primary/secondary/secondary,
 * primary/secondary/none — and refuses primary/equal/…, two `full`s, two `primary`s, all `none`.
 *
 * Proposal rules, first match wins (DOMAIN.md; codes from shared/data/liability-table.ts):
 *   1. art. 61: parties that fled or faked evidence bear full liability (several such: equal
 *      among them); everyone else none. Overrides everything below.                [art61_full_liability | art61_several_parties]
 *   2. A party reversing or rolling back cancels `rear_end` attributed to the others: the front
 *      vehicle that moved backwards into the one behind is at fault, not the follower. [reversing_outranks_rear_end, added]
 *   3. Exactly one party has a fault situation and it is `rear_end`, and another party has a
 *      front-vehicle exception: rear primary, every excepted front party secondary.  [rear_end_front_exception]
 *      (A front party with its own fault situation is simply "at fault": rule 5.)
 *   4. Exactly one party has a fault situation: full for it, none for the rest.      [single_party_at_fault]
 *   5. Several parties have one: equal among them, none for the rest.                [several_parties_at_fault]
 *   6. Nobody has a listed situation: every party `equal`, scenario null.            [no_listed_situation]
 *      This is a placeholder, not a finding: the console shows it as "needs officer judgement"
 *      and the officer must decide (confirming it is an explicit choice).
 * Unknown codes are ignored and reported as [unknown_situation_ignored].
 * Every proposal satisfies isValidLiabilityCombination (property-tested).
 */
import type { LiabilityClass } from '../domain/items';
import {
  CURRENT_LIABILITY_TABLE_VERSION,
  LIABILITY_TABLES,
  type LiabilityScenario,
  type LiabilityTable,
} from '../data/liability-table';

export { CURRENT_LIABILITY_TABLE_VERSION };
export type { LiabilityScenario };

/** Scenarios of the current table: code, zh name, en name, kind, rank. */
export const LIABILITY_SCENARIOS: readonly LiabilityScenario[] = LIABILITY_TABLES[CURRENT_LIABILITY_TABLE_VERSION]!.scenarios;

/** Stable reason codes a proposal may carry (for i18n keys). */
export const LIABILITY_REASON_CODES = [
  'art61_full_liability',
  'art61_several_parties',
  'reversing_outranks_rear_end',
  'rear_end_front_exception',
  'single_party_at_fault',
  'several_parties_at_fault',
  'no_listed_situation',
  'unknown_situation_ignored',
] as const;
export type LiabilityReasonCode = (typeof LIABILITY_REASON_CODES)[number];

export interface LiabilityProposal {
  liabilities: LiabilityClass[];
  /** The scenario that decided the proposal; null when nothing listed applied. */
  scenario: string | null;
  reasons: LiabilityReasonCode[];
  tableVersion: string;
}

function tableFor(version: string): LiabilityTable {
  const table = LIABILITY_TABLES[version];
  if (!table) throw new RangeError(`unknown liability table version: ${version}`);
  return table;
}

export function scenarioByCode(code: string, tableVersion: string = CURRENT_LIABILITY_TABLE_VERSION): LiabilityScenario | undefined {
  return tableFor(tableVersion).scenarios.find((s) => s.code === code);
}

export function isValidLiabilityCombination(classes: readonly LiabilityClass[]): boolean {
  if (classes.length < 2) return false;
  const atFault = classes.filter((c) => c !== 'none');
  if (atFault.length === 0) return false;
  if (atFault.length === 1) return atFault[0] === 'full';
  if (atFault.every((c) => c === 'equal')) return true;
  const primaries = atFault.filter((c) => c === 'primary').length;
  const secondaries = atFault.filter((c) => c === 'secondary').length;
  return primaries === 1 && secondaries === atFault.length - 1;
}

export function proposeLiability(
  parties: readonly { situations: readonly string[] }[],
  tableVersion: string = CURRENT_LIABILITY_TABLE_VERSION,
): LiabilityProposal {
  const table = tableFor(tableVersion);
  if (parties.length < 2) throw new RangeError('a liability proposal needs at least two parties');
  const byCode = new Map(table.scenarios.map((s) => [s.code, s]));
  const reasons: LiabilityReasonCode[] = [];

  // Known scenarios per party, most decisive first.
  const known = parties.map((p) => {
    const list: LiabilityScenario[] = [];
    for (const code of p.situations) {
      const s = byCode.get(code);
      if (!s) {
        if (!reasons.includes('unknown_situation_ignored')) reasons.push('unknown_situation_ignored');
      } else if (!list.includes(s)) list.push(s);
    }
    return list.sort((a, b) => a.rank - b.rank);
  });
  const result = (liabilities: LiabilityClass[], scenario: string | null, reason: LiabilityReasonCode): LiabilityProposal => ({
    liabilities,
    scenario,
    reasons: [reason, ...reasons],
    tableVersion: table.version,
  });
  const ofKind = (i: number, kind: LiabilityScenario['kind']) => known[i]!.filter((s) => s.kind === kind);
  const indices = parties.map((_, i) => i);

  // 1. art. 61
  const art61 = indices.filter((i) => ofKind(i, 'art61').length > 0);
  if (art61.length > 0) {
    const cls: LiabilityClass = art61.length === 1 ? 'full' : 'equal';
    return result(
      indices.map((i) => (art61.includes(i) ? cls : 'none')),
      ofKind(art61[0]!, 'art61')[0]!.code,
      art61.length === 1 ? 'art61_full_liability' : 'art61_several_parties',
    );
  }

  // 2. reversing / rolling back outranks rear_end
  let faults = indices.map((i) => ofKind(i, 'fault'));
  const movedBack = indices.filter((i) => faults[i]!.some((s) => s.code === 'reversing' || s.code === 'rolling_back'));
  if (movedBack.length > 0) {
    const before = faults;
    faults = faults.map((list, i) => (movedBack.includes(i) ? list : list.filter((s) => s.code !== 'rear_end')));
    if (faults.some((list, i) => list.length !== before[i]!.length)) reasons.unshift('reversing_outranks_rear_end');
  }
  const faulted = indices.filter((i) => faults[i]!.length > 0);

  // 3. rear-end with a front-vehicle exception
  if (faulted.length === 1 && faults[faulted[0]!]!.some((s) => s.code === 'rear_end')) {
    const rear = faulted[0]!;
    const fronts = indices.filter((i) => i !== rear && ofKind(i, 'front_exception').length > 0);
    if (fronts.length > 0) {
      return result(
        indices.map((i) => (i === rear ? 'primary' : fronts.includes(i) ? 'secondary' : 'none')),
        'rear_end',
        'rear_end_front_exception',
      );
    }
  }

  // 4. / 5. the local rule table
  if (faulted.length === 1) {
    const only = faulted[0]!;
    return result(indices.map((i) => (i === only ? 'full' : 'none')), faults[only]![0]!.code, 'single_party_at_fault');
  }
  if (faulted.length > 1) {
    const top = faulted.map((i) => faults[i]![0]!).sort((a, b) => a.rank - b.rank)[0]!;
    return result(indices.map((i) => (faulted.includes(i) ? 'equal' : 'none')), top.code, 'several_parties_at_fault');
  }

  // 6. nothing listed: a placeholder the officer must decide on
  return result(indices.map(() => 'equal'), null, 'no_listed_situation');
}
