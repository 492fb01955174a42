import { z } from 'zod';
import { UnitCodeSchema } from './units';
import {
  DeliverySchema,
  ExclusionCodeSchema,
  ItemIdSchema,
  LiabilityClassSchema,
  RejectReasonCodeSchema,
  ScenarioCodeSchema,
  TipCategorySchema,
  UrgencyLevelSchema,
  WorkItemSchema,
} from './items';
import { RejectionCodeSchema } from '../errors';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A resident ID number as typed: 18 characters, a lower-case x allowed (the checksum is the caller's). */
export const IdNumberInputSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, 'resident ID number: 17 digits and a check character'));
/** EMS waybill: two letters, nine digits, two letters (EA123456789CN), or 13 digits for domestic mail. */
export const WaybillSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^(?:[A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/, 'EMS waybill: EA123456789CN or 13 digits'));

export const DecideBodySchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('approve'), pickup: DeliverySchema }),
  z
    .strictObject({ outcome: z.literal('reject'), reasonCode: RejectReasonCodeSchema, reasonText: z.string().trim().max(1000) })
    .refine((b) => b.reasonCode !== 'other' || b.reasonText.length > 0, { message: 'reason "other" needs an explanation', path: ['reasonText'] }),
  z.strictObject({
    outcome: z.literal('determine'),
    liabilities: z.array(LiabilityClassSchema).min(2).max(3),
    scenario: ScenarioCodeSchema.nullable(),
    /** Required (checked against the proposal on the exchange) when the officer departs from it. */
    overrideReason: z.string().trim().max(1000).nullable(),
  }),
]);
export type DecideBody = z.infer<typeof DecideBodySchema>;

/** Body schema for each command type. Unknown fields are rejected (strict). */
export const COMMAND_BODIES = {
  claim: z.strictObject({}),
  release: z.strictObject({}),
  renew: z.strictObject({}),
  /** A supervisor takes over someone else's claim (the reason is kept as a note and audited). */
  take_over: z.strictObject({ reason: text(500) }),
  note: z.strictObject({ text: text(2000) }),
  decide: DecideBodySchema,
  /** Applications: the material codes missing, all in one notice (一次性告知). Accidents: photo roles. */
  request_supplement: z.strictObject({ missing: z.array(z.string().min(1).max(60)).min(1).max(40), note: z.string().trim().max(1000) }),
  /**
   * Window hand-over of an approved application: the number typed from the ID card the citizen
   * presents. The exchange compares it with the applicant's (a mismatch is `id_mismatch`) and keeps
   * it nowhere (not in the item, the audit or the command record); the console sends it straight
   * to the exchange and never queues it (electron/console/handlers/hall.ts).
   */
  hand_over: z.strictObject({ idNumber: IdNumberInputSchema }),
  /** EMS delivery of an approved application: the waybill number (DOMAIN.md "The service hall"). */
  dispatch: z.strictObject({ waybill: WaybillSchema }),
  /** Appointments at the window: the citizen arrived, was served, or did not come. */
  check_in: z.strictObject({}),
  serve: z.strictObject({}),
  no_show: z.strictObject({}),
  refer: z.strictObject({ reasons: z.array(ExclusionCodeSchema).min(1), note: z.string().trim().max(1000) }),
  close: z.strictObject({ reason: text(1000) }),
  /** Tips: to a unit of the tree; the deadline defaults to the category's (shared/data/tip-routing.ts). */
  route: z.strictObject({ unitCode: UnitCodeSchema, note: z.string().trim().max(1000), deadlineHours: z.number().int().min(1).max(720).optional() }),
  link_duplicate: z.strictObject({ duplicateOf: ItemIdSchema }),
  /** Tips: this candidate is not a duplicate (recorded, so it is not proposed again). */
  not_duplicate: z.strictObject({ of: ItemIdSchema }),
  open_case: z.strictObject({ caseNumber: z.string().regex(/^[A-Z0-9-]{6,40}$/) }),
  triage: z.strictObject({ category: TipCategorySchema, urgencyLevel: UrgencyLevelSchema, reason: text(500) }),
  feedback: z.strictObject({ text: text(1000) }),
} as const;

export type CommandType = keyof typeof COMMAND_BODIES;
export const CommandTypeSchema = z.enum(Object.keys(COMMAND_BODIES) as [CommandType, ...CommandType[]]);
export type CommandBody<T extends CommandType> = z.infer<(typeof COMMAND_BODIES)[T]>;

const commandOf = <T extends CommandType>(type: T) =>
  z.strictObject({
    id: z.uuid(),
    itemId: ItemIdSchema,
    type: z.literal(type),
    expectedVersion: z.number().int().min(1),
    body: COMMAND_BODIES[type],
  });

export const CommandSchema = z.discriminatedUnion('type', [
  commandOf('claim'),
  commandOf('release'),
  commandOf('renew'),
  commandOf('take_over'),
  commandOf('note'),
  commandOf('decide'),
  commandOf('request_supplement'),
  commandOf('hand_over'),
  commandOf('dispatch'),
  commandOf('check_in'),
  commandOf('serve'),
  commandOf('no_show'),
  commandOf('refer'),
  commandOf('close'),
  commandOf('route'),
  commandOf('link_duplicate'),
  commandOf('not_duplicate'),
  commandOf('open_case'),
  commandOf('triage'),
  commandOf('feedback'),
]);
export type Command = z.infer<typeof CommandSchema>;

export const CommandStatusSchema = z.union([z.literal('applied'), RejectionCodeSchema]);
export type CommandStatus = z.infer<typeof CommandStatusSchema>;

export const CommandResultSchema = z.object({
  id: z.uuid(),
  status: CommandStatusSchema,
  /** The item as the exchange now holds it (null when the caller may not see it or it does not exist). */
  item: WorkItemSchema.nullable(),
  message: z.string().optional(),
});
export type CommandResult = z.infer<typeof CommandResultSchema>;
