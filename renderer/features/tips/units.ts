import type { TipCategory } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { childrenOf, cityOf, covers, findUnit, unitName } from '#shared/domain/units';
import { routeTargets } from '#shared/rules/tipRouting';
import { localUnitName } from '../../app/i18n/units';
import type { Language } from '../../app/i18n';

/** Where a unit option sits in the route dialog's list. */
export type RouteGroup = 'proposed' | 'division' | 'district' | 'station';

export interface RouteOption {
  readonly code: string;
  readonly group: RouteGroup;
}

/**
 * The units a tip can be routed to from this officer's desk, in the order the route dialog lists
 * them: the category's usual targets first (shared/rules/tipRouting.ts routeTargets, best first),
 * then the divisions of the officer's city (刑侦、经侦、治安、交警、消防、反诈), then the district
 * bureaus and stations of the officer's jurisdiction (no proposals for a batch of mixed
 * categories: `category` null). Each appears once. The command core decides
 * what is allowed (shared/rules/effects.ts checkRouteTarget: within the jurisdiction, or a
 * division of the officer's own city); this lists only such units.
 */
export function routeOptions(category: TipCategory | null, tipUnit: string, officer: Pick<Officer, 'unitCode'>): RouteOption[] {
  const city = cityOf(officer.unitCode);
  const allowed = (code: string) => {
    const u = findUnit(code);
    return !!u && (covers(officer.unitCode, code) || (u.level === 'division' && cityOf(code) === city));
  };
  const out: RouteOption[] = [];
  const seen = new Set<string>();
  const add = (code: string, group: RouteGroup) => {
    if (seen.has(code) || !allowed(code)) return;
    seen.add(code);
    out.push({ code, group });
  };
  if (category) for (const code of routeTargets(category, tipUnit)) add(code, 'proposed');
  const cityUnits = childrenOf(city);
  for (const u of cityUnits) if (u.level === 'division') add(u.code, 'division');
  for (const u of cityUnits) {
    if (u.level === 'district') {
      add(u.code, 'district');
      for (const s of childrenOf(u.code)) if (s.level === 'station') add(s.code, 'station');
    } else if (u.level === 'station') add(u.code, 'station');
  }
  return out;
}

/**
 * A unit's name without the bureau it belongs to, for a narrow column: 郑州市公安局反电信网络诈骗中心
 * → 反电信网络诈骗中心, 郑州市公安局金水区分局 → 金水区分局; "Anti-Fraud Centre, Zhengzhou Municipal
 * PSB" → "Anti-Fraud Centre". The full name goes in the tooltip.
 */
export function shortUnitName(code: string, lang: Language): string {
  if (lang === 'en') return localUnitName(code, 'en').split(', ')[0] ?? code;
  const name = unitName(code);
  const short = name.replace(/^.+?市公安局/, '');
  return short === '' ? name : short;
}

/** A district's name as the cluster chart labels it: 金水区, "Jinshui". Null: no district known. */
export function districtLabel(code: string | null, lang: Language, unknown: string): string {
  if (code === null) return unknown;
  if (lang === 'en') return (localUnitName(code, 'en').split(', ')[0] ?? code).replace(/ (District )?Branch$/, '').replace(/ District$/, '');
  return unitName(code).replace(/^.+?市公安局/, '').replace(/分局$/, '');
}
