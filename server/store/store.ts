import { z } from 'zod';
import type { ItemKind, TipCategory, WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import type { CommandResult } from '#shared/domain/commands';
import type { AttachmentContentType, AttachmentMeta, AttachmentRole } from '#shared/domain/attachments';
import type { ViewHash } from '#shared/rules/phash';
import type { AuditLogEntry } from '#shared/contract/api';

/**
 * The exchange's storage interface (`Store`, at the end). Routes and domain logic talk only to
 * it; two stores implement it: SQLite (server/store/sqlite, one machine, the default) and
 * PostgreSQL (server/store/pg, several exchange instances on one database). Both pass one
 * conformance suite (tests/integration/store).
 */

/** The clear-text personal data of an item. Never sent in the feed; only through an audited reveal. */
const PersonPiiSchema = z.object({ name: z.string(), idNumber: z.string(), phone: z.string() });
export const ItemPiiSchema = z.object({
  applicant: PersonPiiSchema.optional(),
  parties: z.array(PersonPiiSchema).optional(),
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), idNumber: z.string().nullable() }).optional(),
  /** SHA-256 (hex) of the random code the tip's reporter got at submission: their key for follow-ups. */
  reporterCodeHash: z.string().length(64).optional(),
});
export type ItemPii = z.infer<typeof ItemPiiSchema>;

export interface StoredItem {
  readonly item: WorkItem;
  readonly pii: ItemPii;
}

export interface OfficerRecord extends Officer {
  readonly passwordHash: Buffer;
  readonly passwordSalt: Buffer;
}

/** Failed-login bookkeeping for the lockout rule. */
export interface LoginState {
  readonly failedCount: number;
  readonly failedWindowStart: string | null;
  readonly lockedUntil: string | null;
}

export interface TokenRecord {
  readonly badge: string;
  readonly expiresAt: string;
  readonly revoked: boolean;
}

export interface ItemAttachment {
  readonly sha256: string;
  readonly role: AttachmentRole;
  readonly partyIdx: number | null;
}

export interface BlobMeta {
  readonly sha256: string;
  readonly contentType: AttachmentContentType;
  readonly size: number;
  readonly takenAt: string | null;
  readonly gps: { lat: number; lng: number } | null;
}

/** What an officer may see: kinds by role, units by code prefix (shared/domain/units `unitPrefix`). */
export interface Scope {
  readonly kinds: readonly ItemKind[];
  readonly unitPrefix: string;
}

/**
 * One change-log row with what the feed needs of the item's current state: the columns the
 * visibility check reads, and the item's JSON as stored on its last write (the exact
 * `JSON.stringify` of the validated WorkItem, see store/sqlite/items.ts), sent without parsing.
 * The log holds per item its presence (latest change) and its departures (latest per unit left),
 * so `seq` is the seq of the change that made the row; one change can make two rows (a move:
 * arrived here, left there), so a seq may repeat, never across items.
 */
export interface ChangeRow {
  readonly seq: number;
  readonly id: string;
  readonly kind: ItemKind;
  readonly unitCode: string;
  readonly status: string;
  /** UTF-8 bytes: the page is sent as bytes, so the text is never decoded and encoded again. */
  readonly json: Buffer;
  /** The item's attachment metadata as JSON array elements without brackets (empty for none). */
  readonly attachments: Buffer;
}

export interface CommandRecord {
  readonly id: string;
  readonly officer: string;
  readonly itemId: string;
  /** Parsed with CommandResultSchema when read, so a replayed result is as checked as a fresh one. */
  readonly result: CommandResult;
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly itemId: string | null;
  readonly detail: Record<string, unknown>;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBadSeq?: number;
}

/**
 * A filtered read of the audit log (GET /api/v1/audit), newest first. `unitPrefix` null reads
 * everything (admins); else only entries about an item whose unit starts with it or whose actor is
 * an officer of such a unit. `actions` match exactly, and a bare name also every `name:<sub>`.
 */
export interface AuditFilter {
  readonly unitPrefix: string | null;
  readonly actor?: string;
  readonly itemId?: string;
  readonly actions?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  /** Only entries with a smaller seq (the paging cursor). */
  readonly before?: number;
  readonly limit: number;
}

/** A photo's perceptual hashes: the whole frame, then its crop views (shared/rules/phash.ts VIEW_NAMES); a flat view is null. */
export type PhotoViews = readonly (ViewHash | null)[];

/** A stored photo near a looked-up one, with the case it first came with. */
export interface PhotoMatch {
  readonly sha256: string;
  readonly itemId: string;
  readonly distance: number;
}

/** A notification for the Internet side (GET /api/v1/outbound), as recorded. */
export interface OutboundRecord {
  readonly at: string;
  readonly itemId: string;
  readonly kind: ItemKind;
  readonly event: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface OutboundRow {
  readonly seq: number;
  readonly at: string;
  readonly itemId: string;
  readonly kind: string;
  readonly event: string;
  readonly payload: Record<string, unknown>;
}

/**
 * The period and jurisdiction of a statistics query (server/domain/stats.ts): instants as UTC ISO
 * with milliseconds (the stored form, so string order is time order), `from` inclusive, `to`
 * exclusive; units by code prefix. `now` is when "overdue" is judged.
 */
export interface StatsRange {
  readonly from: string;
  readonly to: string;
  readonly unitPrefix: string;
  readonly now: string;
}

/** Nearest-rank percentiles of a duration over a period (null when nothing happened). */
export interface DurationFigures {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
  /** How many took at most the figure's target (accidents: 5 minutes). */
  readonly withinTarget: number;
}

/**
 * Grouped counts, one row per (unit, key …) combination that has any: what store/sqlite/stats.ts
 * answers from its indexes. The domain rolls units up to the jurisdiction's children and names them.
 */
export interface StatsRows {
  readonly applicationsReceived: readonly { unitCode: string; serviceCode: string; n: number }[];
  readonly applicationsDecided: readonly { unitCode: string; serviceCode: string; decidedBy: string; n: number; onTime: number; rejected: number }[];
  readonly applicationsOverdue: readonly { unitCode: string; serviceCode: string; n: number }[];
  readonly accidentsReported: readonly { unitCode: string; n: number }[];
  readonly accidentsDetermined: readonly { unitCode: string; n: number; within5: number }[];
  readonly accidentsReferred: readonly { unitCode: string; n: number }[];
  /** Minutes from the report to the determination, of those determined in the period. */
  readonly determinationMinutes: DurationFigures;
  readonly tipsReceived: readonly { unitCode: string; category: string; outcome: string; n: number }[];
  /** Hours from submission to routing, of the tips routed in the period (linked duplicates excluded). */
  readonly routingHours: DurationFigures;
  readonly ratings: readonly { unitCode: string; serviceCode: string; n: number; stars: number }[];
}

/** A citizen's rating of a finished item (POST /api/v1/intake/ratings); unit and service as at rating time. */
export interface RatingRecord {
  readonly itemId: string;
  readonly kind: ItemKind;
  readonly unitCode: string;
  readonly serviceCode: string;
  readonly stars: number;
  readonly comment: string | null;
  readonly at: string;
}

/** `lockedUntil` of an officer an admin locked: the lock lasts until an admin unlocks. */
export const ADMIN_LOCK_UNTIL = '9999-12-31T23:59:59.999Z';

/** An officer as administrators see it: no secrets, with the admin lock. */
export interface AdminOfficerRecord extends Officer {
  readonly lockedAt: string | null;
  readonly lockedBy: string | null;
}

/** What duplicate scoring reads of an earlier tip (shared/rules/tipDuplicates.ts TipText), without parsing the whole item. */
export interface TipMatchInput {
  readonly id: string;
  readonly submittedAt: string;
  readonly category: TipCategory;
  readonly content: string;
  readonly location: { address: string; lat: number | null; lng: number | null } | null;
}

/**
 * The exchange's storage, split by concern. Every method is async: the SQLite store answers at
 * once (better-sqlite3 is synchronous) and the PostgreSQL store over its pool. `server/domain`
 * and the routes know no SQL dialect; they reach the database only through these.
 */
export interface ItemRepo {
  /** Next number of the per-kind, per-city item id sequence (APP-410100-<n>). */
  nextNumber(prefix: string, cityCode: string): Promise<number>;
  get(id: string): Promise<StoredItem | undefined>;
  /** The item without its PII, for paths that never touch it (commands, feeds). */
  getWork(id: string): Promise<WorkItem | undefined>;
  /** Inserts the item with its attachments and records the change (its presence row); returns the change seq. */
  insert(item: WorkItem, pii: ItemPii, attachments: readonly ItemAttachment[]): Promise<number>;
  /**
   * Writes the item's new state and records the change (its presence row gets the new seq; when
   * the unit changed, so does its departure row for `prevUnitCode`); returns the change seq.
   */
  update(item: WorkItem, prevUnitCode: string, attachments?: readonly ItemAttachment[]): Promise<number>;
  /** The newest change seq (0 when none); never decreases, across restarts too. */
  latestSeq(): Promise<number>;
  /**
   * Change rows after `after` that the scope needs, oldest first, at most one per item: its
   * presence when the item is in the scope, else its latest departure from a unit in the scope
   * (the caller may hold a copy to drop). `limit` may cut between the rows of one seq;
   * domain/feed.ts never ends a page there.
   */
  changesAfter(after: number, limit: number, scope: Scope): Promise<ChangeRow[]>;
  attachmentsOf(itemIds: readonly string[]): Promise<AttachmentMeta[]>;
  /** Items referencing a blob, to decide whether a caller may fetch it. */
  withBlob(sha256: string): Promise<{ id: string; kind: ItemKind; unitCode: string; status: string }[]>;
  /** Appointments of one service booked (and not yet served, missed or withdrawn) for one slot at a hall. */
  liveBookings(unitCode: string, serviceCode: string, slotStart: string): Promise<number>;
  /** The tips linked as duplicates of `primaryId` (its group's followers), by the duplicate_of index. */
  tipFollowers(primaryId: string): Promise<WorkItem[]>;
}

export interface OfficerRepo {
  get(badge: string): Promise<OfficerRecord | undefined>;
  put(officer: OfficerRecord): Promise<void>;
  /** Officers whose unit starts with `unitPrefix` (the directory of a jurisdiction), without secrets. */
  list(unitPrefix: string): Promise<Officer[]>;
  count(): Promise<number>;
  loginState(badge: string): Promise<LoginState>;
  setLoginState(badge: string, state: LoginState): Promise<void>;
  /**
   * Officer administration (server/domain/officer-admin.ts). `create` is false when the
   * badge exists. An admin lock has no end: `loginState` reports it as `lockedUntil`
   * ADMIN_LOCK_UNTIL, so login refuses it as it refuses a lockout.
   */
  listAdmin(): Promise<AdminOfficerRecord[]>;
  getAdmin(badge: string): Promise<AdminOfficerRecord | undefined>;
  create(officer: OfficerRecord): Promise<boolean>;
  setPassword(badge: string, hash: Buffer, salt: Buffer): Promise<void>;
  setAssignment(badge: string, role: Officer['role'], unitCode: string): Promise<void>;
  setLock(badge: string, lock: { at: string; by: string } | null): Promise<void>;
}

/** Sessions: a token is stored by its hash only. */
export interface SessionRepo {
  /** Refuses (AppError `locked`) an officer an admin has locked, so no login racing a lock gets a token. */
  add(tokenHash: string, badge: string, expiresAt: string): Promise<void>;
  find(tokenHash: string): Promise<TokenRecord | undefined>;
  revoke(tokenHash: string): Promise<void>;
  /** Ends every session of the badge; returns how many were live. */
  revokeAll(badge: string): Promise<number>;
}

export interface BlobRepo {
  put(meta: BlobMeta, bytes: Buffer): Promise<void>;
  meta(sha256: string): Promise<BlobMeta | undefined>;
  read(sha256: string): Promise<Buffer | undefined>;
}

export interface CommandRepo {
  get(id: string): Promise<CommandRecord | undefined>;
  save(record: CommandRecord): Promise<void>;
}

export interface AuditRepo {
  /** Appends to the hash chain; appends are serialised, so the chain stays one line under concurrency. */
  append(entry: AuditEntry): Promise<number>;
  verify(): Promise<AuditVerification>;
  /** Up to `limit` entries matching `filter`, newest first, answered from the audit indexes. */
  list(filter: AuditFilter): Promise<AuditLogEntry[]>;
}

/**
 * Photo forensics (server/domain/forensics.ts): the stored hashes of a photo, if it came with a
 * case before; recording a case's photos' hashes (a photo keeps the first case it came with);
 * the stored photos within `distance` (pHash) of any of the given views (whole frame against
 * whole frame or view, never view against view) and confirmed by the same views' dHash, nearest
 * first, one per photo. Fast over every photo of the province: the stores keep a multi-index in
 * memory (shared/rules/phash.ts HashIndex).
 */
export interface ForensicsRepo {
  photoViews(sha256: string): Promise<PhotoViews | undefined>;
  addPhotoHashes(itemId: string, photos: readonly { sha256: string; views: PhotoViews }[]): Promise<void>;
  nearPhotos(views: PhotoViews, distance?: number): Promise<PhotoMatch[]>;
}

export interface StatsRepo {
  /** The figures of a period (server/domain/stats.ts), by SQL over the stats indexes. */
  rows(range: StatsRange): Promise<StatsRows>;
  /** False when the item already has a rating. */
  addRating(rating: RatingRecord): Promise<boolean>;
  getRating(itemId: string): Promise<RatingRecord | undefined>;
}

/**
 * Tip duplicate candidates (server/domain/tip-candidates.ts): a tip's lookup keys are recorded
 * once at intake, per city; `byKey` gives the tips stored under one key of a city submitted
 * in [from, to], newest first, at most `limit`, so a frequent key (a long road) stays bounded;
 * `matchInputs` reads what scoring needs of those tips (unknown ids and other kinds left out).
 */
export interface TipKeyRepo {
  record(tipId: string, city: string, submittedAt: string, keys: readonly string[]): Promise<void>;
  byKey(city: string, key: string, from: string, to: string, limit: number): Promise<string[]>;
  matchInputs(ids: readonly string[]): Promise<TipMatchInput[]>;
}

/** The outbound log: appended in the transaction of the command that caused it; read by seq. */
export interface OutboundRepo {
  append(record: OutboundRecord): Promise<number>;
  after(after: number, limit: number): Promise<OutboundRow[]>;
}

/**
 * What a transaction (or the store itself, one statement at a time) offers. `transaction` nests:
 * at the top it is BEGIN … COMMIT, inside a transaction a SAVEPOINT, rolled back when `fn`
 * rejects. A transaction's body must await its calls one after another (no Promise.all inside):
 * it is one connection. Inside a body, call through its `tx` only: a call on the store itself
 * waits until the transaction has ended (SQLite: the one connection is the transaction's), so
 * awaiting it there never returns.
 */
export interface Repos {
  readonly items: ItemRepo;
  readonly officers: OfficerRepo;
  readonly sessions: SessionRepo;
  readonly blobs: BlobRepo;
  readonly commands: CommandRepo;
  readonly audit: AuditRepo;
  readonly forensics: ForensicsRepo;
  readonly stats: StatsRepo;
  readonly tipKeys: TipKeyRepo;
  readonly outbound: OutboundRepo;
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * A consistent read of several statements (one snapshot), e.g. a feed page and the newest seq.
   * Inside a transaction it is that transaction.
   */
  read<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
}

export interface Store extends Repos {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Calls `listener` with the newest seq after a commit that recorded a change, by this process
   * or (PostgreSQL: LISTEN/NOTIFY) by any exchange instance on the same database. Returns the
   * unsubscribe function.
   */
  onChange(listener: (seq: number) => void): () => void;
  close(): Promise<void>;
}
