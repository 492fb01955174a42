import { describe, expect, it } from 'vitest';
import { ExclusionCodeSchema } from '#shared/domain/items';
import { REQUIRED_PHOTO_ROLES, missingPhotos, quickProcedureExclusions } from '#shared/rules/quickProcedure';

const ok = { hasPlate: true, inspectionValid: true, insuranceValid: true, licenceValid: true };

describe('quick-procedure exclusions', () => {
  it('allows the quick procedure when nothing is declared and every party is in order', () => {
    expect(quickProcedureExclusions({ parties: [ok, ok], declared: [] })).toEqual([]);
  });

  it('maps each party flag to its exclusion', () => {
    expect(quickProcedureExclusions({ parties: [{ ...ok, hasPlate: false }, ok], declared: [] })).toEqual(['no_plate']);
    expect(quickProcedureExclusions({ parties: [ok, { ...ok, inspectionValid: false }], declared: [] })).toEqual(['no_inspection']);
    expect(quickProcedureExclusions({ parties: [ok, { ...ok, insuranceValid: false }], declared: [] })).toEqual(['no_insurance']);
    expect(quickProcedureExclusions({ parties: [{ ...ok, licenceValid: false }, ok], declared: [] })).toEqual(['no_licence']);
  });

  it('merges declarations with flags, without duplicates, in the schema order', () => {
    const got = quickProcedureExclusions({
      parties: [{ ...ok, licenceValid: false, hasPlate: false }, { ...ok, licenceValid: false }, ok],
      declared: ['disputed_facts', 'no_licence', 'casualties', 'casualties'],
    });
    expect(got).toEqual(['casualties', 'no_plate', 'no_licence', 'disputed_facts']);
  });

  it('passes every declared code through', () => {
    const all = ExclusionCodeSchema.options;
    expect(quickProcedureExclusions({ parties: [ok, ok], declared: [...all].reverse() })).toEqual(all);
  });
});

describe('required photos', () => {
  const complete = (parties: number) => [
    ...REQUIRED_PHOTO_ROLES.case.map((role) => ({ role, partyIdx: null })),
    ...Array.from({ length: parties }, (_, i) => REQUIRED_PHOTO_ROLES.perParty.map((role) => ({ role, partyIdx: i }))).flat(),
  ];

  it('lists the three scene photos and three per-party documents', () => {
    expect(REQUIRED_PHOTO_ROLES.case).toEqual(['front_side', 'rear_side', 'collision']);
    expect(REQUIRED_PHOTO_ROLES.perParty).toEqual(['plate', 'driving_licence', 'vehicle_licence']);
  });

  it('finds nothing missing in a complete set', () => {
    expect(missingPhotos(complete(2), 2)).toEqual([]);
    expect(missingPhotos(complete(3), 3)).toEqual([]);
  });

  it('names everything when there are no photos, scene first then by party', () => {
    expect(missingPhotos([], 2)).toEqual([
      'front_side',
      'rear_side',
      'collision',
      'plate#0',
      'driving_licence#0',
      'vehicle_licence#0',
      'plate#1',
      'driving_licence#1',
      'vehicle_licence#1',
    ]);
  });

  it('accepts scene photos uploaded by any party', () => {
    const photos = complete(2).map((p) => (p.role === 'collision' ? { ...p, partyIdx: 1 } : p));
    expect(missingPhotos(photos, 2)).toEqual([]);
  });

  it('needs each party document for the right party', () => {
    const photos = complete(2).filter((p) => !(p.role === 'plate' && p.partyIdx === 1));
    expect(missingPhotos(photos, 2)).toEqual(['plate#1']);
    // a second plate photo of party 0 does not stand in for party 1's
    expect(missingPhotos([...photos, { role: 'plate', partyIdx: 0 }], 2)).toEqual(['plate#1']);
  });

  it('asks for the third party documents only when there is a third party', () => {
    expect(missingPhotos(complete(2), 3)).toEqual(['plate#2', 'driving_licence#2', 'vehicle_licence#2']);
  });
});
