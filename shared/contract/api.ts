import { z } from 'zod';
import { OfficerSchema, BadgeSchema, RoleSchema } from '../domain/officers';
import { UnitCodeSchema } from '../domain/units';
import {
  DeliverySchema,
  ExclusionCodeSchema,
  IsoSchema,
  ItemIdSchema,
  RejectReasonCodeSchema,
  ScenarioCodeSchema,
  TipCategorySchema,
  WorkItemSchema,
} from '../domain/items';
import { CommandSchema, CommandResultSchema } from '../domain/commands';
import { AttachmentContentTypeSchema, AttachmentMetaSchema, AttachmentRoleSchema, Sha256Schema } from '../domain/attachments';

/**
 * The exchange's HTTP contract (DESIGN.md "Exchange API v1"). Every route of server/ declares its
 * request and response with these schemas, and the console's exchange client parses every response
 * with the same ones. Request bodies are strict: unknown fields are 400 `invalid`.
 */
export const API_PREFIX = '/api/v1';

export const HealthResponseSchema = z.object({ ok: z.literal(true), version: z.string() });

// ---- auth ---------------------------------------------------------------------------------------
export const LoginRequestSchema = z.strictObject({ badge: BadgeSchema, password: z.string().min(1).max(128) });
export const LoginResponseSchema = z.object({ token: z.string(), expiresAt: IsoSchema, officer: OfficerSchema });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export const OkResponseSchema = z.object({ ok: z.literal(true) });
export const MeResponseSchema = z.object({ officer: OfficerSchema });
/** The officers of the caller's city (names for "claimed by"); no secrets, no login state. */
export const OfficerDirectoryResponseSchema = z.object({ officers: z.array(OfficerSchema).max(20_000) });

// ---- changes feed -------------------------------------------------------------------------------
export const ChangesQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export const ChangesResponseSchema = z.object({
  items: z.array(WorkItemSchema),
  /** Ids that left the caller's scope (routed away, withdrawn): drop them from any cache. */
  removed: z.array(ItemIdSchema),
  /** Attachment metadata of the items in this page. */
  attachments: z.array(AttachmentMetaSchema),
  next: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;

export const WaitQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0),
  timeoutMs: z.coerce.number().int().min(0).max(60_000).default(25_000),
});
/** `latest` is the newest seq the caller may care about; `changed` is false on time-out. */
export const WaitResponseSchema = z.object({ latest: z.number().int().min(0), changed: z.boolean() });

// ---- commands -----------------------------------------------------------------------------------
export const MAX_COMMANDS_PER_BATCH = 100;
export const CommandsRequestSchema = z.strictObject({ commands: z.array(CommandSchema).min(1).max(MAX_COMMANDS_PER_BATCH) });
export const CommandsResponseSchema = z.object({ results: z.array(CommandResultSchema) });
export type CommandsResponse = z.infer<typeof CommandsResponseSchema>;

// ---- reveal (audited) ---------------------------------------------------------------------------
export const RevealFieldSchema = z.enum(['idNumber', 'phone', 'reporter']);
export type RevealField = z.infer<typeof RevealFieldSchema>;
export const RevealRequestSchema = z.strictObject({
  itemId: ItemIdSchema,
  field: RevealFieldSchema,
  /** Accident party index; for applications and tips leave it out. */
  partyIdx: z.number().int().min(0).max(2).optional(),
  reason: z.string().trim().min(2).max(200),
});
export type RevealRequest = z.infer<typeof RevealRequestSchema>;
export const RevealResponseSchema = z.object({ value: z.string() });

// ---- audit --------------------------------------------------------------------------------------
export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
});

/** An action as the exchange writes it: `claim`, `decide:approve`, `officer_lock`, `reveal` … */
const AUDIT_ACTION = '[a-z_]{1,40}(?::[a-z_]{1,40})?';
export const MAX_AUDIT_PAGE = 500;
/**
 * GET /api/v1/audit: newest first, `before` a seq cursor (the previous page's `next`). `action` is
 * one action or a comma list; a bare `decide` also matches every `decide:<outcome>`. The period is
 * `[from, to)` over the entry's instant. Supervisors get the entries about items of their
 * jurisdiction and those whose actor is an officer of it; admins every entry; anyone else `forbidden`.
 */
export const AuditQuerySchema = z
  .strictObject({
    actor: z.union([BadgeSchema, z.literal('intake')]).optional(),
    itemId: ItemIdSchema.optional(),
    action: z
      .string()
      .max(1000)
      .regex(new RegExp(`^${AUDIT_ACTION}(?:,${AUDIT_ACTION}){0,39}$`), 'actions like claim or decide:approve, comma separated (at most 40)')
      .optional(),
    from: IsoSchema.optional(),
    to: IsoSchema.optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
/**
 * One entry as written (detail is the JSON the writer stored: a reveal has the field, party and
 * reason and never the value; a hand-over the ID number masked). `actorName` from the officers
 * table (null for `intake` and unknown badges). Fields are plain strings so a tampered row is still
 * shown as it stands; a detail that is not JSON any more comes as `{ unreadable: <text> }`.
 */
export const AuditLogEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  itemId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;
/** `next` is the `before` of the following page (the last entry's seq) when `hasMore`. */
export const AuditListResponseSchema = z.object({
  entries: z.array(AuditLogEntrySchema).max(MAX_AUDIT_PAGE),
  hasMore: z.boolean(),
  next: z.number().int().min(1).nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

// ---- intake (the Internet side, with its own key in the x-intake-key header) ---------------------
export const INTAKE_KEY_HEADER = 'x-intake-key';

const PhoneSchema = z.string().regex(/^1[3-9]\d{9}$/, 'mainland mobile number');
const NameSchema = z.string().trim().min(1).max(32).regex(/^[\p{Script=Han}·A-Za-z ]+$/u, 'a name has letters only');
/** Shape only; the GB 11643 checksum is checked by the exchange (code `bad_id_number`). */
const IdNumberSchema = z.string().regex(/^\d{17}[\dX]$/, 'resident ID number: 17 digits and a check character');
const SafeText = (max: number) =>
  z.string().max(max).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed');

export const AttachmentUploadResponseSchema = z.object({ sha256: Sha256Schema, size: z.number().int(), contentType: AttachmentContentTypeSchema });

const IntakeAttachmentSchema = z.strictObject({
  sha256: Sha256Schema,
  role: AttachmentRoleSchema,
  partyIdx: z.number().int().min(0).max(2).nullable().default(null),
});

export const ApplicationIntakeSchema = z.strictObject({
  serviceCode: z.string().min(1).max(40),
  unitCode: UnitCodeSchema,
  applicant: z.strictObject({ name: NameSchema, idNumber: IdNumberSchema, phone: PhoneSchema, address: SafeText(200) }),
  form: z.record(z.string().max(40), SafeText(500)).default({}),
  materials: z.array(z.strictObject({ code: z.string().min(1).max(40), sha256: Sha256Schema.nullable() })).max(40),
  delivery: DeliverySchema,
  emsAddress: SafeText(200).nullable().default(null),
  /** Only the demo generator backdates; real intake leaves it out and gets "now". */
  submittedAt: IsoSchema.optional(),
});
export type ApplicationIntake = z.infer<typeof ApplicationIntakeSchema>;

export const AccidentIntakeSchema = z.strictObject({
  unitCode: UnitCodeSchema,
  occurredAt: IsoSchema,
  location: z.strictObject({ address: SafeText(200), lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  parties: z
    .array(
      z.strictObject({
        name: NameSchema,
        idNumber: IdNumberSchema,
        phone: PhoneSchema,
        plate: z.string().max(10),
        vehicleType: SafeText(20),
        insurer: SafeText(40),
        hasPlate: z.boolean(),
        inspectionValid: z.boolean(),
        insuranceValid: z.boolean(),
        licenceValid: z.boolean(),
        statement: SafeText(2000),
        situations: z.array(ScenarioCodeSchema).max(10),
      }),
    )
    .min(2)
    .max(3),
  declared: z.array(ExclusionCodeSchema).default([]),
  photos: z.array(IntakeAttachmentSchema).max(30),
  submittedAt: IsoSchema.optional(),
});
export type AccidentIntake = z.infer<typeof AccidentIntakeSchema>;

export const TipIntakeSchema = z.strictObject({
  unitCode: UnitCodeSchema,
  category: TipCategorySchema,
  content: SafeText(5000).pipe(z.string().min(5)),
  location: z
    .strictObject({ address: SafeText(200), lat: z.number().min(-90).max(90).nullable(), lng: z.number().min(-180).max(180).nullable() })
    .nullable()
    .default(null),
  reporter: z.strictObject({
    anonymous: z.boolean(),
    name: NameSchema.nullable(),
    phone: PhoneSchema.nullable(),
    idNumber: IdNumberSchema.nullable(),
  }),
  attachments: z.array(IntakeAttachmentSchema).max(10).default([]),
  submittedAt: IsoSchema.optional(),
});
export type TipIntake = z.infer<typeof TipIntakeSchema>;

/**
 * A slot booked online at a hall's window for an appointment service (shared/data/appointments.ts):
 * `slotStart` must be one of the service's slots (shared/rules/appointments.ts `slotProblem`), the
 * unit a district bureau (its hall). A full slot is `slot_full`.
 */
export const AppointmentIntakeSchema = z.strictObject({
  serviceCode: z.string().min(1).max(40),
  unitCode: UnitCodeSchema,
  slotStart: IsoSchema,
  citizen: z.strictObject({ name: NameSchema, idNumber: IdNumberSchema, phone: PhoneSchema }),
  submittedAt: IsoSchema.optional(),
});
export type AppointmentIntake = z.infer<typeof AppointmentIntakeSchema>;

/**
 * A created item's id; for a tip also the reporter's code (shown to the reporter once, kept on the
 * exchange only as a hash): with the tip's id it is their key for follow-ups, so the reporter
 * stays anonymous to officers and needs no account.
 */
export const IntakeResponseSchema = z.object({ id: ItemIdSchema, reporterCode: z.string().optional() });
export const ReporterCodeSchema = z.string().regex(/^[2-9A-HJ-NP-Z]{12}$/, 'reporter code: 12 characters');
/** A reporter's follow-up to their tip, relayed by the Internet side. */
export const TipFollowUpIntakeSchema = z.strictObject({ itemId: ItemIdSchema, reporterCode: ReporterCodeSchema, text: SafeText(1000).pipe(z.string().min(1)) });
export type TipFollowUpIntake = z.infer<typeof TipFollowUpIntakeSchema>;

export const WithdrawIntakeSchema = z.strictObject({ itemId: ItemIdSchema, reason: SafeText(500) });
export const SupplementIntakeSchema = z.strictObject({
  itemId: ItemIdSchema,
  materials: z.array(z.strictObject({ code: z.string().min(1).max(60), sha256: Sha256Schema })).min(1).max(40),
});

// ---- outbound (the Internet side reads what citizens must be told, with the intake key) ----------
export const OutboundQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
/** A tip's outcome as the reporter hears it: handed to a unit, a case opened, closed, merged with an earlier report. */
export const TipOutcomeSchema = z.enum(['routed', 'case_opened', 'closed', 'duplicate']);
export type TipOutcome = z.infer<typeof TipOutcomeSchema>;
const outbound = { seq: z.number().int().min(1), at: IsoSchema, itemId: ItemIdSchema };
/**
 * One event a citizen must hear about, as the Internet side relays it. No officer identity and no
 * personal data beyond what the citizen sent: ids, codes, the notice texts written for the citizen,
 * and the determination document's sha256 (GET outboundDocument). When you add an event, record it
 * in server/domain/outbound.ts.
 */
export const OutboundNotificationSchema = z.discriminatedUnion('event', [
  z.object({ ...outbound, kind: z.literal('accident'), event: z.literal('determination_ready'), pdfSha256: Sha256Schema }),
  z.object({ ...outbound, kind: z.literal('accident'), event: z.literal('photos_requested'), missing: z.array(z.string()).min(1), note: z.string() }),
  z.object({ ...outbound, kind: z.literal('accident'), event: z.literal('referred'), reasons: z.array(ExclusionCodeSchema).min(1) }),
  z.object({ ...outbound, kind: z.literal('application'), event: z.literal('approved'), pickup: DeliverySchema }),
  z.object({ ...outbound, kind: z.literal('application'), event: z.literal('rejected'), reasonCode: RejectReasonCodeSchema, reasonText: z.string().nullable() }),
  z.object({ ...outbound, kind: z.literal('application'), event: z.literal('supplement_requested'), materials: z.array(z.string()).min(1), note: z.string() }),
  /** Sent by EMS: the waybill the citizen tracks the delivery by. */
  z.object({ ...outbound, kind: z.literal('application'), event: z.literal('dispatched'), waybill: z.string() }),
  /** An officer's reply to the reporter: the text only, never who wrote it. */
  z.object({ ...outbound, kind: z.literal('tip'), event: z.literal('tip_reply'), text: z.string() }),
  /** What became of the tip (for a linked duplicate: of its group); the Internet side words it. */
  z.object({ ...outbound, kind: z.literal('tip'), event: z.literal('tip_outcome'), outcome: TipOutcomeSchema }),
]);
export type OutboundNotification = z.infer<typeof OutboundNotificationSchema>;
export type OutboundEvent = OutboundNotification['event'];
export const OutboundResponseSchema = z.object({ notifications: z.array(OutboundNotificationSchema), next: z.number().int().min(0), hasMore: z.boolean() });
export type OutboundResponse = z.infer<typeof OutboundResponseSchema>;

// ---- statistics, the weekly report (supervisors: their jurisdiction; admins: everything) --------
/** A period's bounds: UTC ISO instants, `from` inclusive, `to` exclusive. */
export const StatsQuerySchema = z
  .strictObject({ unit: UnitCodeSchema.optional(), from: IsoSchema, to: IsoSchema })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

/** Decided on time ÷ decided (DOMAIN.md "timely-handling rate"); null when nothing was decided. */
const Rate = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);
const ApplicationFigures = { received: Count, decided: Count, decidedOnTime: Count, timelyRate: Rate, overdueOpen: Count };
/** Nearest-rank median and 90th percentile; null when nothing happened in the period. */
export const DurationSchema = z.object({ count: Count, median: z.number().nullable(), p90: z.number().nullable() });
export const TipOutcomeCountsSchema = z.object({ pending: Count, routed: Count, case_opened: Count, unfounded: Count, duplicate: Count });
export type TipOutcomeCounts = z.infer<typeof TipOutcomeCountsSchema>;
export const SatisfactionSchema = z.object({ count: Count, average: z.number().min(1).max(5).nullable() });

/**
 * The figures of one unit's jurisdiction over one period, computed by SQL on the exchange.
 * `byUnit` rolls the jurisdiction up to the units directly below it (items filed at the unit itself
 * count under the unit); `overdueOpen` is as of `asOf` (applications whose clock runs, past their
 * deadline). Applications decided count by the decision's instant, received by submission.
 */
export const StatsResponseSchema = z.object({
  unit: z.object({ code: UnitCodeSchema, name: z.string() }),
  from: IsoSchema,
  to: IsoSchema,
  asOf: IsoSchema,
  applications: z.object({
    ...ApplicationFigures,
    approved: Count,
    rejected: Count,
    byService: z.array(z.object({ serviceCode: z.string(), name: z.string(), ...ApplicationFigures })),
    byUnit: z.array(z.object({ unitCode: UnitCodeSchema, name: z.string(), ...ApplicationFigures })),
    byOfficer: z.array(z.object({ badge: BadgeSchema, name: z.string(), decided: Count, decidedOnTime: Count, timelyRate: Rate })),
  }),
  accidents: z.object({
    reported: Count,
    determined: Count,
    referred: Count,
    /** Minutes from the report to the determination, of the cases determined in the period. */
    minutesToDetermination: DurationSchema,
    determinedWithin5Min: Count,
    /** determinedWithin5Min ÷ determined; null when none was determined. */
    shareWithin5Min: Rate,
    byUnit: z.array(z.object({ unitCode: UnitCodeSchema, name: z.string(), reported: Count, determined: Count, referred: Count, determinedWithin5Min: Count })),
  }),
  tips: z.object({
    received: Count,
    /** Outcomes of the tips received in the period, as they stand now. */
    outcomes: TipOutcomeCountsSchema,
    byCategory: z.array(z.object({ category: TipCategorySchema, received: Count, outcomes: TipOutcomeCountsSchema })),
    /** Hours from submission to routing, of the tips routed in the period (linked duplicates excluded). */
    hoursToRouting: DurationSchema,
    byUnit: z.array(z.object({ unitCode: UnitCodeSchema, name: z.string(), received: Count, outcomes: TipOutcomeCountsSchema })),
  }),
  /** Citizens' ratings given in the period. */
  satisfaction: SatisfactionSchema.extend({
    byService: z.array(z.object({ serviceCode: z.string(), name: z.string(), count: Count, average: z.number().min(1).max(5).nullable() })),
    byUnit: z.array(z.object({ unitCode: UnitCodeSchema, name: z.string(), count: Count, average: z.number().min(1).max(5).nullable() })),
  }),
});
export type StatsResponse = z.infer<typeof StatsResponseSchema>;

/** A month of Asia/Shanghai time. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month as YYYY-MM');
export const ServiceUsageQuerySchema = z.strictObject({ unit: UnitCodeSchema.optional(), month: MonthSchema });
/**
 * A service's use in one month (every service of the catalogue, the unused too, plus the accident
 * and tip channels' ratings), so poorly used or poorly rated services stand out: `flags` names
 * why one does (server/domain/stats.ts thresholds).
 */
export const ServiceUsageFlagSchema = z.enum(['unused', 'low_use', 'low_rating']);
export const ServiceUsageResponseSchema = z.object({
  unit: z.object({ code: UnitCodeSchema, name: z.string() }),
  month: MonthSchema,
  from: IsoSchema,
  to: IsoSchema,
  services: z.array(
    z.object({
      serviceCode: z.string(),
      name: z.string(),
      received: Count,
      decided: Count,
      decidedOnTime: Count,
      timelyRate: Rate,
      ratings: SatisfactionSchema,
      flags: z.array(ServiceUsageFlagSchema),
    }),
  ),
});
export type ServiceUsageResponse = z.infer<typeof ServiceUsageResponseSchema>;

/** An ISO week (Monday first) of Asia/Shanghai time: 2026-W47. */
export const IsoWeekSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'week as YYYY-Www');
export const ReportFormatSchema = z.enum(['pdf', 'xlsx']);
export const WeeklyReportQuerySchema = z.strictObject({ unit: UnitCodeSchema.optional(), week: IsoWeekSchema, format: ReportFormatSchema.default('pdf') });

// ---- ratings (the Internet side, with the intake key) --------------------------------------------
/** A citizen's rating of a finished item, 1–5, with an optional comment; one per item. */
export const RatingIntakeSchema = z.strictObject({
  itemId: ItemIdSchema,
  stars: z.number().int().min(1).max(5),
  comment: SafeText(500).optional(),
});
export type RatingIntake = z.infer<typeof RatingIntakeSchema>;
export const RatingResponseSchema = z.object({ itemId: ItemIdSchema, stars: z.number().int().min(1).max(5), at: IsoSchema });

// ---- officer administration (admins only; every change audited) -----------------------------------
export const AdminOfficerSchema = OfficerSchema.extend({ locked: z.boolean(), lockedAt: IsoSchema.nullable() });
export type AdminOfficer = z.infer<typeof AdminOfficerSchema>;
export const AdminOfficersResponseSchema = z.object({ officers: z.array(AdminOfficerSchema).max(20_000) });
export const AdminOfficerResponseSchema = z.object({ officer: AdminOfficerSchema });
export const OfficerBadgeParamsSchema = z.strictObject({ badge: BadgeSchema });
export const CreateOfficerRequestSchema = z.strictObject({
  badge: BadgeSchema,
  name: z.string().trim().min(1).max(32).regex(/^[\p{Script=Han}·A-Za-z ]+$/u, 'a name has letters only'),
  role: RoleSchema,
  unitCode: UnitCodeSchema,
});
/** The generated password, shown once: the exchange keeps only its scrypt hash. */
export const OfficerPasswordResponseSchema = z.object({ officer: AdminOfficerSchema, password: z.string() });
export const LockOfficerRequestSchema = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export const UnlockOfficerRequestSchema = z.strictObject({ reason: z.string().trim().min(2).max(200).optional() });
/**
 * A new role and/or unit. The officer's sessions end (every token revoked): the console signs in
 * again, sees the officer's new role or unit in the login answer, and re-pulls its feed from 0, so
 * what lies outside the new scope leaves its cache (electron/console: auth.login).
 */
export const AssignOfficerRequestSchema = z
  .strictObject({ role: RoleSchema.optional(), unitCode: UnitCodeSchema.optional(), reason: z.string().trim().min(2).max(200).optional() })
  .refine((b) => b.role !== undefined || b.unitCode !== undefined, { message: 'give a role or a unit' });

/** Paths, so server and client cannot drift. */
export const ROUTES = {
  health: `${API_PREFIX}/health`,
  login: `${API_PREFIX}/auth/login`,
  logout: `${API_PREFIX}/auth/logout`,
  me: `${API_PREFIX}/me`,
  officerDirectory: `${API_PREFIX}/officers/directory`,
  changes: `${API_PREFIX}/changes`,
  changesWait: `${API_PREFIX}/changes/wait`,
  commands: `${API_PREFIX}/commands`,
  attachment: `${API_PREFIX}/attachments/:sha256`,
  reveal: `${API_PREFIX}/reveal`,
  auditVerify: `${API_PREFIX}/audit/verify`,
  /** The audit log, filtered and paged (supervisors: their jurisdiction; admins: everything). */
  audit: `${API_PREFIX}/audit`,
  intakeAttachment: `${API_PREFIX}/intake/attachments`,
  intakeApplication: `${API_PREFIX}/intake/applications`,
  intakeAccident: `${API_PREFIX}/intake/accidents`,
  intakeTip: `${API_PREFIX}/intake/tips`,
  intakeAppointment: `${API_PREFIX}/intake/appointments`,
  intakeWithdraw: `${API_PREFIX}/intake/withdraw`,
  intakeSupplement: `${API_PREFIX}/intake/supplements`,
  intakeTipFollowUp: `${API_PREFIX}/intake/tips/follow-ups`,
  outbound: `${API_PREFIX}/outbound`,
  /** A document named by an outbound notification (the determination PDF), for the citizen. */
  outboundDocument: `${API_PREFIX}/outbound/documents/:sha256`,
  stats: `${API_PREFIX}/stats`,
  statsServices: `${API_PREFIX}/stats/services`,
  reportWeekly: `${API_PREFIX}/reports/weekly`,
  intakeRating: `${API_PREFIX}/intake/ratings`,
  adminOfficers: `${API_PREFIX}/admin/officers`,
  adminOfficerPassword: `${API_PREFIX}/admin/officers/:badge/password`,
  adminOfficerLock: `${API_PREFIX}/admin/officers/:badge/lock`,
  adminOfficerUnlock: `${API_PREFIX}/admin/officers/:badge/unlock`,
  adminOfficerAssignment: `${API_PREFIX}/admin/officers/:badge/assignment`,
} as const;
