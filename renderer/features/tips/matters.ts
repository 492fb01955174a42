import type { TipCandidateReason, TipCategory } from '#shared/domain/items';
import { MATTERS } from '#shared/rules/tipDuplicates';
import type { Language } from '../../app/i18n';

/**
 * English names of the matters a duplicate candidate can agree on. shared/rules/tipDuplicates.ts
 * MATTERS carries the stable code, the Chinese label and the words; like the unit names
 * (app/i18n/units.ts) the English ones live beside the renderer. When you add a matter there, add
 * it here (tests/unit/renderer/tips-reasons.test.ts lists what must exist).
 */
export const MATTER_EN: Readonly<Record<string, string>> = {
  drugs: 'drugs',
  gambling: 'gambling',
  prostitution: 'prostitution',
  exit_blocked: 'blocked exits',
  ebike_charging: 'e-bike charging',
  gas: 'gas',
  equipment: 'fire equipment',
  fireworks: 'fireworks',
  burning: 'fire or smoke',
  wiring: 'wiring',
  fake_police: 'fake police',
  brushing: 'click farming',
  loan: 'fake loans',
  customer_service: 'fake customer service',
  investment: 'investment',
  romance: 'online dating',
  acquaintance: 'fake acquaintance',
  den: 'fraud den',
  red_light: 'red light',
  wrong_way: 'wrong way',
  racing: 'street racing',
  drunk: 'drink driving',
  overload: 'overloading',
  muck_truck: 'muck trucks',
  parking: 'illegal parking',
  protection: 'protection money',
  debt: 'violent debt collection',
  monopoly: 'market bullying',
  brawl: 'brawls',
  obstruction: 'obstruction',
  missing_person: 'missing person',
  data_sale: 'selling personal data',
  domestic: 'domestic violence',
  noise: 'noise',
};

const ALL = Object.values(MATTERS).flat();

/** A matter code in words (the code itself when this console does not know it). */
export function matterName(code: string, lang: Language): string {
  if (lang === 'en') return MATTER_EN[code] ?? code;
  return ALL.find((m) => m.code === code)?.label ?? code;
}

/** A reason's value as the officer reads it: a matter by its name, a text similarity as a percentage. */
export function reasonValue(reason: TipCandidateReason, lang: Language): string {
  if (reason.code === 'matter') return matterName(reason.value, lang);
  if (reason.code === 'text' && /^\d(\.\d+)?$/.test(reason.value)) return `${Math.round(Number(reason.value) * 100)}%`;
  return reason.value;
}

/**
 * What to mark in both texts for a candidate's reasons: the matched values as they occur in the
 * text, and for a shared matter the words of that matter; a distance or a similarity is not text.
 */
export function matchWords(reasons: readonly TipCandidateReason[], category: TipCategory): string[] {
  return reasons.flatMap((r) => {
    if (r.code === 'nearby' || r.code === 'text') return [];
    if (r.code === 'matter') return [...(MATTERS[category].find((m) => m.code === r.value)?.words ?? [])];
    return [r.value];
  });
}
