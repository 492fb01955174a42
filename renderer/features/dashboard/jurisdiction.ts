import { childrenOf, findUnit } from '#shared/domain/units';
import type { Officer } from '#shared/domain/officers';

/** A unit the officer may pick, with its depth below the officer's own unit (for the indent). */
export interface UnitOption {
  readonly code: string;
  readonly depth: number;
}

/**
 * The units whose figures an officer may read, in tree order: their own unit and every unit below
 * it (shared/domain/units.ts), depth first, so a district's stations follow the district. Admins
 * read everything: the province down. The exchange decides again (server/domain/stats.ts
 * statsUnitFor); this only offers what it would allow.
 */
export function jurisdictionOf(officer: Pick<Officer, 'role' | 'unitCode'>): UnitOption[] {
  const root = officer.role === 'admin' ? '410000' : officer.unitCode;
  if (!findUnit(root)) return [];
  const out: UnitOption[] = [];
  const walk = (code: string, depth: number) => {
    out.push({ code, depth });
    // districts before the city's divisions and stations: the order the unit tree is read in
    const kids = childrenOf(code).sort((a, b) => levelOrder(a.level) - levelOrder(b.level) || a.code.localeCompare(b.code));
    for (const k of kids) walk(k.code, depth + 1);
  };
  walk(root, 0);
  return out;
}

const LEVELS = ['province', 'city', 'district', 'station', 'division'] as const;
function levelOrder(level: (typeof LEVELS)[number]): number {
  return LEVELS.indexOf(level);
}
