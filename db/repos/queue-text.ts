import { findService } from '#shared/data/catalogue';
import type { ItemKind } from '#shared/domain/items';
import { TIP_CATEGORY_NAMES } from '#shared/data/tip-categories';

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
 * stored label (service code / category / plates), its display name, person and masked ID.
 * Fields are joined with a newline so a search never matches across two of them.
 * Written with every row (items repo) and backfilled by migration 0040; when you add a field here,
 * existing rows keep the old text until they change again (or add a migration that recomputes it).
 */
export function searchText(
  row: { id: string; kind: ItemKind | string; label: string; person: string; personIdMasked: string },
  shown: string = displayLabel(row.kind, row.label),
): string {
  return [row.id, row.label, shown === row.label ? '' : shown, row.person, row.personIdMasked].filter((s) => s !== '').join('\n');
}
