import { createHash } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import { AppError } from '#shared/errors';
import { AttachmentContentTypeSchema, MAX_ATTACHMENT_BYTES, type AttachmentContentType } from '#shared/domain/attachments';
import type { BlobMeta } from '../store/store';

/** The type the bytes really are, by magic number; null when none of the accepted types. */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | null {
  const starts = (sig: readonly number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

/** EXIF times carry no zone; phones on the platform are set to Asia/Shanghai (UTC+8). */
function exifTimeToIso(raw: unknown, offset: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

async function readExif(bytes: Buffer): Promise<Pick<BlobMeta, 'takenAt' | 'gps'>> {
  try {
    const tags = (await exifr.parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      reviveValues: false,
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
    })) as Record<string, unknown> | undefined;
    if (!tags) return { takenAt: null, gps: null };
    const lat = typeof tags.latitude === 'number' ? tags.latitude : null;
    const lng = typeof tags.longitude === 'number' ? tags.longitude : null;
    const gps = lat !== null && lng !== null && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
    return { takenAt: exifTimeToIso(tags.DateTimeOriginal, tags.OffsetTimeOriginal), gps };
  } catch {
    // A photo with broken EXIF is still a photo; it just has no time or place.
    return { takenAt: null, gps: null };
  }
}

/**
 * The most pixels an uploaded photo or scan may have: every console that opens it decodes it
 * (64 Mpx is ~256 MB as RGBA), and a phone's photo is 12–50 Mpx. The same bound caps the
 * exchange's own decode for forensics.
 */
export const MAX_IMAGE_PIXELS = 64_000_000;

/**
 * Reads only the image header (no decode): an image whose header cannot be read, has no size, or
 * is larger than MAX_IMAGE_PIXELS is refused, so no console is handed a decompression bomb.
 */
async function checkImageHeader(bytes: Buffer): Promise<void> {
  let meta: { width?: number; height?: number };
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('unsupported_media_type', 'the bytes are not a readable image');
  }
  const { width = 0, height = 0 } = meta;
  if (width <= 0 || height <= 0) throw new AppError('unsupported_media_type', 'the image has no size');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError('payload_too_large', `the image is ${width}×${height} pixels; at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted`);
  }
}

/**
 * Checks an uploaded attachment and works out its metadata. The declared type must be one we
 * accept (415) and must match the bytes' magic number (415 too: a PNG sent as JPEG is refused, so
 * the console never renders bytes under the wrong type).
 */
export async function inspectAttachment(bytes: Buffer, declaredType: string | undefined): Promise<BlobMeta> {
  const declared = AttachmentContentTypeSchema.safeParse((declaredType ?? '').split(';')[0]!.trim().toLowerCase());
  if (!declared.success) throw new AppError('unsupported_media_type', 'attachments must be image/jpeg, image/png or application/pdf');
  if (bytes.length === 0) throw new AppError('invalid', 'the attachment is empty');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', `attachments are at most ${MAX_ATTACHMENT_BYTES} bytes`);
  const actual = sniffContentType(bytes);
  if (actual !== declared.data) {
    throw new AppError('unsupported_media_type', `the bytes are ${actual ?? 'not an accepted type'}, not ${declared.data}`);
  }
  if (actual !== 'application/pdf') await checkImageHeader(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const exif = actual === 'image/jpeg' ? await readExif(bytes) : { takenAt: null, gps: null };
  return { sha256, contentType: actual, size: bytes.length, ...exif };
}
