import type { TipCategory } from '../domain/items';
import type { DivisionKind } from './units';

/**
 * How tips are routed (DOMAIN.md "Tips"), as data. A routed unit has until `dueAt` to act: the
 * officer may set another deadline, else the category's below. Fraud is shortest because the
 * money can still be stopped while it moves; traffic tips are evidence, not emergencies.
 */
export const ROUTE_DEADLINE_HOURS: Readonly<Record<TipCategory, number>> = {
  fraud: 2,
  gang: 24,
  fire: 24,
  vice: 72,
  other: 120,
  traffic: 168,
};

/**
 * Where a category's tips usually go, best first: a city division of that kind, or (`station`)
 * the police station of the tip's own district. The console proposes the first; any unit of the
 * officer's jurisdiction can be chosen.
 */
export type RouteTargetKind = DivisionKind | 'station';
export const ROUTING_TARGETS: Readonly<Record<TipCategory, readonly RouteTargetKind[]>> = {
  vice: ['public_order', 'station'],
  fire: ['fire', 'station'],
  fraud: ['anti_fraud', 'economic'],
  traffic: ['traffic', 'station'],
  gang: ['criminal', 'public_order'],
  other: ['station', 'public_order'],
};
