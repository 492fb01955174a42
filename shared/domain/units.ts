import { z } from 'zod';
import { UNITS, type UnitRow } from '../data/units';

/** 6-digit region code (province/city/district) or 8-digit station code. */
export const UnitCodeSchema = z.string().regex(/^\d{6}(\d{2})?$/, 'unit code is 6 or 8 digits');
export type UnitCode = z.infer<typeof UnitCodeSchema>;

const BY_CODE = new Map(UNITS.map((u) => [u.code, u]));

export function findUnit(code: string): UnitRow | undefined {
  return BY_CODE.get(code);
}

export function isKnownUnit(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * The prefix every unit under `code` starts with: 410000 → "41", 410100 → "4101",
 * 410105 → "410105", 41010501 → "41010501". Jiyuan (419001) is a city without districts of its own.
 */
export function unitPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether an officer of unit `holder` has jurisdiction over unit `target` (itself or below). */
export function covers(holder: string, target: string): boolean {
  return target.startsWith(unitPrefix(holder));
}

/** The city a unit belongs to (the province for 410000). */
export function cityOf(code: string): string {
  if (code.startsWith('419001')) return '419001';
  if (code === '410000') return code;
  return `${code.slice(0, 4)}00`;
}

export function unitName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** Units directly below `code`. */
export function childrenOf(code: string): UnitRow[] {
  return UNITS.filter((u) => u.parent === code);
}
