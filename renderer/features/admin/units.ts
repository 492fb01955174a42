import { findUnit } from '#shared/domain/units';
import type { Language } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { jurisdictionOf, type UnitOption } from '../dashboard/jurisdiction';

/**
 * Every unit an officer can be placed in: the whole tree from the province down, in tree order
 * (shared/domain/units.ts via the dashboard's jurisdictionOf, as an admin's jurisdiction is), each
 * with its depth for the indent.
 */
export const ALL_UNITS: readonly UnitOption[] = jurisdictionOf({ role: 'admin', unitCode: '410000' });

/** A unit's names in both languages, for the roster's search. */
export function unitNamesOf(code: string): string[] {
  return findUnit(code) ? [localUnitName(code, 'zh-CN'), localUnitName(code, 'en')] : [];
}

/** The unit as a pick-list shows it: name and code. */
export function unitLabel(code: string, lang: Language): string {
  return `${localUnitName(code, lang)} · ${code}`;
}
