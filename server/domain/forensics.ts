import sharp from 'sharp';
import type { PhotoFinding } from '#shared/domain/items';
import { HASHED_ROLES, photoFindings, type ForensicsPhoto, type ForensicsReport } from '#shared/rules/forensics';
import { viewHashes } from '#shared/rules/phash';
import type { PhotoViews, Repos } from '../store/store';
import { MAX_IMAGE_PIXELS } from './attachments';

/**
 * Photo forensics on the exchange (DESIGN.md: the exchange sees every case in the province, a
 * console only its jurisdiction): EXIF time and place against the report, and perceptual-hash
 * near-duplicates against every stored accident photo. The rules and thresholds are
 * shared/rules/forensics.ts; the hash and its index shared/rules/phash.ts; the stored hashes and
 * the loaded index the store (store/sqlite/forensics.ts).
 *
 * Two steps, because decoding is slow (sharp, tens of milliseconds) and must not hold intake's
 * transaction open:
 * 1. `hashPhotos` decodes the photos an intake will name and keeps their hashes in a cache keyed
 *    by sha256 — content-addressed, so an entry is true for ever and the cache needs no
 *    invalidation. The HTTP path runs it before the intake handler (the preHandler in app.ts);
 *    the demo seeder runs it over its generated photos (server/seed/index.ts).
 * 2. `accidentFindings` (inside the intake transaction) looks each photo up in the index and
 *    judges its EXIF; `recordPhotoHashes` then stores the case's hashes.
 * A photo whose bytes never went through step 1 (a bulk load that skips decoding, as the bench
 * does) gets its EXIF findings but no near-duplicate check; one that fails to decode, or is too
 * flat to hash, gets no hash at all. Neither is an error.
 */

/**
 * Pixels sharp may decode per photo: intake's own limit (attachments.ts refuses larger images on
 * upload), so a photo stored before that check existed is not decoded either.
 */
export const MAX_DECODE_PIXELS = MAX_IMAGE_PIXELS;
/** The photo is reduced to this square (greyscale) once; the hash views are averaged from it. */
const DECODE_SIDE = 128;
const CACHE_MAX = 20_000;

const cache = new Map<string, PhotoViews | null>();

function remember(sha256: string, views: PhotoViews | null): void {
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(sha256, views);
}

/** The perceptual hashes of a photo's bytes, or null when it cannot be decoded or is too flat. Never throws. */
export async function photoViewsOf(bytes: Buffer): Promise<PhotoViews | null> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'error' })
      .rotate() // as the officer sees it: EXIF orientation applied
      .resize(DECODE_SIDE, DECODE_SIDE, { fit: 'fill' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // raw output keeps an alpha channel or a colour space sharp could not reduce: take the first
    const grey = info.channels === 1 ? new Uint8Array(data.buffer, data.byteOffset, data.length) : Uint8Array.from({ length: info.width * info.height }, (_, i) => data[i * info.channels]!);
    return viewHashes(grey, info.width, info.height);
  } catch {
    // a truncated or hostile file, or one over the pixel limit: no hash, and intake goes on
    return null;
  }
}

/** Whether a photo role is compared by hash (shared/rules/forensics.ts HASHED_ROLES). */
export function isHashedRole(role: string): boolean {
  return HASHED_ROLES.includes(role);
}

/**
 * Step 1: decodes and caches the hashes of the given photos (hashed roles only) that are not yet
 * known. Photos whose blob is missing are left alone (intake refuses them). Returns how many were decoded.
 */
export async function hashPhotos(db: Repos, photos: readonly { sha256: string; role: string }[]): Promise<number> {
  let decoded = 0;
  for (const sha256 of new Set(photos.filter((p) => isHashedRole(p.role)).map((p) => p.sha256))) {
    if (cache.has(sha256) || (await db.forensics.photoViews(sha256))) continue;
    const bytes = await db.blobs.read(sha256);
    if (!bytes) continue;
    remember(sha256, await photoViewsOf(bytes));
    decoded++;
  }
  return decoded;
}

/**
 * Step 1 for photos whose bytes the caller holds (the demo seeder, before its items are ingested):
 * decodes them, a few at a time (libvips runs each on its own thread), into the cache.
 */
export async function rememberPhotoViews(photos: readonly { sha256: string; bytes: Buffer }[], concurrency = 4): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < photos.length) {
      const p = photos[next++]!;
      if (!cache.has(p.sha256)) remember(p.sha256, await photoViewsOf(p.bytes));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, photos.length) }, worker));
}

/** The known hashes of a photo: stored with an earlier case, or decoded by `hashPhotos`. */
async function knownViews(db: Repos, sha256: string): Promise<PhotoViews | null | undefined> {
  return (await db.forensics.photoViews(sha256)) ?? cache.get(sha256);
}

export interface IntakePhoto {
  readonly sha256: string;
  readonly role: string;
}

/**
 * Step 2, inside the intake transaction: the findings of `photos` for the case `itemId`. Reads the
 * photos' EXIF from their blob metadata (read on upload, server/domain/attachments.ts) and their
 * hashes from step 1. Call before `recordPhotoHashes`, so a case is never compared with itself.
 */
export async function accidentFindings(db: Repos, itemId: string, report: ForensicsReport, photos: readonly IntakePhoto[]): Promise<PhotoFinding[]> {
  const input: ForensicsPhoto[] = [];
  for (const p of photos) {
    const meta = await db.blobs.meta(p.sha256);
    const views = isHashedRole(p.role) ? await knownViews(db, p.sha256) : null;
    input.push({ sha256: p.sha256, role: p.role, takenAt: meta?.takenAt ?? null, gps: meta?.gps ?? null, matches: views ? await db.forensics.nearPhotos(views) : [] });
  }
  return photoFindings(report, input, itemId);
}

/** Stores the hashes of the case's hashed photos, so later cases are compared with them. */
export async function recordPhotoHashes(db: Repos, itemId: string, photos: readonly IntakePhoto[]): Promise<void> {
  const rows: { sha256: string; views: PhotoViews }[] = [];
  for (const p of photos) {
    if (!isHashedRole(p.role) || rows.some((r) => r.sha256 === p.sha256)) continue;
    const views = await knownViews(db, p.sha256);
    if (views) rows.push({ sha256: p.sha256, views });
  }
  await db.forensics.addPhotoHashes(itemId, rows);
}

/**
 * The photos an intake request names, for step 1 before its handler runs: an accident report's
 * photos, or a supplement's photo codes (`front_side`, `plate#1`; application material codes name
 * no hashed role and are skipped).
 */
export function photosOfIntakeBody(body: unknown): IntakePhoto[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as { photos?: unknown; materials?: unknown };
  const out: IntakePhoto[] = [];
  if (Array.isArray(b.photos)) for (const p of b.photos as { sha256?: unknown; role?: unknown }[]) if (typeof p.sha256 === 'string' && typeof p.role === 'string') out.push({ sha256: p.sha256, role: p.role });
  if (Array.isArray(b.materials)) {
    for (const m of b.materials as { sha256?: unknown; code?: unknown }[]) {
      if (typeof m.sha256 === 'string' && typeof m.code === 'string') out.push({ sha256: m.sha256, role: m.code.split('#')[0] ?? '' });
    }
  }
  return out;
}
