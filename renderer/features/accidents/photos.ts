import type { TFunction } from 'i18next';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { AccidentCase, PhotoFinding } from '#shared/domain/items';
import { missingPhotos, REQUIRED_PHOTO_ROLES } from '#shared/rules/quickProcedure';

/**
 * The photos of a case as the officer checks them: the required set of shared/rules/quickProcedure.ts
 * (case photos once, party photos once per party), which of them are there, and their names.
 * Codes are missingPhotos' (`front_side`, `plate#1`), the same the core refuses a determination
 * with and `request_supplement` names.
 */

const PARTY_ROLES: ReadonlySet<string> = new Set(REQUIRED_PHOTO_ROLES.perParty);
/** Photo roles (DOMAIN.md), in the order the viewer shows them after the required ones. */
const PHOTO_ROLES: ReadonlySet<string> = new Set(['front_side', 'rear_side', 'collision', 'plate', 'driving_licence', 'vehicle_licence', 'scene', 'evidence']);
export const DETERMINATION_ROLE = 'determination';

export function isPhoto(a: Pick<AttachmentMeta, 'role'>): boolean {
  return PHOTO_ROLES.has(a.role);
}

/** The photo's code: its role, with the party for party photos (`plate#1`). */
export function photoCode(a: Pick<AttachmentMeta, 'role' | 'partyIdx'>): string {
  return PARTY_ROLES.has(a.role) && a.partyIdx !== null ? `${a.role}#${a.partyIdx}` : a.role;
}

export function parsePhotoCode(code: string): { role: string; party: number | null } {
  const [role = code, party] = code.split('#');
  return { role, party: party === undefined ? null : Number(party) };
}

/** 甲 乙 丙 / A B C: how parties are named on the determination and everywhere in the console. */
export function partyLetter(idx: number, t: TFunction): string {
  return t(`accidents:party.letter.${idx}`, { defaultValue: String(idx + 1) });
}

/** "甲方号牌", "车头侧前方45°" / "Party B plate", "Front side 45°". */
export function photoName(code: string, t: TFunction): string {
  const { role, party } = parsePhotoCode(code);
  const name = t(`accidents:photo.role.${role}`, { defaultValue: role });
  return party === null ? name : t('accidents:photo.ofParty', { party: partyLetter(party, t), photo: name });
}

/** The viewer's tab label of an attachment. */
export function attachmentName(a: Pick<AttachmentMeta, 'role' | 'partyIdx'>, t: TFunction): string {
  if (a.role === DETERMINATION_ROLE) return t('accidents:photo.determination');
  const code = photoCode(a);
  // a scene photo a party took: its party says who
  if (!PARTY_ROLES.has(a.role) && a.partyIdx !== null) return t('accidents:photo.byParty', { party: partyLetter(a.partyIdx, t), photo: photoName(code, t) });
  return photoName(code, t);
}

export interface ChecklistEntry {
  readonly code: string;
  /** The attachments that fill it (a case photo from any party counts). */
  readonly photos: readonly AttachmentMeta[];
  readonly present: boolean;
  /** Findings of those photos. */
  readonly findings: number;
}

/** Whether `a` fills the required `code` (missingPhotos' rule: case photos any party, party photos that party). */
function fills(a: AttachmentMeta, code: string): boolean {
  const { role, party } = parsePhotoCode(code);
  return a.role === role && (party === null || a.partyIdx === party);
}

/** The required photos of the case, in missingPhotos' order, with what is there. */
export function photoChecklist(item: AccidentCase, attachments: readonly AttachmentMeta[]): ChecklistEntry[] {
  const required = missingPhotos([], item.data.parties.length);
  const missing = new Set(missingPhotos(attachments, item.data.parties.length));
  const bySha = findingsBySha(item.data.findings);
  return required.map((code) => {
    const photos = attachments.filter((a) => fills(a, code));
    return { code, photos, present: !missing.has(code), findings: photos.reduce((n, p) => n + (bySha.get(p.sha256)?.length ?? 0), 0) };
  });
}

/** The case's findings by the photo they are about. */
export function findingsBySha(findings: readonly PhotoFinding[]): Map<string, PhotoFinding[]> {
  const out = new Map<string, PhotoFinding[]>();
  for (const f of findings) {
    const list = out.get(f.sha256);
    if (list) list.push(f);
    else out.set(f.sha256, [f]);
  }
  return out;
}

/** At most three parties (AccidentDataSchema): the required order of three covers every case. */
const MAX_PARTIES = 3;

/**
 * What the viewer shows, in the order an officer checks them: the determination once it has
 * arrived (the result of the case), the required photos in checklist order, then the others.
 */
export function viewerOrder(attachments: readonly AttachmentMeta[]): AttachmentMeta[] {
  const required = missingPhotos([], MAX_PARTIES);
  const rank = (a: AttachmentMeta): number => {
    if (a.role === DETERMINATION_ROLE) return -1;
    const i = required.indexOf(photoCode(a));
    if (i >= 0) return i;
    return required.length + (a.role === 'scene' ? 0 : 1);
  };
  return attachments
    .filter((a) => isPhoto(a) || a.role === DETERMINATION_ROLE)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map((x) => x.a);
}
