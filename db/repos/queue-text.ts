import { findService } from '#shared/data/catalogue';
import type { ItemKind } from '#shared/domain/items';
import { TIP_CATEGORY_NAMES } from '#shared/data/tip-categories';
import { missingPhotos } from '#shared/rules/quickProcedure';
import { childrenOf, cityOf, findUnit } from '#shared/domain/units';

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
 * stored label (service code / category / plates), its display name, person, masked ID, for
 * accidents and tips the place, and for tips the first TIP_SEARCH_CONTENT_CHARS of the text.
 * Fields are joined with a newline so a search never matches across two of them.
 * Written with every row (items repo) and backfilled by migrations 0040, 0070 and 0080 (place, text); when
 * you add a field here, existing rows keep the old text until they change again (or add a
 * migration that recomputes it).
 */
export function searchText(
  row: { id: string; kind: ItemKind | string; label: string; person: string; personIdMasked: string; place?: string | null; text?: string | null },
  shown: string = displayLabel(row.kind, row.label),
): string {
  return [row.id, row.label, shown === row.label ? '' : shown, row.person, row.personIdMasked, row.place ?? '', row.text ?? ''].filter((s) => s !== '').join('\n');
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

/**
 * A tip as its queue columns need it, read loosely like LooseAccident (migration 0080 backfills
 * from whatever JSON an old cache holds; a typed Tip fits too).
 */
export interface LooseTip {
  readonly unitCode?: unknown;
  readonly data?: {
    readonly location?: { readonly address?: unknown } | null;
    readonly urgency?: { readonly score?: unknown; readonly reasons?: unknown } | null;
    readonly routedTo?: unknown;
    readonly duplicateOf?: unknown;
    readonly candidates?: readonly unknown[] | null;
  } | null;
}

/** The tip columns an item row carries (migration 0080); the group size is counted on read (db/repos/items.ts). */
export interface TipQueueColumns {
  readonly place: string | null;
  readonly urgencyScore: number | null;
  /** The reason codes (`category:fraud`, `keyword:money_moving` …), comma-joined: the queue shows them. */
  readonly urgencyReasons: string;
  readonly routedTo: string | null;
  readonly duplicateOf: string | null;
  readonly candidateCount: number;
  /** JSON list of the candidate tips' ids, so "which tips propose this one" is a lookup, not a parse of every tip. */
  readonly candidateIds: string | null;
  readonly district: string | null;
}

/**
 * The district a tip belongs to, for "where tips cluster": its unit's district when it is filed
 * under a district or a station; otherwise (filed under a city, or routed to a city division,
 * which says nothing about the place) the district of that city its address names; else null.
 */
export function tipDistrict(unitCode: string, address: string | null): string | null {
  const unit = findUnit(unitCode);
  if (unit?.level === 'district') return unit.code;
  if (unit?.level === 'station') return unit.parent;
  if (!address) return null;
  for (const d of districtNamesOf(cityOf(unitCode))) if (address.startsWith(d.spelled) || address.startsWith(d.name)) return d.code;
  return null;
}

const DISTRICT_NAMES = new Map<string, readonly { code: string; name: string; spelled: string }[]>();
/** A city's districts as addresses spell them: 郑州市公安局金水区分局 → 金水区 and 郑州市金水区. */
function districtNamesOf(city: string): readonly { code: string; name: string; spelled: string }[] {
  let out = DISTRICT_NAMES.get(city);
  if (!out) {
    const cityName = findUnit(city)?.name.replace(/公安局$/, '') ?? '';
    out = childrenOf(city)
      .filter((d) => d.level === 'district')
      .map((d) => {
        const name = d.name.replace(/^.*公安局/, '').replace(/分局$/, '');
        return { code: d.code, name, spelled: `${cityName}${name}` };
      })
      .filter((d) => d.name !== '');
    DISTRICT_NAMES.set(city, out);
  }
  return out;
}

export function tipQueueColumns(t: LooseTip): TipQueueColumns {
  const d = t.data ?? {};
  const score = d.urgency?.score;
  const reasons = Array.isArray(d.urgency?.reasons) ? (d.urgency.reasons as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const ids = Array.isArray(d.candidates)
    ? d.candidates.flatMap((c) => {
        const id = (c as { tipId?: unknown } | null)?.tipId;
        return typeof id === 'string' ? [id] : [];
      })
    : [];
  const place = str(d.location?.address);
  const unitCode = typeof t.unitCode === 'string' ? t.unitCode : '';
  return {
    place,
    urgencyScore: typeof score === 'number' && Number.isFinite(score) ? score : null,
    urgencyReasons: reasons.join(','),
    routedTo: str(d.routedTo),
    duplicateOf: str(d.duplicateOf),
    candidateCount: ids.length,
    candidateIds: ids.length > 0 ? JSON.stringify(ids) : null,
    district: tipDistrict(unitCode, place),
  };
}

/** How much of a tip's text quick search reads: enough for the words an officer remembers. */
export const TIP_SEARCH_CONTENT_CHARS = 500;
