import type { TFunction } from 'i18next';
import type { TipCandidateReason, TipCategory } from '#shared/domain/items';
import { TIP_CATEGORY_NAMES } from '#shared/data/tip-categories';
import type { Language } from '../../app/i18n';
import { reasonValue } from './matters';

/** A category's name in the UI language (shared/data/tip-categories.ts carries both). */
export function categoryName(category: string, lang: Language): string {
  const names = (TIP_CATEGORY_NAMES as Readonly<Record<string, { zh: string; en: string }>>)[category];
  if (!names) return category;
  return lang === 'en' ? names.en : names.zh;
}

/**
 * One triage reason code (shared/rules/tipTriage.ts, stored with the tip) in words:
 * `category:fraud`, `keyword:money_moving`, `has_location`, `has_attachments`, `anonymous`,
 * `officer_override`. A code this console does not know is shown as it is, never dropped.
 */
export function urgencyReasonText(code: string, t: TFunction, lang: Language): string {
  if (code.startsWith('category:')) return t('tips:urgencyReason.category', { category: categoryName(code.slice('category:'.length), lang) });
  const key = code.startsWith('keyword:') ? `tips:urgencyReason.keyword.${code.slice('keyword:'.length)}` : `tips:urgencyReason.${code}`;
  return t(key, { defaultValue: code });
}

/** The reasons in words, the category's first (it sets the base score), as one line. */
export function urgencyReasonsLine(codes: readonly string[], t: TFunction, lang: Language): string {
  return codes.map((c) => urgencyReasonText(c, t, lang)).join(t('tips:listSeparator'));
}

/** Why a tip was proposed as a duplicate: "同一电话 138…", "同一场所 金色年华KTV", "同一事项：涉毒" … */
export function candidateReasonText(reason: TipCandidateReason, t: TFunction, lang: Language): string {
  const value = reasonValue(reason, lang);
  return t(`tips:candidateReason.${reason.code}`, { value, defaultValue: `${reason.code} ${value}` });
}

/** A candidate's score (0..1) as the officer reads it. */
export function scorePercent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

export const CATEGORY_ORDER: readonly TipCategory[] = ['fraud', 'gang', 'fire', 'vice', 'traffic', 'other'];
