import type { TFunction } from 'i18next';
import type { AccidentCase, PhotoFinding } from '#shared/domain/items';
import { formatAge } from './age';

/**
 * What the exchange's photo forensics noticed, as the officer reads it: a signal to look at,
 * never a verdict (the UI says so wherever findings show). Codes are
 * shared/domain/items.ts FindingCodeSchema; each has a one-line summary and its evidence
 * (FindingEvidenceDialog), all from the finding's own detail and the case — nothing is fetched.
 */

export function minutesText(minutes: number, t: TFunction): string {
  return formatAge(Math.abs(minutes) * 60_000, t);
}

/** `34.746612, 113.625301` — plain coordinates (WGS-84 degrees), six decimals (about 0.1 m). */
export function coordinates(lat: number, lng: number): string {
  return `${lat.toFixed(6)}, ${lng.toFixed(6)}`;
}

/** Great-circle distance in km (for the reported place against a photo's own GPS). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function formatKm(km: number): string {
  return km >= 10 ? km.toFixed(0) : km.toFixed(1);
}

export function findingTitle(f: PhotoFinding, t: TFunction): string {
  return t(`accidents:findings.code.${f.code}`);
}

/** One line on what the finding says. */
export function findingSummary(f: PhotoFinding, t: TFunction): string {
  switch (f.code) {
    case 'exif_missing':
      return t('accidents:findings.summary.exif_missing');
    case 'exif_time_mismatch':
      return t(`accidents:findings.summary.time_${f.detail.relation}`, { duration: minutesText(f.detail.minutes, t) });
    case 'exif_gps_far':
      return t('accidents:findings.summary.exif_gps_far', { km: formatKm(f.detail.km) });
    case 'near_duplicate':
      return sameFile(f)
        ? t('accidents:findings.summary.same_file', { itemId: f.detail.itemId })
        : t('accidents:findings.summary.near_duplicate', { itemId: f.detail.itemId, distance: f.detail.distance });
  }
}

/**
 * The very same file in the other case (same sha256). A perceptual-hash difference of 0 alone is
 * not that: a recompressed or resized copy hashes alike with different bytes.
 */
export function sameFile(f: Extract<PhotoFinding, { code: 'near_duplicate' }>): boolean {
  return f.sha256 === f.detail.sha256;
}

/** The findings of the case that concern one of its photos. */
export function findingsOf(item: AccidentCase, sha256: string): PhotoFinding[] {
  return item.data.findings.filter((f) => f.sha256 === sha256);
}

/** A stable key for a finding (a photo may have several, of different codes). */
export function findingKey(f: PhotoFinding): string {
  return `${f.code}:${f.sha256}:${f.code === 'near_duplicate' ? f.detail.itemId + f.detail.sha256 : ''}`;
}
