import { AccidentCaseSchema, type AccidentCase, type AccidentParty, type PhotoFinding } from '#shared/domain/items';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { ItemDetail } from '#shared/contract/bridge';
import type { Officer } from '#shared/domain/officers';
import { REQUIRED_PHOTO_ROLES } from '#shared/rules/quickProcedure';

export const TRAFFIC: Officer = { badge: '100002', name: '李建国', role: 'traffic', unitCode: '410100' };
export const NOW = new Date('2026-11-26T08:00:00.000Z');

export function party(over: Partial<AccidentParty> = {}): AccidentParty {
  return {
    name: '张*',
    idNumberMasked: '4101**********123X',
    phoneMasked: '138****5678',
    plate: '豫A12345',
    vehicleType: '小型轿车',
    insurer: '人保财险',
    hasPlate: true,
    inspectionValid: true,
    insuranceValid: true,
    licenceValid: true,
    statement: '',
    situations: [],
    ...over,
  };
}

export function accident(over: { parties?: AccidentParty[]; declared?: AccidentCase['data']['declared']; findings?: PhotoFinding[]; status?: AccidentCase['status']; claimedBy?: string | null } = {}): AccidentCase {
  const claimedBy = over.claimedBy === undefined ? TRAFFIC.badge : over.claimedBy;
  return AccidentCaseSchema.parse({
    id: 'ACC-410100-7',
    kind: 'accident',
    unitCode: '410105',
    version: 2,
    status: over.status ?? 'reported',
    claimedBy,
    claimExpiresAt: claimedBy ? '2026-11-26T08:30:00.000Z' : null,
    submittedAt: '2026-11-26T07:50:00.000Z',
    dueAt: null,
    updatedAt: '2026-11-26T07:55:00.000Z',
    notes: [],
    data: {
      occurredAt: '2026-11-26T07:40:00.000Z',
      location: { address: '郑州市金水区花园路', lat: 34.78, lng: 113.68 },
      parties: over.parties ?? [party({ situations: ['rear_end'] }), party({ plate: '豫A54321' })],
      declared: over.declared ?? [],
      determination: null,
      photoRequest: null,
      referral: null,
      findings: over.findings ?? [],
    },
  });
}

let n = 0;
export function photo(role: string, partyIdx: number | null, itemId = 'ACC-410100-7', contentType: AttachmentMeta['contentType'] = 'image/jpeg'): AttachmentMeta {
  return { sha256: (n++).toString(16).padStart(64, '0'), itemId, role: role as AttachmentMeta['role'], partyIdx, contentType, size: 100, takenAt: null, gps: null };
}

/** Every required photo of a case with `parties` parties. */
export function fullSet(parties: number, itemId = 'ACC-410100-7'): AttachmentMeta[] {
  return [
    ...REQUIRED_PHOTO_ROLES.case.map((r) => photo(r, null, itemId)),
    ...Array.from({ length: parties }, (_, i) => REQUIRED_PHOTO_ROLES.perParty.map((r) => photo(r, i, itemId))).flat(),
  ];
}

export function detailOf(item: AccidentCase, attachments: AttachmentMeta[]): ItemDetail {
  return { item, rev: 1, claimedByName: null, attachments, pending: [], conflicts: [] };
}
