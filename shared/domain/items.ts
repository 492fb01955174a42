import { z } from 'zod';
import { UnitCodeSchema } from './units';
import { BadgeSchema } from './officers';

/** UTC ISO-8601 instant with a trailing Z; shown in Asia/Shanghai by the console. */
export const IsoSchema = z.iso.datetime();
export const ItemIdSchema = z.string().regex(/^[A-Z]{2,4}-\d{6}-\d{1,9}$/, 'item id like APP-410100-42');

export const ItemKindSchema = z.enum(['application', 'accident', 'tip', 'appointment']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

/** Statuses per kind. The transitions between them are data in shared/domain/status.ts. */
export const ApplicationStatusSchema = z.enum(['submitted', 'supplement_requested', 'approved', 'rejected', 'completed', 'withdrawn']);
export const AccidentStatusSchema = z.enum(['reported', 'photos_requested', 'determined', 'referred', 'closed', 'withdrawn']);
export const TipStatusSchema = z.enum(['new', 'routed', 'case_opened', 'duplicate', 'closed']);
export const AppointmentStatusSchema = z.enum(['booked', 'checked_in', 'served', 'no_show', 'withdrawn']);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;
export type AccidentStatus = z.infer<typeof AccidentStatusSchema>;
export type TipStatus = z.infer<typeof TipStatusSchema>;
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;

export const NoteSchema = z.object({ at: IsoSchema, by: BadgeSchema, text: z.string().min(1).max(2000) });
export type Note = z.infer<typeof NoteSchema>;

/**
 * PII as the officer's cache receives it: masked. The clear value stays on the exchange and is
 * returned only by an audited reveal (POST /api/v1/reveal), so a stolen laptop's cache leaks no
 * full ID numbers, phones or reporter identities.
 */
export const MaskedPersonSchema = z.object({
  name: z.string().max(32),
  idNumberMasked: z.string().max(18),
  phoneMasked: z.string().max(11),
});
export type MaskedPerson = z.infer<typeof MaskedPersonSchema>;

const base = {
  id: ItemIdSchema,
  unitCode: UnitCodeSchema,
  version: z.number().int().min(1),
  claimedBy: BadgeSchema.nullable(),
  claimExpiresAt: IsoSchema.nullable(),
  submittedAt: IsoSchema,
  /** Statutory deadline; moves out by the working days a supplement kept the clock paused. */
  dueAt: IsoSchema.nullable(),
  updatedAt: IsoSchema,
  notes: z.array(NoteSchema).max(200),
};

// ---- applications -------------------------------------------------------------------------------

export const DeliverySchema = z.enum(['window', 'ems']);
export type Delivery = z.infer<typeof DeliverySchema>;

export const RejectReasonCodeSchema = z.enum([
  'not_eligible', // 不符合办理条件
  'materials_false', // 材料虚假
  'duplicate_application', // 重复申请
  'outside_jurisdiction', // 不属本辖区
  'other', // 其他（须填写说明）
]);
export type RejectReasonCode = z.infer<typeof RejectReasonCodeSchema>;

export const ApplicationDataSchema = z.object({
  serviceCode: z.string().min(1).max(40),
  applicant: MaskedPersonSchema.extend({ address: z.string().max(200) }),
  /** Service-specific fields the citizen filled in, by field name. */
  form: z.record(z.string(), z.string().max(500)),
  /** Material codes (from the catalogue) the citizen supplied, each with its scan. */
  materials: z.array(z.object({ code: z.string(), sha256: z.string().nullable() })).max(40),
  delivery: DeliverySchema,
  emsAddress: z.string().max(200).nullable(),
  decision: z
    .object({
      outcome: z.enum(['approved', 'rejected']),
      pickup: DeliverySchema.nullable(),
      reasonCode: RejectReasonCodeSchema.nullable(),
      reasonText: z.string().max(1000).nullable(),
      decidedBy: BadgeSchema,
      decidedAt: IsoSchema,
    })
    .nullable(),
  supplement: z
    .object({ missing: z.array(z.string()).min(1), note: z.string().max(1000), requestedBy: BadgeSchema, requestedAt: IsoSchema })
    .nullable(),
  /** Working days the statutory clock has been paused by supplements so far. */
  pausedWorkingDays: z.number().int().min(0),
  /**
   * Collected at the window: the exchange compared the number typed from the presented ID card with
   * the applicant's and found them equal. The number itself is kept nowhere with the item.
   */
  handedOver: z.object({ at: IsoSchema, by: BadgeSchema, idChecked: z.literal(true) }).nullable(),
  /** Sent by EMS (an approved application with pickup `ems`): the waybill the citizen tracks it by. */
  dispatched: z.object({ waybill: z.string().max(13), at: IsoSchema, by: BadgeSchema }).nullable().default(null),
});
export type ApplicationData = z.infer<typeof ApplicationDataSchema>;

export const ApplicationSchema = z.object({ ...base, kind: z.literal('application'), status: ApplicationStatusSchema, data: ApplicationDataSchema });
export type Application = z.infer<typeof ApplicationSchema>;

// ---- accidents ----------------------------------------------------------------------------------

export const LiabilityClassSchema = z.enum(['full', 'primary', 'equal', 'secondary', 'none']);
export type LiabilityClass = z.infer<typeof LiabilityClassSchema>;

/** Conditions under which the quick procedure does not apply (DOMAIN.md). */
export const ExclusionCodeSchema = z.enum([
  'casualties',
  'no_plate',
  'no_inspection',
  'no_insurance',
  'no_licence',
  'drink_or_drug',
  'public_damage',
  'fled',
  'dangerous_goods',
  'disputed_facts',
]);
export type ExclusionCode = z.infer<typeof ExclusionCodeSchema>;

/** A code from the liability scenario table (shared/data/liability-table.ts). */
export const ScenarioCodeSchema = z.string().regex(/^[a-z_]{2,40}$/);

export const AccidentPartySchema = MaskedPersonSchema.extend({
  plate: z.string().max(10),
  vehicleType: z.string().max(20),
  insurer: z.string().max(40),
  hasPlate: z.boolean(),
  inspectionValid: z.boolean(),
  insuranceValid: z.boolean(),
  licenceValid: z.boolean(),
  statement: z.string().max(2000),
  /** Scenario codes this party declared or the reporter attributed to it. */
  situations: z.array(ScenarioCodeSchema).max(10),
});
export type AccidentParty = z.infer<typeof AccidentPartySchema>;

/**
 * What the exchange's photo forensics noticed about one photo at intake (shared/rules/forensics.ts,
 * server/domain/forensics.ts): a signal for the officer, never a verdict. Codes are stable; when
 * you add one, add its detail here and its label where the console shows findings.
 */
export const FindingCodeSchema = z.enum(['exif_missing', 'exif_time_mismatch', 'exif_gps_far', 'near_duplicate']);
export type FindingCode = z.infer<typeof FindingCodeSchema>;
const FindingPhoto = z.string().regex(/^[0-9a-f]{64}$/);
export const PhotoFindingSchema = z.discriminatedUnion('code', [
  /** The photo carries no EXIF time (stripped, a screenshot, or not a camera photo). */
  z.object({ code: z.literal('exif_missing'), sha256: FindingPhoto, detail: z.object({}) }),
  /**
   * Taken too long before the reported occurrence, or after the report was sent. `reportedAt` is the
   * instant it was compared with (occurredAt or submittedAt); `minutes` how far outside it lies.
   */
  z.object({
    code: z.literal('exif_time_mismatch'),
    sha256: FindingPhoto,
    detail: z.object({ takenAt: IsoSchema, reportedAt: IsoSchema, minutes: z.number().int(), relation: z.enum(['before_occurrence', 'after_report']) }),
  }),
  /** Taken farther than the threshold from the reported place. */
  z.object({ code: z.literal('exif_gps_far'), sha256: FindingPhoto, detail: z.object({ km: z.number(), lat: z.number(), lng: z.number() }) }),
  /** Looks like a photo of another case (perceptual hash within the threshold); distance 0 may be the very same file. */
  z.object({
    code: z.literal('near_duplicate'),
    sha256: FindingPhoto,
    detail: z.object({ itemId: ItemIdSchema, sha256: FindingPhoto, distance: z.number().int().min(0).max(64) }),
  }),
]);
export type PhotoFinding = z.infer<typeof PhotoFindingSchema>;

export const AccidentDataSchema = z.object({
  occurredAt: IsoSchema,
  location: z.object({ address: z.string().max(200), lat: z.number(), lng: z.number() }),
  parties: z.array(AccidentPartySchema).min(2).max(3),
  /** What the parties declared at report time (injuries, drink driving, dispute …). */
  declared: z.array(ExclusionCodeSchema),
  determination: z
    .object({
      liabilities: z.array(LiabilityClassSchema).min(2).max(3),
      proposed: z.array(LiabilityClassSchema).min(2).max(3),
      scenario: ScenarioCodeSchema.nullable(),
      overrideReason: z.string().max(1000).nullable(),
      ruleTableVersion: z.string(),
      decidedBy: BadgeSchema,
      decidedAt: IsoSchema,
    })
    .nullable(),
  photoRequest: z.object({ missing: z.array(z.string()).min(1), note: z.string().max(1000), requestedAt: IsoSchema }).nullable(),
  referral: z.object({ reasons: z.array(ExclusionCodeSchema).min(1), note: z.string().max(1000), at: IsoSchema }).nullable(),
  /** Photo forensics at intake (and on supplied photos). Items stored before findings existed parse as none. */
  findings: z.array(PhotoFindingSchema).max(200).default([]),
});
export type AccidentData = z.infer<typeof AccidentDataSchema>;

export const AccidentCaseSchema = z.object({ ...base, kind: z.literal('accident'), status: AccidentStatusSchema, data: AccidentDataSchema });
export type AccidentCase = z.infer<typeof AccidentCaseSchema>;

// ---- tips ---------------------------------------------------------------------------------------

export const TipCategorySchema = z.enum(['vice', 'fire', 'fraud', 'traffic', 'gang', 'other']);
export type TipCategory = z.infer<typeof TipCategorySchema>;

export const UrgencyLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);
export type UrgencyLevel = z.infer<typeof UrgencyLevelSchema>;

/** Why a tip was proposed as another's duplicate: a matched key (`venue`, `phone` …) and its value. */
export const TipCandidateReasonSchema = z.object({
  code: z.enum(['phone', 'account', 'plate', 'venue', 'house_number', 'road', 'nearby', 'matter', 'text']),
  value: z.string().max(80),
});
export type TipCandidateReason = z.infer<typeof TipCandidateReasonSchema>;
export const TipCandidateSchema = z.object({ tipId: ItemIdSchema, score: z.number().min(0).max(1), reasons: z.array(TipCandidateReasonSchema).max(12) });
export type TipCandidate = z.infer<typeof TipCandidateSchema>;

export const MAX_TIP_MESSAGES = 100;
export const TipMessageSchema = z.object({ at: IsoSchema, from: z.enum(['officer', 'reporter']), by: BadgeSchema.nullable(), text: z.string().min(1).max(1000) });
export type TipMessage = z.infer<typeof TipMessageSchema>;

export const TipDataSchema = z.object({
  category: TipCategorySchema,
  content: z.string().max(5000),
  location: z.object({ address: z.string().max(200), lat: z.number().nullable(), lng: z.number().nullable() }).nullable(),
  /** The reporter is protected: the cache only ever sees this masked form. */
  reporter: z.object({ anonymous: z.boolean(), nameMasked: z.string().max(32), phoneMasked: z.string().max(11) }),
  urgency: z.object({ score: z.number().int().min(0).max(100), level: UrgencyLevelSchema, reasons: z.array(z.string()) }),
  /**
   * Possible duplicates found at intake among the same city's earlier tips (shared/rules/tipDuplicates.ts),
   * best first: the other tip, a score 0..1 and why (stable codes with the matched value).
   */
  candidates: z.array(TipCandidateSchema).max(10),
  /** Tips an officer marked "not a duplicate" of this one, so they are not proposed again. */
  notDuplicates: z.array(ItemIdSchema).max(50),
  /** The group's primary when this tip was linked as its duplicate (it then follows the primary). */
  duplicateOf: ItemIdSchema.nullable(),
  routedTo: UnitCodeSchema.nullable(),
  /** When it was (last) routed; the routed unit's deadline is the item's `dueAt`. */
  routedAt: IsoSchema.nullable(),
  caseNumber: z.string().max(40).nullable(),
  /**
   * The two-way thread with the reporter, oldest first: officers' replies (`by` their badge, never
   * sent out) and the reporter's follow-ups (`by` null). The reporter stays anonymous to officers
   * and officers to the reporter: the Internet side relays the text only.
   */
  messages: z.array(TipMessageSchema).max(MAX_TIP_MESSAGES),
  closure: z.object({ reason: z.string().max(1000), at: IsoSchema, by: BadgeSchema }).nullable(),
});
export type TipData = z.infer<typeof TipDataSchema>;

/** What officers have done to a tip before anything was done: the state every new tip starts in (fresh arrays each call). */
export function unhandledTip(): Pick<TipData, 'notDuplicates' | 'duplicateOf' | 'routedTo' | 'routedAt' | 'caseNumber' | 'messages' | 'closure'> {
  return { notDuplicates: [], duplicateOf: null, routedTo: null, routedAt: null, caseNumber: null, messages: [], closure: null };
}

export const TipSchema = z.object({ ...base, kind: z.literal('tip'), status: TipStatusSchema, data: TipDataSchema });
export type Tip = z.infer<typeof TipSchema>;

// ---- appointments -------------------------------------------------------------------------------

/**
 * A slot booked online at a hall's "Internet +" window for an appointment service (shared/data/
 * appointments.ts). The item's unit is the hall's; `dueAt` is the slot's start, so the queue sorts
 * and filters by it (no deadline clock runs for an appointment).
 */
export const AppointmentDataSchema = z.object({
  serviceCode: z.string().min(1).max(40),
  slot: z.object({ start: IsoSchema, end: IsoSchema }),
  citizen: MaskedPersonSchema,
  checkedIn: z.object({ at: IsoSchema, by: BadgeSchema }).nullable(),
  served: z.object({ at: IsoSchema, by: BadgeSchema }).nullable(),
  noShow: z.object({ at: IsoSchema, by: BadgeSchema }).nullable(),
});
export type AppointmentData = z.infer<typeof AppointmentDataSchema>;

export const AppointmentSchema = z.object({ ...base, kind: z.literal('appointment'), status: AppointmentStatusSchema, data: AppointmentDataSchema });
export type Appointment = z.infer<typeof AppointmentSchema>;

// ---- any item -----------------------------------------------------------------------------------

export const WorkItemSchema = z.discriminatedUnion('kind', [ApplicationSchema, AccidentCaseSchema, TipSchema, AppointmentSchema]);
export type WorkItem = z.infer<typeof WorkItemSchema>;
export type WorkItemStatus = WorkItem['status'];

/** Lease length per kind (DESIGN.md "Claims"). */
export const CLAIM_LEASE_MS: Readonly<Record<ItemKind, number>> = {
  application: 2 * 60 * 60 * 1000,
  accident: 30 * 60 * 1000,
  tip: 4 * 60 * 60 * 1000,
  // the window serves an appointment without claiming it; a lease would only be a formality
  appointment: 15 * 60 * 1000,
};

export const ITEM_ID_PREFIX: Readonly<Record<ItemKind, string>> = { application: 'APP', accident: 'ACC', tip: 'TIP', appointment: 'APT' };

export function kindOfItemId(id: string): ItemKind | undefined {
  const prefix = id.slice(0, id.indexOf('-'));
  return (Object.keys(ITEM_ID_PREFIX) as ItemKind[]).find((k) => ITEM_ID_PREFIX[k] === prefix);
}
