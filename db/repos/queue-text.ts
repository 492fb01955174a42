import { findService } from '#shared/data/catalogue';
import type { ItemKind } from '#shared/domain/items';
import { TIP_CATEGORY_NAMES } from '#shared/data/tip-categories';
import { missingPhotos } from '#shared/rules/quickProcedure';

/**
 * What the grid shows in its label column and sorts it by: the service's Chinese name for
 * applications, the category's Chinese name for tips, the plates for accidents. An unknown code
 * shows as itself.
 */
export function displayLabel(kind: ItemKind | string, label: string): string {
  if (kind === 'application') return findService(label)?.name ?? label;
  if (kind === 'tip') return (TIP_CATEGORY_NAMES as Readonly<Record<string, { zh: string }>>)[label]?.zh ?? label;
  return label;
}

/**
 * The text quick search matches (substring, SQL LIKE, so ASCII is case-insensitive): id, the
 * stored label (service code / category / plates), its display name, person, masked ID and, for
 * accidents, the place.
 * Fields are joined with a newline so a search never matches across two of them.
 * Written with every row (items repo) and backfilled by migrations 0040 and 0070 (the place); when
 * you add a field here, existing rows keep the old text until they change again (or add a
 * migration that recomputes it).
 */
export function searchText(
  row: { id: string; kind: ItemKind | string; label: string; person: string; personIdMasked: string; place?: string | null },
  shown: string = displayLabel(row.kind, row.label),
): string {
  return [row.id, row.label, shown === row.label ? '' : shown, row.person, row.personIdMasked, row.place ?? ''].filter((s) => s !== '').join('\n');
}

export function searchTextOfAccidentRow(row: { id: string; label: string; person: string; personIdMasked: string; place: string | null }): string {
  return searchText({ ...row, kind: 'accident' });
}

/**
 * An accident as its queue columns need it, read loosely: a typed AccidentCase fits, and so does
 * whatever JSON an old cache holds (migration 0070 backfills from it). Missing parts count as none.
 */
export interface LooseAccident {
  readonly data?: {
    readonly location?: { readonly address?: unknown } | null;
    readonly parties?: readonly unknown[] | null;
    readonly findings?: readonly unknown[] | null;
    readonly determination?: { readonly decidedAt?: unknown } | null;
    readonly referral?: { readonly at?: unknown } | null;
  } | null;
}

/** The accident columns an item row carries itself (the photo columns follow from `requiredPhotos`, see migration 0070). */
export interface AccidentQueueColumns {
  readonly place: string | null;
  /** JSON list of the required photo codes for the case's parties: `missingPhotos([], partyCount)`. */
  readonly requiredPhotos: string;
  readonly required: readonly string[];
  readonly findingCount: number;
  /** When the case was decided: its determination, else its referral to on-scene handling. */
  readonly clearedAt: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function accidentQueueColumns(a: LooseAccident): AccidentQueueColumns {
  const d = a.data ?? {};
  const parties = Array.isArray(d.parties) ? d.parties.length : 0;
  // with no photos every required one is missing: the required set, in missingPhotos' order
  const required = missingPhotos([], parties);
  return {
    place: str(d.location?.address),
    requiredPhotos: JSON.stringify(required),
    required,
    findingCount: Array.isArray(d.findings) ? d.findings.length : 0,
    clearedAt: str(d.determination?.decidedAt) ?? str(d.referral?.at),
  };
}
