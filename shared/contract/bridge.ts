import { z } from 'zod';
import { OfficerSchema, BadgeSchema } from '../domain/officers';
import { IsoSchema, ItemIdSchema, ItemKindSchema, TipCategorySchema, UrgencyLevelSchema, WorkItemSchema } from '../domain/items';
import { COMMAND_BODIES, CommandTypeSchema, type CommandType } from '../domain/commands';
import { AttachmentMetaSchema, Sha256Schema } from '../domain/attachments';
import { RevealFieldSchema } from './api';
import { ErrorCodeSchema, RejectionCodeSchema } from '../errors';
import { SUPERVISION_BRIDGE } from './bridge-supervision';
import { AUDIT_BRIDGE } from './bridge-audit';
import { ADMIN_BRIDGE } from './bridge-admin';
import { HALL_BRIDGE } from './bridge-hall';

/**
 * The console bridge: the one typed handler map between the renderer and the console core
 * (electron/console/ConsoleService). electron/main.ts registers one ipcMain.handle per method and
 * electron/web-shell.ts one POST /bridge/<method>; both validate `args` with these schemas before
 * dispatching, and the renderer's client is typed from the same map. Results are validated in tests.
 *
 * When you add a method: add it here, implement it in ConsoleService (the compiler then demands
 * it), expose nothing else.
 */
export const MAX_BRIDGE_PAYLOAD_BYTES = 1024 * 1024;

export const SessionSchema = z.object({
  officer: OfficerSchema,
  /** True when this session was unlocked offline from the local verifier. */
  offlineLogin: z.boolean(),
  expiresAt: IsoSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const BridgeErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type BridgeError = z.infer<typeof BridgeErrorSchema>;

export const SyncStatusSchema = z.object({
  online: z.boolean(),
  syncing: z.boolean(),
  lastSyncAt: IsoSchema.nullable(),
  lastError: BridgeErrorSchema.nullable(),
  pending: z.number().int().min(0),
  conflicts: z.number().int().min(0),
  cursor: z.number().int().min(0),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** One grid row: what the queue shows, flattened from the cached item. */
export const ItemRowSchema = z.object({
  id: ItemIdSchema,
  kind: ItemKindSchema,
  unitCode: z.string(),
  status: z.string(),
  version: z.number().int(),
  claimedBy: BadgeSchema.nullable(),
  /** The holder's name from the officer directory the console keeps (null: unclaimed or not in it). */
  claimedByName: z.string().nullable(),
  claimExpiresAt: IsoSchema.nullable(),
  submittedAt: IsoSchema,
  dueAt: IsoSchema.nullable(),
  updatedAt: IsoSchema,
  /** Service code (applications), first plate pair (accidents), category (tips). */
  label: z.string(),
  /** Applicant name, party names, or the reporter's masked name. */
  person: z.string(),
  personIdMasked: z.string(),
  urgency: UrgencyLevelSchema.nullable(),
  pending: z.boolean(),
  conflict: z.boolean(),
  /** Applications only: how the decided result reaches the citizen (`window`, `ems`); null before a decision. */
  pickup: z.enum(['window', 'ems']).nullable().optional(),
  /** The accident's or the tip's address (accidents and tips only). */
  place: z.string().optional(),
  // Accidents only (absent for other kinds): what the accident queue shows and sorts by (db migration 0070).
  /** Photos attached (images). */
  photoCount: z.number().int().min(0).optional(),
  /** Required photos without one, as shared/rules/quickProcedure.ts `missingPhotos` names them (`front_side`, `plate#1`). */
  missingPhotos: z.array(z.string()).optional(),
  /** Photo forensics findings of the case. */
  findingCount: z.number().int().min(0).optional(),
  /** When the case was decided (determination, or referral to on-scene handling); null while open. */
  clearedAt: IsoSchema.nullable().optional(),
  // Tips only (absent for other kinds): what the tip queue shows and sorts by (db migration 0080).
  /** Triage score 0..100 (orders tips of one level). */
  urgencyScore: z.number().int().min(0).max(100).optional(),
  /** The triage reason codes (shared/rules/tipTriage.ts: `category:<cat>`, `keyword:<group>`, `has_location` …). */
  urgencyReasons: z.array(z.string()).optional(),
  /** The unit it was routed to; null until routed. */
  routedTo: z.string().nullable().optional(),
  /** The group's primary when this tip was linked as a duplicate. */
  duplicateOf: ItemIdSchema.nullable().optional(),
  /** The tips of its duplicate group in the cache: the primary and its followers (1 when alone). */
  groupSize: z.number().int().min(1).optional(),
  /** Possible duplicates proposed at intake. */
  candidateCount: z.number().int().min(0).optional(),
  /** The district the tip belongs to (its unit's, else the one its address names); null when neither says. */
  district: z.string().nullable().optional(),
});
export type ItemRow = z.infer<typeof ItemRowSchema>;

export const PendingCommandSchema = z.object({
  id: z.uuid(),
  itemId: ItemIdSchema,
  type: CommandTypeSchema,
  body: z.unknown(),
  createdAt: IsoSchema,
  attempts: z.number().int().min(0),
  state: z.enum(['queued', 'held']),
  lastError: BridgeErrorSchema.nullable(),
});
export type PendingCommand = z.infer<typeof PendingCommandSchema>;

export const ConflictSchema = z.object({
  id: z.number().int(),
  commandId: z.uuid(),
  itemId: ItemIdSchema,
  type: CommandTypeSchema,
  /** The officer's own decision, kept so it can be re-applied. */
  body: z.unknown(),
  code: RejectionCodeSchema,
  message: z.string(),
  createdAt: IsoSchema,
});
export type Conflict = z.infer<typeof ConflictSchema>;

/** One http(s) address, or several separated by commas (exchange instances the console fails over between). */
export const ExchangeUrlSettingSchema = z.string().refine(
  (value) => {
    const parts = value.split(',').map((p) => p.trim());
    return parts.length > 0 && parts.every((p) => URL.canParse(p) && /^https?:$/.test(new URL(p).protocol));
  },
  { message: '交换平台地址须为 http(s) 地址，多个地址以逗号分隔' },
);

export const SettingsSchema = z.object({
  exchangeUrl: ExchangeUrlSettingSchema,
  language: z.enum(['zh-CN', 'en']),
  attachmentCacheMb: z.number().int().min(16).max(100_000),
  wipeAfterOfflineDays: z.number().int().min(1).max(90),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const ItemDetailSchema = z.object({
  item: WorkItemSchema,
  /** The cache rev the item was last written at: an `items.changed` with a rev not above it is already shown. */
  rev: z.number().int().min(0),
  /** The holder's name (see ItemRowSchema.claimedByName). */
  claimedByName: z.string().nullable(),
  attachments: z.array(AttachmentMetaSchema),
  pending: z.array(PendingCommandSchema),
  conflicts: z.array(ConflictSchema),
});
export type ItemDetail = z.infer<typeof ItemDetailSchema>;

/**
 * A page of one kind's queue, filtered, searched and sorted by the console core in SQLite. The grid
 * uses it as ag-grid's infinite-row datasource, so opening, filtering and sorting a 100k-row queue
 * costs one indexed query and one page of rows, not 100k rows through the bridge.
 *
 * Views: `open` not finished (the status is not terminal, shared/domain/status.ts TERMINAL);
 * `actionable` open and not held by another officer's live lease (what "next" opens); `mine` claimed by the signed-in officer; `due_today` open items whose deadline falls on
 * today (Asia/Shanghai); `overdue` open items past their deadline; `supplement` waiting for the
 * citizen's material (applications) or photos (accidents); `urgent` tips of level high/critical.
 * Kinds narrow a view with filters (the tip queue's "new" is `open` + status new, "routed by me"
 * `mine` + status routed) rather than getting views of their own.
 * When you add a column or view, also add it in db/repos (the SQL) and the renderer's grid.
 */
export const QueueViewSchema = z.enum(['all', 'open', 'actionable', 'mine', 'due_today', 'overdue', 'supplement', 'urgent']);
export type QueueView = z.infer<typeof QueueViewSchema>;
export const QueueColumnSchema = z.enum([
  'id',
  'label',
  'person',
  'submittedAt',
  'dueAt',
  'status',
  'claimedBy',
  'urgency',
  'updatedAt',
  // the item's unit (the hall filters its appointments by it)
  'unitCode',
  // applications (ItemRowSchema)
  'pickup',
  // accidents (ItemRowSchema): `missingPhotos` sorts and filters by how many are missing
  'place',
  'photoCount',
  'missingPhotos',
  'findingCount',
  'clearedAt',
  // tips (ItemRowSchema)
  'urgencyScore',
  'routedTo',
  'duplicateOf',
  'groupSize',
  'candidateCount',
  'district',
]);
export type QueueColumn = z.infer<typeof QueueColumnSchema>;
/**
 * What a filter may name: the queue columns, and `candidateOf` (equals a tip id: the tips that
 * name it among their duplicate candidates, i.e. the newer reports that point at it).
 */
export const QueueFilterColumnSchema = z.enum([...QueueColumnSchema.options, 'candidateOf']);
export type QueueFilterColumn = z.infer<typeof QueueFilterColumnSchema>;
export const QueueFilterSchema = z.strictObject({
  col: QueueFilterColumnSchema,
  /**
   * Text columns: contains/equals/startsWith; time columns: before/after (UTC ISO); status: in (comma list).
   * Count columns (photoCount, missingPhotos, findingCount, urgencyScore, groupSize, candidateCount):
   * equals, in, before (less than) and after (at least). `candidateOf`: equals (a tip id).
   */
  op: z.enum(['contains', 'equals', 'startsWith', 'before', 'after', 'in']),
  value: z.string().max(200),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;
export const ItemQuerySchema = z.strictObject({
  kind: ItemKindSchema,
  view: QueueViewSchema.default('all'),
  /** Quick search: matches id, service/category name, person, masked ID, plate … (substring). */
  search: z.string().trim().max(100).default(''),
  filters: z.array(QueueFilterSchema).max(10).default([]),
  sort: z.array(z.strictObject({ col: QueueColumnSchema, dir: z.enum(['asc', 'desc']) })).max(3).default([]),
  offset: z.number().int().min(0).default(0),
  /** 0: only the total (a count, no rows). */
  limit: z.number().int().min(0).max(1000).default(100),
});
export type ItemQuery = z.input<typeof ItemQuerySchema>;

const none = z.strictObject({});

const localCommandOf = <T extends CommandType>(type: T) => z.strictObject({ itemId: ItemIdSchema, type: z.literal(type), body: COMMAND_BODIES[type] });
/** A command as the renderer sends it: the console adds the id and the expected version. */
export const LocalCommandSchema = z.discriminatedUnion('type', [
  localCommandOf('claim'),
  localCommandOf('release'),
  localCommandOf('renew'),
  localCommandOf('take_over'),
  localCommandOf('note'),
  localCommandOf('decide'),
  localCommandOf('request_supplement'),
  localCommandOf('hand_over'),
  localCommandOf('dispatch'),
  localCommandOf('check_in'),
  localCommandOf('serve'),
  localCommandOf('no_show'),
  localCommandOf('refer'),
  localCommandOf('close'),
  localCommandOf('route'),
  localCommandOf('link_duplicate'),
  localCommandOf('not_duplicate'),
  localCommandOf('open_case'),
  localCommandOf('triage'),
  localCommandOf('feedback'),
]);
export type LocalCommand = z.infer<typeof LocalCommandSchema>;
const ok = z.object({ ok: z.literal(true) });

export const BRIDGE = {
  'app.info': {
    args: none,
    result: z.object({ version: z.string(), shell: z.enum(['electron', 'web']), exchangeUrl: z.string(), demo: z.boolean() }),
  },
  'auth.login': { args: z.strictObject({ badge: BadgeSchema, password: z.string().min(1).max(128) }), result: SessionSchema },
  'auth.logout': { args: z.strictObject({ wipe: z.boolean() }), result: ok },
  'auth.session': { args: none, result: SessionSchema.nullable() },
  'sync.status': { args: none, result: SyncStatusSchema },
  'sync.now': { args: none, result: SyncStatusSchema },
  /** Rows changed since `sinceRev` (0: all), ids removed since then, and the rev to ask from next. */
  'items.list': {
    args: z.strictObject({ kind: ItemKindSchema, sinceRev: z.number().int().min(0) }),
    result: z.object({ rows: z.array(ItemRowSchema), removed: z.array(ItemIdSchema), rev: z.number().int().min(0) }),
  },
  /** One page of a queue (see ItemQuerySchema); `total` counts every row the query matches. */
  'items.query': {
    args: ItemQuerySchema,
    result: z.object({ rows: z.array(ItemRowSchema), total: z.number().int().min(0), rev: z.number().int().min(0) }),
  },
  /** Position of an item in a query's order (for "next item" and keeping the selection); -1 when absent. */
  'items.indexOf': {
    args: z.strictObject({ query: ItemQuerySchema.omit({ offset: true, limit: true }), id: ItemIdSchema }),
    result: z.object({ index: z.number().int().min(-1), total: z.number().int().min(0) }),
  },
  'items.get': { args: z.strictObject({ id: ItemIdSchema }), result: ItemDetailSchema },
  /**
   * Applies optimistically, queues the command, returns the item as the cache now holds it and the
   * rev it was written at. Validated once, here, with the command type's own body schema.
   */
  'items.command': {
    args: LocalCommandSchema,
    result: z.object({ commandId: z.uuid(), item: WorkItemSchema, rev: z.number().int().min(0) }),
  },
  /** The officers of the signed-in officer's city (badge → name, role, unit), as last pulled; works offline. */
  'officers.directory': { args: none, result: z.array(OfficerSchema) },
  'items.reveal': {
    args: z.strictObject({ itemId: ItemIdSchema, field: RevealFieldSchema, partyIdx: z.number().int().min(0).max(2).optional(), reason: z.string().trim().min(2).max(200) }),
    result: z.object({ value: z.string() }),
  },
  'attachments.get': {
    args: z.strictObject({ sha256: Sha256Schema }),
    result: z.object({ contentType: z.string(), base64: z.string() }),
  },
  'outbox.list': { args: none, result: z.array(PendingCommandSchema) },
  'conflicts.list': { args: none, result: z.array(ConflictSchema) },
  'conflicts.reapply': { args: z.strictObject({ id: z.number().int() }), result: z.object({ commandId: z.uuid() }) },
  'conflicts.discard': { args: z.strictObject({ id: z.number().int() }), result: ok },
  /**
   * Where tips cluster: the cached tips received in [from, to), counted by district and category
   * in SQL (db/repos/item-query.ts). `district` null: neither the unit nor the address names one.
   */
  'tips.clusters': {
    args: z.strictObject({ from: IsoSchema, to: IsoSchema }),
    result: z.object({ rows: z.array(z.object({ district: z.string().nullable(), category: TipCategorySchema, count: z.number().int().min(1) })) }),
  },
  'settings.get': { args: none, result: SettingsSchema },
  'settings.set': { args: SettingsSchema.partial().strict(), result: SettingsSchema },
  // the supervisors' and admins' screens, each in a file of its own
  ...SUPERVISION_BRIDGE,
  ...AUDIT_BRIDGE,
  ...ADMIN_BRIDGE,
  ...HALL_BRIDGE,
} as const;

export type BridgeMethod = keyof typeof BRIDGE;
export type BridgeArgs<M extends BridgeMethod> = z.input<(typeof BRIDGE)[M]['args']>;
export type BridgeResult<M extends BridgeMethod> = z.infer<(typeof BRIDGE)[M]['result']>;

/** The API every shell exposes to the renderer (window.consoleApi in Electron). */
export type BridgeApi = { [M in BridgeMethod]: (args: BridgeArgs<M>) => Promise<BridgeResult<M>> };

/** Events the core pushes to the renderer (IPC send in Electron, SSE in the web shell). */
export const BRIDGE_EVENTS = {
  'sync.status': SyncStatusSchema,
  /** `ids`: the items written, when there are few (≤ 100); absent means "possibly any of these kinds". */
  'items.changed': z.object({ rev: z.number().int(), kinds: z.array(ItemKindSchema), ids: z.array(ItemIdSchema).optional() }),
  'session.changed': SessionSchema.nullable(),
} as const;
export type BridgeEvent = keyof typeof BRIDGE_EVENTS;
export type BridgeEventPayload<E extends BridgeEvent> = z.infer<(typeof BRIDGE_EVENTS)[E]>;

export function isBridgeMethod(name: string): name is BridgeMethod {
  return Object.hasOwn(BRIDGE, name);
}

// Every command type can be sent from the renderer: the compiler fails here when one is missing.
type MissingLocalCommand = Exclude<CommandType, LocalCommand['type']>;
const _everyCommandType: [MissingLocalCommand] extends [never] ? true : MissingLocalCommand = true;
void _everyCommandType;
