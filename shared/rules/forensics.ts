/**
 * Photo forensics of an accident report (DESIGN.md "What the exchange does because it sees
 * everything"): does each photo's EXIF time and place fit the report, and does it look like a
 * photo of another case. Pure: the exchange reads EXIF on upload (server/domain/attachments.ts),
 * hashes the pixels and looks the hashes up in its index (server/domain/forensics.ts), then calls
 * `photoFindings` with what it found. A finding is a signal for the officer, never a verdict: it
 * blocks no command.
 *
 * The thresholds are data. When you change one, re-run tests/unit/server/forensics.test.ts, which
 * prints the measured distances the near-duplicate threshold was chosen from.
 */
import type { PhotoFinding } from '../domain/items';

export interface ForensicsThresholds {
  readonly takenBeforeOccurrenceMin: number;
  readonly takenAfterReportMin: number;
  readonly gpsFarKm: number;
  readonly nearDuplicateDistance: number;
  readonly nearDuplicateConfirmDistance: number;
  readonly nearDuplicatesPerPhoto: number;
}

export const FORENSICS_THRESHOLDS: ForensicsThresholds = {
  /**
   * A photo may be taken this long before the occurrence time the parties report (their own
   * estimate of the crash time, and phone clocks drift) before it is `exif_time_mismatch`.
   */
  takenBeforeOccurrenceMin: 30,
  /** ... and this long after the report was sent (clock skew between the phone and the platform). */
  takenAfterReportMin: 10,
  /** Farther than this from the reported place is `exif_gps_far` (phone GPS and a geocoded address, with room). */
  gpsFarKm: 2,
  /**
   * pHash Hamming distance (of 64) at or under which two photos are `near_duplicate` candidates.
   * Measured on the seed's generated scenes (tests/unit/server/forensics.test.ts prints them): a
   * copy recompressed (JPEG 60), resized to 50 %, brightened 15 % or cropped ~5 % at a corner or
   * centred lies at 0–6 from one of the original's views; different scenes mostly at 14 or more,
   * but flat synthetic close-ups came as near as 4–6 about once in 50k pairs. The index probes
   * radius 1 per 16-bit chunk for six.
   */
  nearDuplicateDistance: 6,
  /**
   * ... and the dHash distance of the same two views at or under which a candidate is confirmed:
   * copies measured 0–8; the chance pHash matches of different scenes 10–20 (10: two street
   * scenes framed alike, pHash 6 apart, in the demo data).
   */
  nearDuplicateConfirmDistance: 8,
  /** At most this many near-duplicate findings per photo (the closest other cases). */
  nearDuplicatesPerPhoto: 3,
};

/**
 * Photos whose EXIF must fit the scene: taken there and then. Licence photos are often older
 * pictures kept on the phone, so their time and place say nothing.
 */
export const EXIF_CHECKED_ROLES: readonly string[] = ['front_side', 'rear_side', 'collision', 'scene', 'plate'];

/**
 * Photos compared by perceptual hash. Plate close-ups and licence photos look alike by design (the
 * same card, the same plate shape), so a hash says nothing about them; only their identical bytes
 * would, and a reused licence photo is caught by the officer's reading of it.
 */
export const HASHED_ROLES: readonly string[] = ['front_side', 'rear_side', 'collision', 'scene'];

export interface ForensicsReport {
  readonly occurredAt: string;
  readonly submittedAt: string;
  readonly location: { readonly lat: number; readonly lng: number };
}

export interface ForensicsPhoto {
  readonly sha256: string;
  readonly role: string;
  readonly takenAt: string | null;
  readonly gps: { readonly lat: number; readonly lng: number } | null;
  /** Other cases' photos within the threshold (any order, any count; the nearest are kept). */
  readonly matches: readonly { readonly itemId: string; readonly sha256: string; readonly distance: number }[];
}

const EARTH_KM = 6371.0088;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The findings of a report's photos, in photo order and, per photo, in FindingCodeSchema order.
 * A photo listed twice (two roles) is judged once. `matches` naming the case itself are the
 * caller's mistake and are dropped here too, so a case never reports its own photos.
 */
export function photoFindings(report: ForensicsReport, photos: readonly ForensicsPhoto[], selfId: string, t: ForensicsThresholds = FORENSICS_THRESHOLDS): PhotoFinding[] {
  const out: PhotoFinding[] = [];
  const seen = new Set<string>();
  const occurred = Date.parse(report.occurredAt);
  const submitted = Date.parse(report.submittedAt);
  for (const photo of photos) {
    if (seen.has(photo.sha256)) continue;
    seen.add(photo.sha256);
    const sha256 = photo.sha256;
    if (EXIF_CHECKED_ROLES.includes(photo.role)) {
      if (photo.takenAt === null) {
        out.push({ code: 'exif_missing', sha256, detail: {} });
      } else {
        const taken = Date.parse(photo.takenAt);
        const early = (occurred - taken) / 60_000;
        const late = (taken - submitted) / 60_000;
        if (early > t.takenBeforeOccurrenceMin) {
          out.push({ code: 'exif_time_mismatch', sha256, detail: { takenAt: photo.takenAt, reportedAt: report.occurredAt, minutes: Math.round(early), relation: 'before_occurrence' } });
        } else if (late > t.takenAfterReportMin) {
          out.push({ code: 'exif_time_mismatch', sha256, detail: { takenAt: photo.takenAt, reportedAt: report.submittedAt, minutes: Math.round(late), relation: 'after_report' } });
        }
      }
      if (photo.gps) {
        const km = distanceKm(photo.gps, report.location);
        if (km > t.gpsFarKm) out.push({ code: 'exif_gps_far', sha256, detail: { km: Math.round(km * 10) / 10, lat: photo.gps.lat, lng: photo.gps.lng } });
      }
    }
    // the nearest photo of each other case, the nearest cases first
    const best = new Map<string, { itemId: string; sha256: string; distance: number }>();
    for (const m of photo.matches) {
      if (m.itemId === selfId || m.distance > t.nearDuplicateDistance) continue;
      const known = best.get(m.itemId);
      if (!known || m.distance < known.distance || (m.distance === known.distance && m.sha256 < known.sha256)) best.set(m.itemId, m);
    }
    const nearest = [...best.values()].sort((a, b) => a.distance - b.distance || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    for (const m of nearest.slice(0, t.nearDuplicatesPerPhoto)) {
      out.push({ code: 'near_duplicate', sha256, detail: { itemId: m.itemId, sha256: m.sha256, distance: m.distance } });
    }
  }
  return out;
}
