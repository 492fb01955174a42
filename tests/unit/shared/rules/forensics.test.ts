import { describe, expect, it } from 'vitest';
import { PhotoFindingSchema } from '#shared/domain/items';
import { FORENSICS_THRESHOLDS, distanceKm, photoFindings, type ForensicsPhoto } from '#shared/rules/forensics';

const SHA = (n: number) => n.toString(16).padStart(64, '0');
const REPORT = { occurredAt: '2026-11-20T02:00:00.000Z', submittedAt: '2026-11-20T02:20:00.000Z', location: { lat: 34.78, lng: 113.68 } };
const HERE = { lat: 34.7801, lng: 113.6802 };
const photo = (n: number, over: Partial<ForensicsPhoto> = {}): ForensicsPhoto => ({ sha256: SHA(n), role: 'front_side', takenAt: '2026-11-20T02:05:00.000Z', gps: HERE, matches: [], ...over });
const minutes = (m: number) => new Date(Date.parse(REPORT.occurredAt) + m * 60_000).toISOString();

describe('photoFindings', () => {
  it('finds nothing in photos taken there and then with no look-alike elsewhere', () => {
    expect(photoFindings(REPORT, [photo(1), photo(2, { role: 'collision' }), photo(3, { role: 'plate' })], 'ACC-410100-1')).toEqual([]);
  });

  it('flags a scene photo without EXIF time, but not a licence photo', () => {
    const found = photoFindings(REPORT, [photo(1, { takenAt: null, gps: null }), photo(2, { role: 'driving_licence', takenAt: null, gps: null })], 'ACC-410100-1');
    expect(found).toEqual([{ code: 'exif_missing', sha256: SHA(1), detail: {} }]);
  });

  it('flags a photo taken more than the set time before the reported occurrence, with the minutes', () => {
    const limit = FORENSICS_THRESHOLDS.takenBeforeOccurrenceMin;
    expect(photoFindings(REPORT, [photo(1, { takenAt: minutes(-limit) })], 'ACC-410100-1')).toEqual([]);
    const found = photoFindings(REPORT, [photo(1, { takenAt: minutes(-5 * 60) })], 'ACC-410100-1');
    expect(found).toEqual([
      { code: 'exif_time_mismatch', sha256: SHA(1), detail: { takenAt: minutes(-300), reportedAt: REPORT.occurredAt, minutes: 300, relation: 'before_occurrence' } },
    ]);
  });

  it('flags a photo taken after the report was sent, beyond the clock skew allowed', () => {
    const after = (m: number) => new Date(Date.parse(REPORT.submittedAt) + m * 60_000).toISOString();
    expect(photoFindings(REPORT, [photo(1, { takenAt: after(FORENSICS_THRESHOLDS.takenAfterReportMin) })], 'X')).toEqual([]);
    const [f] = photoFindings(REPORT, [photo(1, { takenAt: after(90) })], 'X');
    expect(f).toMatchObject({ code: 'exif_time_mismatch', detail: { reportedAt: REPORT.submittedAt, minutes: 90, relation: 'after_report' } });
  });

  it('flags a photo taken far from the reported place, with the distance and where it was taken', () => {
    const far = { lat: 34.78 + 20 / 111.2, lng: 113.68 }; // ~20 km north
    const [f] = photoFindings(REPORT, [photo(1, { gps: far })], 'X');
    expect(f).toMatchObject({ code: 'exif_gps_far', sha256: SHA(1), detail: { lat: far.lat, lng: far.lng } });
    expect(f?.code === 'exif_gps_far' && f.detail.km).toBeCloseTo(20, 0);
    const justInside = { lat: 34.78 + (FORENSICS_THRESHOLDS.gpsFarKm - 0.1) / 111.2, lng: 113.68 };
    expect(photoFindings(REPORT, [photo(1, { gps: justInside })], 'X')).toEqual([]);
  });

  it('names the closest photo of each other case, never the case itself, closest cases first and at most three', () => {
    const t = FORENSICS_THRESHOLDS.nearDuplicateDistance;
    const matches = [
      { itemId: 'ACC-410100-1', sha256: SHA(9), distance: 0 }, // the case itself
      { itemId: 'ACC-410100-2', sha256: SHA(10), distance: 4 },
      { itemId: 'ACC-410100-2', sha256: SHA(11), distance: 2 },
      { itemId: 'ACC-410300-7', sha256: SHA(12), distance: 0 },
      { itemId: 'ACC-410100-3', sha256: SHA(13), distance: t + 1 }, // beyond the threshold
      { itemId: 'ACC-410100-4', sha256: SHA(14), distance: t },
      { itemId: 'ACC-410100-5', sha256: SHA(15), distance: t },
    ];
    const found = photoFindings(REPORT, [photo(1, { matches })], 'ACC-410100-1');
    expect(found.map((f) => f.code === 'near_duplicate' && [f.detail.itemId, f.detail.sha256, f.detail.distance])).toEqual([
      ['ACC-410300-7', SHA(12), 0],
      ['ACC-410100-2', SHA(11), 2],
      ['ACC-410100-4', SHA(14), t],
    ]);
  });

  it('judges a photo sent twice once, and every finding passes its schema', () => {
    const p = photo(1, { takenAt: null, gps: { lat: 30, lng: 110 }, matches: [{ itemId: 'ACC-410100-2', sha256: SHA(2), distance: 1 }] });
    const found = photoFindings(REPORT, [p, { ...p, role: 'rear_side' }], 'ACC-410100-1');
    expect(found.map((f) => f.code)).toEqual(['exif_missing', 'exif_gps_far', 'near_duplicate']);
    for (const f of found) expect(PhotoFindingSchema.parse(f)).toEqual(f);
  });

  it('takes thresholds as data', () => {
    const strict = { ...FORENSICS_THRESHOLDS, gpsFarKm: 0.001 };
    expect(photoFindings(REPORT, [photo(1)], 'X', strict).map((f) => f.code)).toEqual(['exif_gps_far']);
  });
});

describe('distanceKm', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm({ lat: 34.7466, lng: 113.6254 }, { lat: 34.7466, lng: 113.6254 })).toBe(0);
    // Zhengzhou to Luoyang, about 120 km
    expect(distanceKm({ lat: 34.7466, lng: 113.6254 }, { lat: 34.6197, lng: 112.454 })).toBeGreaterThan(100);
    expect(distanceKm({ lat: 34.7466, lng: 113.6254 }, { lat: 34.6197, lng: 112.454 })).toBeLessThan(120);
  });
});
