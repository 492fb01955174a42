import type { Tip, TipCategory, WorkItem } from '../domain/items';
import { childrenOf, cityOf, findUnit } from '../domain/units';
import { DIVISIONS } from '../data/units';
import { ROUTE_DEADLINE_HOURS, ROUTING_TARGETS } from '../data/tip-routing';

const HOUR_MS = 60 * 60 * 1000;

/** The routed unit's deadline: `hours` when the officer set one, else the category's. */
export function routeDueAt(category: TipCategory, now: Date, hours?: number): string {
  return new Date(now.getTime() + (hours ?? ROUTE_DEADLINE_HOURS[category]) * HOUR_MS).toISOString();
}

/** A routed tip whose unit has not acted by its deadline. */
export function isRouteOverdue(tip: Pick<Tip, 'status' | 'dueAt'>, nowMs: number): boolean {
  return tip.status === 'routed' && tip.dueAt !== null && Date.parse(tip.dueAt) < nowMs;
}

/**
 * The units a tip of `category` filed under `unitCode` is usually routed to, best first
 * (shared/data/tip-routing.ts): the city's division of each kind, or the first station of the
 * tip's district (of the city when the tip names none).
 */
export function routeTargets(category: TipCategory, unitCode: string): string[] {
  const city = cityOf(unitCode);
  const out: string[] = [];
  for (const kind of ROUTING_TARGETS[category]) {
    if (kind === 'station') {
      const unit = findUnit(unitCode);
      const district = unit?.level === 'station' ? unit.parent! : unit?.level === 'district' ? unitCode : null;
      const stations = district ? childrenOf(district) : childrenOf(city).flatMap((d) => (d.level === 'district' ? childrenOf(d.code) : d.level === 'station' ? [d] : []));
      const station = stations.find((u) => u.level === 'station');
      if (station) out.push(station.code);
      continue;
    }
    const division = DIVISIONS.find((d) => d.kind === kind);
    if (division && findUnit(`${city}${division.suffix}`)) out.push(`${city}${division.suffix}`);
  }
  return [...new Set(out)];
}

/**
 * A linked duplicate follows its group's primary: where it was routed, its case number, its
 * closure and its deadline. Status stays `duplicate` (the outcome share counts it there); the
 * exchange writes this to every follower when the primary moves (server/domain/tip-group.ts),
 * and the core when a tip is linked to an already handled primary.
 */
export function followPrimary(follower: Tip, primary: Tip): Tip {
  const { routedTo, routedAt, caseNumber, closure } = primary.data;
  return { ...follower, dueAt: primary.dueAt, data: { ...follower.data, duplicateOf: primary.id, routedTo, routedAt, caseNumber, closure } };
}

/** Whether the primary's move changes what its followers mirror. */
export function groupFieldsChanged(before: WorkItem, after: WorkItem): boolean {
  if (before.kind !== 'tip' || after.kind !== 'tip') return false;
  const a = before.data;
  const b = after.data;
  return before.status !== after.status || before.dueAt !== after.dueAt || a.routedTo !== b.routedTo || a.routedAt !== b.routedAt || a.caseNumber !== b.caseNumber || a.closure !== b.closure;
}
