import { findService, SERVICES } from '#shared/data/catalogue';
import type { Language } from './index';

/**
 * Service and material names come from the catalogue (shared/data/catalogue.ts), which carries
 * both languages, so they are not duplicated into the i18n resources.
 */
export function serviceName(code: string, lang: Language): string {
  const s = findService(code);
  if (!s) return code;
  return lang === 'en' ? s.nameEn : s.name;
}

const MATERIALS = new Map<string, { name: string; nameEn: string }>();
for (const s of SERVICES) for (const m of s.materials) if (!MATERIALS.has(m.code)) MATERIALS.set(m.code, m);

/** A material's name by code; material codes mean the same thing in every service. */
export function materialName(code: string, lang: Language): string {
  const m = MATERIALS.get(code);
  if (!m) return code;
  return lang === 'en' ? m.nameEn : m.name;
}
