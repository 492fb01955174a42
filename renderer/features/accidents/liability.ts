import type { TFunction } from 'i18next';
import type { AccidentCase, LiabilityClass } from '#shared/domain/items';
import { isValidLiabilityCombination, LIABILITY_SCENARIOS, proposeLiability, type LiabilityProposal } from '#shared/rules/liability';
import type { Language } from '../../app/i18n';

/**
 * The liability step as the determine dialog and the liability panel read it. What is proposed,
 * what is valid and what needs a reason are shared/rules/liability.ts (and the command core checks
 * them again); here only the officer's side: the number keys, the two-party shortcut, the wording.
 */

/** In the order of their number keys 1–5 (全部 主要 同等 次要 无). */
export const CLASS_ORDER: readonly LiabilityClass[] = ['full', 'primary', 'equal', 'secondary', 'none'];

export function classOfKey(key: string): LiabilityClass | null {
  return /^[1-5]$/.test(key) ? (CLASS_ORDER[Number(key) - 1] ?? null) : null;
}

/**
 * The class the other party must have for a valid pair (full/none, primary/secondary,
 * equal/equal): with two parties one key sets both.
 */
const COMPLEMENT: Readonly<Record<LiabilityClass, LiabilityClass>> = { full: 'none', none: 'full', primary: 'secondary', secondary: 'primary', equal: 'equal' };

/** Sets party `idx` to `cls`; with two parties the other follows to the only valid partner. */
export function withClass(classes: readonly LiabilityClass[], idx: number, cls: LiabilityClass): LiabilityClass[] {
  const next = [...classes];
  next[idx] = cls;
  if (next.length === 2) next[1 - idx] = COMPLEMENT[cls];
  return next;
}

export function proposalFor(item: AccidentCase): LiabilityProposal {
  return proposeLiability(item.data.parties);
}

/** The proposal is only a placeholder (nobody has a listed situation): the officer judges. */
export function needsJudgement(p: LiabilityProposal): boolean {
  return p.reasons[0] === 'no_listed_situation';
}

export function differsFromProposal(classes: readonly LiabilityClass[], p: LiabilityProposal): boolean {
  return p.liabilities.some((c, i) => classes[i] !== c);
}

export type DetermineProblem = 'incomplete' | 'invalid' | 'reasonMissing';

/** Why the determination cannot be sent yet, or null: the same rules the core applies. */
export function determineProblem(classes: readonly (LiabilityClass | null)[], p: LiabilityProposal, overrideReason: string): DetermineProblem | null {
  if (classes.length !== p.liabilities.length || classes.some((c) => c === null)) return 'incomplete';
  const full = classes as LiabilityClass[];
  if (!isValidLiabilityCombination(full)) return 'invalid';
  if (differsFromProposal(full, p) && overrideReason.trim() === '') return 'reasonMissing';
  return null;
}

/** A scenario's name in the officer's language; unknown codes as themselves. */
export function scenarioName(code: string | null, lang: Language, t: TFunction): string {
  if (code === null) return t('accidents:liability.noScenario');
  const s = LIABILITY_SCENARIOS.find((x) => x.code === code);
  if (!s) return code;
  return lang === 'en' ? s.nameEn : s.name;
}

export function className(cls: LiabilityClass, t: TFunction): string {
  return t(`accidents:liability.class.${cls}`);
}
