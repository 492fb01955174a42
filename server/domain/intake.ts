import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '#shared/errors';
import { ReporterCodeSchema, type AccidentIntake, type ApplicationIntake, type AppointmentIntake, type TipIntake } from '#shared/contract/api';
import {
  AccidentCaseSchema,
  ApplicationSchema,
  AppointmentSchema,
  ITEM_ID_PREFIX,
  TipSchema,
  unhandledTip,
  type AccidentCase,
  type Application,
  type Appointment,
  type ItemKind,
  type Tip,
} from '#shared/domain/items';
import { cityOf, findUnit, isKnownUnit } from '#shared/domain/units';
import { findAppointmentService } from '#shared/data/appointments';
import { slotOf, slotProblem } from '#shared/rules/appointments';
import { findService } from '#shared/data/catalogue';
import { isValidIdNumber } from '#shared/rules/idNumber';
import { maskIdNumber, maskName, maskPhone } from '#shared/rules/masking';
import { isValidHenanPlate } from '#shared/rules/plates';
import { statutoryDueAt } from '#shared/rules/workdays';
import { scoreTip } from '#shared/rules/tipTriage';
import { tipFacts } from '#shared/rules/tipDuplicates';
import type { ItemAttachment, Repos } from '../store/store';
import { accidentFindings, recordPhotoHashes } from './forensics';
import { findTipCandidates, recordTipKeys } from './tip-candidates';

/**
 * Creating items from the Internet side. HTTP intake and the demo/bench seeder both come through
 * here, so generated data obeys exactly the rules citizens' submissions do. Each takes the
 * transaction it writes in: callers wrap a call (or a chunk of calls) in one store transaction.
 */
export interface Created {
  readonly id: string;
  readonly seq: number;
  /** Tips: the reporter's follow-up code, returned once by the intake response. */
  readonly reporterCode?: string;
}

async function newItemId(db: Repos, kind: ItemKind, unitCode: string): Promise<string> {
  const prefix = ITEM_ID_PREFIX[kind];
  const city = cityOf(unitCode);
  return `${prefix}-${city}-${await db.items.nextNumber(prefix, city)}`;
}

function requireUnit(unitCode: string): void {
  if (!isKnownUnit(unitCode)) throw new AppError('invalid', `unknown unit ${unitCode}`);
}

function requireIdNumber(id: string, who: string): void {
  if (!isValidIdNumber(id)) throw new AppError('bad_id_number', `${who}: the ID number's check character or birth date is wrong`);
}

/** Documents the exchange makes (the determination PDF) are attached by it alone, never sent in. */
function refuseExchangeRoles(attachments: readonly { role: string }[]): void {
  if (attachments.some((a) => a.role === 'determination')) throw new AppError('invalid', 'the determination is attached by the exchange, not sent in');
}

export async function requireBlobs(db: Repos, shas: readonly string[]): Promise<void> {
  for (const sha of new Set(shas)) {
    if (!(await db.blobs.meta(sha))) throw new AppError('invalid', `attachment ${sha} was not uploaded`);
  }
}

const MAX_BACKDATE_MS = 400 * 24 * 3600_000;

/** Intake may backdate (demo data) up to about a year; a future submission time is refused. */
function submittedAtOf(requested: string | undefined, now: Date): string {
  if (requested === undefined) return now.toISOString();
  const at = Date.parse(requested);
  if (at > now.getTime() + 60_000) throw new AppError('invalid', 'submittedAt is in the future');
  if (at < now.getTime() - MAX_BACKDATE_MS) throw new AppError('invalid', 'submittedAt is more than a year ago');
  return new Date(at).toISOString();
}

/**
 * The item built from a valid intake body must itself be valid; if an odd input still slips
 * through (a limit the intake schema does not share), it is the citizen's input that is refused.
 */
function itemOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid', `the submission cannot be stored: ${issue ? `${issue.path.map(String).join('.')} ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** The fields every new item starts with: version 1, unclaimed, no notes, updated when submitted. */
async function freshItem(db: Repos, kind: ItemKind, unitCode: string, status: string, submittedAt: string, dueAt: string | null) {
  return { id: await newItemId(db, kind, unitCode), kind, unitCode, status, version: 1, claimedBy: null, claimExpiresAt: null, submittedAt, dueAt, updatedAt: submittedAt, notes: [] };
}

export async function createApplication(db: Repos, body: ApplicationIntake, now: Date): Promise<Created> {
  const service = findService(body.serviceCode);
  if (!service) throw new AppError('unknown_service', `no service ${body.serviceCode} in the catalogue`);
  requireUnit(body.unitCode);
  requireIdNumber(body.applicant.idNumber, 'applicant');
  const known = new Set(service.materials.map((m) => m.code));
  const unknown = body.materials.find((m) => !known.has(m.code));
  if (unknown) throw new AppError('invalid', `material ${unknown.code} is not one of ${service.code}'s materials`);
  if (!service.delivery.includes(body.delivery)) throw new AppError('invalid', `${service.code} cannot be delivered by ${body.delivery}`);
  if (body.delivery === 'ems' && !body.emsAddress) throw new AppError('invalid', 'EMS delivery needs an address');
  await requireBlobs(db, body.materials.flatMap((m) => (m.sha256 ? [m.sha256] : [])));

  const submittedAt = submittedAtOf(body.submittedAt, now);
  const fresh = await freshItem(db, 'application', body.unitCode, 'submitted', submittedAt, statutoryDueAt(submittedAt, service.limitDays, 0));
  const item: Application = itemOf(ApplicationSchema, {
    ...fresh,
    data: {
      serviceCode: service.code,
      applicant: {
        name: body.applicant.name,
        idNumberMasked: maskIdNumber(body.applicant.idNumber),
        phoneMasked: maskPhone(body.applicant.phone),
        address: body.applicant.address,
      },
      form: body.form,
      materials: body.materials,
      delivery: body.delivery,
      emsAddress: body.delivery === 'ems' ? body.emsAddress : null,
      decision: null,
      supplement: null,
      pausedWorkingDays: 0,
      handedOver: null,
      dispatched: null,
    },
  });
  const attachments: ItemAttachment[] = body.materials.flatMap((m) => (m.sha256 ? [{ sha256: m.sha256, role: `material:${m.code}`, partyIdx: null }] : []));
  const { name, idNumber, phone } = body.applicant;
  const seq = await db.items.insert(item, { applicant: { name, idNumber, phone } }, attachments);
  return { id: item.id, seq };
}

/**
 * A booking at a hall: the service must be an appointment service, the unit a district bureau
 * (each has one "Internet +" window hall), the slot one of the service's and not past at `now`
 * (the booking's instant), with a place left. The slot's start is the item's `dueAt`.
 */
export async function createAppointment(db: Repos, body: AppointmentIntake, now: Date): Promise<Created> {
  const service = findAppointmentService(body.serviceCode);
  if (!service) throw new AppError('unknown_service', `no appointment service ${body.serviceCode}`);
  requireUnit(body.unitCode);
  if (findUnit(body.unitCode)?.level !== 'district') throw new AppError('invalid', `${body.unitCode} is not a district bureau with a service hall`);
  requireIdNumber(body.citizen.idNumber, 'citizen');
  const submittedAt = submittedAtOf(body.submittedAt, now);
  const problem = slotProblem(service, body.slotStart, new Date(submittedAt));
  if (problem) throw new AppError('invalid', `slotStart ${body.slotStart}: ${problem}`);
  const slot = slotOf(service, body.slotStart);
  const booked = await db.items.liveBookings(body.unitCode, service.code, slot.start);
  if (booked >= service.perSlot) throw new AppError('slot_full', `the ${slot.start} slot of ${service.code} at ${body.unitCode} is full (${service.perSlot})`);
  const fresh = await freshItem(db, 'appointment', body.unitCode, 'booked', submittedAt, slot.start);
  const item: Appointment = itemOf(AppointmentSchema, {
    ...fresh,
    data: {
      serviceCode: service.code,
      slot,
      citizen: { name: body.citizen.name, idNumberMasked: maskIdNumber(body.citizen.idNumber), phoneMasked: maskPhone(body.citizen.phone) },
      checkedIn: null,
      served: null,
      noShow: null,
    },
  });
  const { name, idNumber, phone } = body.citizen;
  const seq = await db.items.insert(item, { applicant: { name, idNumber, phone } }, []);
  return { id: item.id, seq };
}

export async function createAccident(db: Repos, body: AccidentIntake, now: Date): Promise<Created> {
  requireUnit(body.unitCode);
  body.parties.forEach((p, i) => {
    requireIdNumber(p.idNumber, `party ${i + 1}`);
    if (p.hasPlate && !isValidHenanPlate(p.plate)) throw new AppError('bad_plate', `party ${i + 1}: ${p.plate} is not a valid Henan plate`);
  });
  const badParty = body.photos.find((p) => p.partyIdx !== null && p.partyIdx >= body.parties.length);
  if (badParty) throw new AppError('invalid', `a photo names party ${badParty.partyIdx} of ${body.parties.length}`);
  if (Date.parse(body.occurredAt) > now.getTime() + 60_000) throw new AppError('invalid', 'occurredAt is in the future');
  refuseExchangeRoles(body.photos);
  await requireBlobs(db, body.photos.map((p) => p.sha256));

  const submittedAt = submittedAtOf(body.submittedAt, now);
  const fresh = await freshItem(db, 'accident', body.unitCode, 'reported', submittedAt, null);
  // photo forensics (server/domain/forensics.ts): judged before this case's hashes are stored
  const findings = await accidentFindings(db, fresh.id, { occurredAt: body.occurredAt, submittedAt, location: body.location }, body.photos);
  const item: AccidentCase = itemOf(AccidentCaseSchema, {
    ...fresh,
    data: {
      occurredAt: body.occurredAt,
      location: body.location,
      parties: body.parties.map((p) => ({
        name: p.name,
        idNumberMasked: maskIdNumber(p.idNumber),
        phoneMasked: maskPhone(p.phone),
        plate: p.plate,
        vehicleType: p.vehicleType,
        insurer: p.insurer,
        hasPlate: p.hasPlate,
        inspectionValid: p.inspectionValid,
        insuranceValid: p.insuranceValid,
        licenceValid: p.licenceValid,
        statement: p.statement,
        situations: p.situations,
      })),
      declared: [...new Set(body.declared)],
      determination: null,
      photoRequest: null,
      referral: null,
      findings,
    },
  });
  const pii = { parties: body.parties.map((p) => ({ name: p.name, idNumber: p.idNumber, phone: p.phone })) };
  const seq = await db.items.insert(item, pii, body.photos);
  await recordPhotoHashes(db, item.id, body.photos);
  return { id: item.id, seq };
}

export interface CreateTipOptions {
  /**
   * The reporter's code, for demo data whose showcase tips need a known one (server/seed); HTTP
   * intake never passes it, so a citizen's code is always random.
   */
  readonly reporterCode?: string;
}

export async function createTip(db: Repos, body: TipIntake, now: Date, opts: CreateTipOptions = {}): Promise<Created> {
  requireUnit(body.unitCode);
  if (body.reporter.idNumber !== null) requireIdNumber(body.reporter.idNumber, 'reporter');
  const badParty = body.attachments.find((a) => a.partyIdx !== null);
  if (badParty) throw new AppError('invalid', 'tip attachments belong to no party');
  refuseExchangeRoles(body.attachments);
  await requireBlobs(db, body.attachments.map((a) => a.sha256));

  const submittedAt = submittedAtOf(body.submittedAt, now);
  const { reporter } = body;
  // An anonymous reporter's identity is not kept at all: there is nothing to reveal or leak.
  const identity = reporter.anonymous ? { name: null, phone: null, idNumber: null } : reporter;
  // duplicate candidates among the city's earlier tips (server/domain/tip-candidates.ts)
  const facts = tipFacts({ category: body.category, content: body.content, location: body.location });
  const candidates = await findTipCandidates(db, { unitCode: body.unitCode, submittedAt }, facts);
  const fresh = await freshItem(db, 'tip', body.unitCode, 'new', submittedAt, null);
  const item: Tip = itemOf(TipSchema, {
    ...fresh,
    data: {
      category: body.category,
      content: body.content,
      location: body.location,
      reporter: {
        anonymous: reporter.anonymous,
        nameMasked: identity.name ? maskName(identity.name) : '',
        phoneMasked: identity.phone ? maskPhone(identity.phone) : '',
      },
      urgency: scoreTip({
        category: body.category,
        content: body.content,
        location: body.location,
        reporter: { anonymous: reporter.anonymous },
        hasAttachments: body.attachments.length > 0,
      }),
      candidates,
      ...unhandledTip(),
    },
  });
  // the reporter's key for follow-ups: shown to them once, kept here only as a hash
  const reporterCode = opts.reporterCode === undefined ? newReporterCode() : ReporterCodeSchema.parse(opts.reporterCode);
  const seq = await db.items.insert(item, { reporter: identity, reporterCodeHash: reporterCodeHash(reporterCode) }, body.attachments);
  await recordTipKeys(db, item.id, { unitCode: body.unitCode, submittedAt }, facts);
  return { id: item.id, seq, reporterCode };
}

/** 12 characters of 32 (no 0/O, 1/I): 60 bits, read out or typed by a citizen (ReporterCodeSchema). */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newReporterCode(): string {
  return Array.from(randomBytes(12), (b) => CODE_ALPHABET[b & 31]).join('');
}
export function reporterCodeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
