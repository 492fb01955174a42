import type { TipCategory } from '../domain/items';

/**
 * Names of the tip categories (DOMAIN.md "Tips"), for the queue's label, its quick search and the
 * tips workspace. Data, so the console cache and the renderer show the same words.
 */
export const TIP_CATEGORY_NAMES: Readonly<Record<TipCategory, { readonly zh: string; readonly en: string }>> = {
  vice: { zh: '涉黄赌毒', en: 'Drugs, gambling, prostitution' },
  fire: { zh: '消防安全', en: 'Fire hazard' },
  fraud: { zh: '电信诈骗', en: 'Telecom fraud' },
  traffic: { zh: '交通违法', en: 'Traffic violation' },
  gang: { zh: '涉黑涉恶', en: 'Gang crime' },
  other: { zh: '其他', en: 'Other' },
};
