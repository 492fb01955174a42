import type { TFunction } from 'i18next';
import { MATERIALS } from '#shared/data/catalogue';
import type { Application } from '#shared/domain/items';
import { missingMaterials } from '#shared/rules/effects';

/**
 * The English wording of the core's refusals only applications have (the core says them in
 * Chinese): approving while a listed material has no scan names the materials, from the same
 * `missingMaterials` the core refused with.
 */
export function applicationReasonEn(action: string, item: Application, t: TFunction): string | null {
  if (action !== 'decide:approve') return null;
  const missing = missingMaterials(item);
  if (missing.length === 0) return null;
  return t('applications:reason.missingScans', { names: missing.map((c) => MATERIALS[c]?.nameEn ?? c).join(', ') });
}
