import type { TFunction } from 'i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import type { AccidentCase, ExclusionCode } from '#shared/domain/items';
import { canApply } from '#shared/domain/status';
import { missingPhotos, quickProcedureExclusions } from '#shared/rules/quickProcedure';
import { photoName } from './photos';

/**
 * Why accident actions are refused, in words. The refusals themselves are the command core's
 * (shared/rules/effects.ts preconditionOf: exclusions, then missing photos, on decide:determine);
 * its message lists exclusion codes and says parties as "第2方", so the workspace shows these
 * sentences instead, made from the same two rule functions, in both languages.
 */
export function exclusionsOf(item: AccidentCase): ExclusionCode[] {
  return quickProcedureExclusions({ parties: item.data.parties, declared: item.data.declared });
}

export function exclusionNames(codes: readonly ExclusionCode[], t: TFunction): string {
  return codes.map((c) => t(`accidents:exclusion.${c}`)).join(t('accidents:listSeparator'));
}

export function accidentReasonText(action: string, item: AccidentCase, t: TFunction, detail: ItemDetail): string | null {
  // the core names the status by its code: say it as the officer reads it
  if (!canApply(item, action)) return t('workspace:reason.status', { status: t(`domain:status.accident.${item.status}`) });
  if (action !== 'decide:determine') return null;
  const excluded = exclusionsOf(item);
  if (excluded.length > 0) return t('accidents:reason.excluded', { reasons: exclusionNames(excluded, t) });
  const lacking = missingPhotos(detail.attachments, item.data.parties.length);
  if (lacking.length > 0) return t('accidents:reason.missingPhotos', { photos: lacking.map((c) => photoName(c, t)).join(t('accidents:listSeparator')) });
  return null;
}
