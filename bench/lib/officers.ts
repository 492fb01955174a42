import type { Officer, Role } from '#shared/domain/officers';
import type { ItemKind, WorkItem } from '#shared/domain/items';
import { cityOf } from '#shared/domain/units';
import { BENCH_PER_CITY } from '#server/seed/index';

/**
 * Bench officers who each work their own items: one officer per (city, kind) cell of the seeded
 * data, handed out greedily to the cells with the most items left, so every officer can be given
 * items in its own jurisdiction and role, as in a real province.
 */
const ROLE_OF: Readonly<Record<ItemKind, Role>> = { application: 'clerk', accident: 'traffic', tip: 'intel', appointment: 'clerk' };
const KIND_OF_COUNT = { applications: 'application', accidents: 'accident', tips: 'tip' } as const;

export interface BenchOfficer extends Officer {
  readonly kind: ItemKind;
}

export function workerOfficers(total: number, count: number, itemsPerOfficer: number): BenchOfficer[] {
  const cells: { city: string; kind: ItemKind; left: number }[] = [];
  for (const [city, counts] of Object.entries(BENCH_PER_CITY(total))) {
    for (const [key, kind] of Object.entries(KIND_OF_COUNT)) cells.push({ city, kind, left: counts[key as keyof typeof KIND_OF_COUNT] });
  }
  const out: BenchOfficer[] = [];
  for (let i = 0; i < count; i++) {
    const cell = cells.reduce((a, b) => (b.left > a.left ? b : a));
    if (cell.left < itemsPerOfficer) throw new Error(`not enough items for ${count} officers × ${itemsPerOfficer}`);
    cell.left -= itemsPerOfficer;
    out.push({
      badge: `81${String(i).padStart(4, '0')}`,
      name: `压测${i}`,
      role: ROLE_OF[cell.kind],
      unitCode: cell.city,
      kind: cell.kind,
    });
  }
  return out;
}

/** A province-level supervisor sees every item: the feed reader of the benches. */
export const PROVINCE_SUPERVISOR: Officer = { badge: '890001', name: '压测督察', role: 'supervisor', unitCode: '410000' };
/** A second one, acting as "another officer" whose commands the console must pick up. */
export const OTHER_SUPERVISOR: Officer = { badge: '890002', name: '压测督察二', role: 'supervisor', unitCode: '410000' };

const OPEN = new Set(['submitted', 'reported', 'new']);

/** Gives each officer `n` open, unclaimed items of its kind in its city. */
export function assignItems(officers: readonly BenchOfficer[], items: readonly WorkItem[], n: number): Map<string, WorkItem[]> {
  const pools = new Map<string, WorkItem[]>();
  for (const item of items) {
    if (!OPEN.has(item.status) || item.claimedBy !== null) continue;
    const key = `${item.kind}/${cityOf(item.unitCode)}`;
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = []));
    pool.push(item);
  }
  const out = new Map<string, WorkItem[]>();
  for (const o of officers) {
    const pool = pools.get(`${o.kind}/${o.unitCode}`) ?? [];
    if (pool.length < n) throw new Error(`officer ${o.badge} (${o.kind} ${o.unitCode}) finds only ${pool.length} open items`);
    out.set(o.badge, pool.splice(0, n));
  }
  return out;
}
