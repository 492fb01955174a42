/**
 * When the quick procedure (快处快赔) may be used, and which photos a case needs (DOMAIN.md).
 */
import { ExclusionCodeSchema, type ExclusionCode } from '../domain/items';

export interface QuickProcedurePartyFlags {
  hasPlate: boolean;
  inspectionValid: boolean;
  insuranceValid: boolean;
  licenceValid: boolean;
}

/** Schema order, so the list an officer sees (and a referral stores) is always in the same order. */
const ORDER: readonly ExclusionCode[] = ExclusionCodeSchema.options;

/**
 * Reasons the case must go to on-scene handling: the parties' declarations plus what the party
 * flags show (no plate → no_plate, inspection invalid → no_inspection, insurance invalid →
 * no_insurance, licence invalid → no_licence). Deduplicated, in ExclusionCodeSchema order.
 * Empty means the quick procedure applies.
 */
export function quickProcedureExclusions(a: {
  parties: readonly QuickProcedurePartyFlags[];
  declared: readonly ExclusionCode[];
}): ExclusionCode[] {
  const found = new Set<ExclusionCode>(a.declared);
  for (const p of a.parties) {
    if (!p.hasPlate) found.add('no_plate');
    if (!p.inspectionValid) found.add('no_inspection');
    if (!p.insuranceValid) found.add('no_insurance');
    if (!p.licenceValid) found.add('no_licence');
  }
  return ORDER.filter((code) => found.has(code));
}

/**
 * Photos a case needs before liability is decided. `case` photos show the whole scene and may be
 * uploaded by any party (their partyIdx does not matter); `perParty` photos are needed once for
 * every party, with that party's index.
 */
export const REQUIRED_PHOTO_ROLES = {
  case: ['front_side', 'rear_side', 'collision'],
  perParty: ['plate', 'driving_licence', 'vehicle_licence'],
} as const;

/**
 * Required photos that are missing. Format: a case photo is its role (`front_side`); a party photo
 * is `role#partyIdx` with the 0-based party index used by attachments (`plate#1` = the second
 * party's plate). Order: case roles, then party 0's roles, party 1's, … each in the order above.
 */
export function missingPhotos(photos: readonly { role: string; partyIdx: number | null }[], partyCount: number): string[] {
  const missing: string[] = [];
  for (const role of REQUIRED_PHOTO_ROLES.case) {
    if (!photos.some((p) => p.role === role)) missing.push(role);
  }
  for (let i = 0; i < partyCount; i++) {
    for (const role of REQUIRED_PHOTO_ROLES.perParty) {
      if (!photos.some((p) => p.role === role && p.partyIdx === i)) missing.push(`${role}#${i}`);
    }
  }
  return missing;
}
