import { z } from 'zod';

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lowercase hex digits');

/** Only these types are accepted on intake; anything else is 415 unsupported_media_type. */
export const AttachmentContentTypeSchema = z.enum(['image/jpeg', 'image/png', 'application/pdf']);
export type AttachmentContentType = z.infer<typeof AttachmentContentTypeSchema>;

export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

/**
 * What an attachment is for. Accident photos follow DOMAIN.md (front-side 45°, rear-side 45°,
 * collision point, plates, licences); application scans are named by catalogue material code.
 */
export const AttachmentRoleSchema = z.union([
  z.enum(['front_side', 'rear_side', 'collision', 'plate', 'driving_licence', 'vehicle_licence', 'scene', 'evidence']),
  /** The accident determination PDF the exchange generates when a determination is applied (server/domain/determination.ts). */
  z.literal('determination'),
  z.string().regex(/^material:[a-z0-9_]{1,40}$/),
]);
export type AttachmentRole = z.infer<typeof AttachmentRoleSchema>;

export const AttachmentMetaSchema = z.object({
  sha256: Sha256Schema,
  itemId: z.string(),
  role: AttachmentRoleSchema,
  /** Accident party index (0-based) the photo belongs to, when it belongs to one. */
  partyIdx: z.number().int().min(0).max(2).nullable(),
  contentType: AttachmentContentTypeSchema,
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  /** EXIF DateTimeOriginal read on intake, UTC ISO; null when the file has none. */
  takenAt: z.string().nullable(),
  gps: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;
