import { WorkItemSchema, type ItemKind, type WorkItem } from '#shared/domain/items';
import { isTerminal } from '#shared/domain/status';
import type { ItemRow } from '#shared/contract/bridge';
import type { Db } from '../open';
import type { MetaRepo } from './meta';
import { accidentQueueColumns, displayLabel, searchText, TIP_SEARCH_CONTENT_CHARS, tipQueueColumns } from './queue-text';

export interface CachedItem {
  server: WorkItem;
  /** The optimistic view, or null when no command is pending for the item. */
  local: WorkItem | null;
  rev: number;
}

interface ItemDbRow {
  id: string;
  kind: string;
  server_json: string;
  server_version: number;
  local_json: string | null;
  rev: number;
}

export interface ListDbRow {
  id: string;
  kind: ItemKind;
  unit_code: string;
  status: string;
  server_version: number;
  claimed_by: string | null;
  claim_expires_at: string | null;
  submitted_at: string;
  due_at: string | null;
  updated_at: string;
  label: string;
  person: string;
  person_id_masked: string;
  urgency: ItemRow['urgency'];
  /** Accidents and tips (migrations 0070, 0080): the address. */
  place: string | null;
  /** Applications (migration 0090): `window` or `ems` once decided; NULL otherwise and for other kinds. */
  pickup: 'window' | 'ems' | null;
  /** Accidents only (migration 0070), NULL for other kinds. */
  photo_count: number | null;
  missing_photos: string | null;
  finding_count: number | null;
  cleared_at: string | null;
  /** Tips only (migration 0080), NULL for other kinds; group_size is counted on read (GROUP_SIZE_SQL). */
  urgency_score: number | null;
  urgency_reasons: string | null;
  routed_to: string | null;
  duplicate_of: string | null;
  candidate_count: number | null;
  district: string | null;
  group_size: number | null;
}

/**
 * A tip's duplicate group as the cache knows it: its primary (itself, or the tip it was linked
 * to) and that primary's followers in the cache, counted over the partial index on duplicate_of
 * (migration 0080), so it is right whatever order followers arrive, leave or are linked in.
 * NULL for other kinds. Sorted and filtered by db/repos/item-query.ts as `groupSize`.
 */
export const GROUP_SIZE_SQL =
  "(CASE WHEN items.kind = 'tip' THEN 1 + (SELECT count(*) FROM items AS f WHERE f.duplicate_of = coalesce(items.duplicate_of, items.id)) END)";

/** The columns of a grid row, in the order ListDbRow names them. */
export const LIST_COLUMNS =
  'id, kind, unit_code, status, server_version, claimed_by, claim_expires_at, submitted_at, due_at, updated_at, label, person, person_id_masked, urgency, ' +
  'place, pickup, photo_count, missing_photos, finding_count, cleared_at, ' +
  `urgency_score, urgency_reasons, routed_to, duplicate_of, candidate_count, district, ${GROUP_SIZE_SQL} AS group_size`;

export interface RowFlags {
  pending: Set<string>;
  conflict: Set<string>;
  /** The officer directory, badge → name (db/repos/officers.ts). */
  names: Map<string, string>;
}

/**
 * Reads the ids of items with commands (queued or held) and with conflicts of the cache owner:
 * two small sets read once per list or page, instead of two subqueries per row.
 */
export function flagReader(db: Db): () => RowFlags {
  const owner = "(SELECT value FROM meta WHERE key = 'cache_owner')";
  const pending = db.prepare<[], { item_id: string }>(`SELECT DISTINCT item_id FROM outbox WHERE badge = ${owner}`);
  const conflict = db.prepare<[], { item_id: string }>(`SELECT DISTINCT item_id FROM conflicts WHERE badge = ${owner}`);
  const names = db.prepare<[], { badge: string; name: string }>('SELECT badge, name FROM officers');
  return () => ({
    pending: new Set(pending.all().map((r) => r.item_id)),
    conflict: new Set(conflict.all().map((r) => r.item_id)),
    names: new Map(names.all().map((r) => [r.badge, r.name])),
  });
}

/** The accident columns of a row (absent for other kinds, see ItemRowSchema). */
function accidentFields(r: ListDbRow): Partial<ItemRow> {
  if (r.kind !== 'accident') return {};
  return {
    place: r.place ?? '',
    photoCount: r.photo_count ?? 0,
    missingPhotos: r.missing_photos ? r.missing_photos.split(',') : [],
    findingCount: r.finding_count ?? 0,
    clearedAt: r.cleared_at,
  };
}

/** The tip columns of a row (absent for other kinds). */
function tipFields(r: ListDbRow): Partial<ItemRow> {
  if (r.kind !== 'tip') return {};
  return {
    place: r.place ?? '',
    urgencyScore: r.urgency_score ?? 0,
    urgencyReasons: r.urgency_reasons ? r.urgency_reasons.split(',') : [],
    routedTo: r.routed_to,
    duplicateOf: r.duplicate_of,
    groupSize: r.group_size ?? 1,
    candidateCount: r.candidate_count ?? 0,
    district: r.district,
  };
}

export function listRowToItemRow(r: ListDbRow, flags: RowFlags): ItemRow {
  return {
    ...accidentFields(r),
    ...tipFields(r),
    id: r.id,
    kind: r.kind,
    unitCode: r.unit_code,
    status: r.status,
    version: r.server_version,
    claimedBy: r.claimed_by,
    claimedByName: r.claimed_by === null ? null : (flags.names.get(r.claimed_by) ?? null),
    claimExpiresAt: r.claim_expires_at,
    submittedAt: r.submitted_at,
    dueAt: r.due_at,
    updatedAt: r.updated_at,
    label: r.label,
    person: r.person,
    personIdMasked: r.person_id_masked,
    urgency: r.urgency,
    ...(r.kind === 'application' ? { pickup: r.pickup } : {}),
    pending: flags.pending.has(r.id),
    conflict: flags.conflict.has(r.id),
  };
}

/** What the queue grid shows, per kind (see ItemRowSchema). */
export function flattenItem(item: WorkItem): Pick<ItemRow, 'label' | 'person' | 'personIdMasked' | 'urgency'> {
  switch (item.kind) {
    case 'application':
      return { label: item.data.serviceCode, person: item.data.applicant.name, personIdMasked: item.data.applicant.idNumberMasked, urgency: null };
    case 'accident':
      return {
        label: item.data.parties.map((p) => p.plate).join(' / '),
        person: item.data.parties.map((p) => p.name).join('、'),
        personIdMasked: item.data.parties[0]?.idNumberMasked ?? '',
        urgency: null,
      };
    case 'tip':
      return { label: item.data.category, person: item.data.reporter.nameMasked, personIdMasked: item.data.reporter.phoneMasked, urgency: item.data.urgency.level };
    case 'appointment':
      return { label: item.data.serviceCode, person: item.data.citizen.name, personIdMasked: item.data.citizen.idNumberMasked, urgency: null };
  }
}

function rowToCached(row: ItemDbRow): CachedItem {
  return {
    server: WorkItemSchema.parse(JSON.parse(row.server_json)),
    local: row.local_json === null ? null : WorkItemSchema.parse(JSON.parse(row.local_json)),
    rev: row.rev,
  };
}

/**
 * The columns an item's upsert writes, in the order of its positional parameters (`itemValues`).
 * The accident columns: its place, findings, when it was decided, and the required photos the
 * attachment triggers (migration 0070) measure the photo columns against. `photo_count` /
 * `missing_photos` / `missing_photo_count` are written only for a new row (no metadata can exist
 * before its item: the foreign key); afterwards they follow the metadata (photoColumnsFlusher),
 * since a feed page replaces the metadata after it writes the items. NULL for other kinds.
 */
const COLUMNS = [
  'id', 'kind', 'server_json', 'server_version', 'local_json', 'rev', 'status', 'terminal', 'unit_code', 'claimed_by',
  'claim_expires_at', 'submitted_at', 'due_at', 'updated_at', 'label', 'person', 'person_id_masked', 'urgency', 'pickup', 'label_sort', 'search_text',
  'place', 'required_photos', 'photo_count', 'missing_photos', 'missing_photo_count', 'finding_count', 'cleared_at',
] as const;
/** Kept by an upsert of a cached row: the photo columns follow the metadata (see COLUMNS). */
const INSERT_ONLY: ReadonlySet<string> = new Set(['id', 'photo_count', 'missing_photos', 'missing_photo_count']);

/** The tip columns (migration 0080), after COLUMNS in a tip's upsert. */
const TIP_COLUMNS = ['urgency_score', 'urgency_reasons', 'routed_to', 'duplicate_of', 'candidate_count', 'candidate_ids', 'district'] as const;

type SqlValue = string | number | null;

/**
 * An item's row as positional values in COLUMNS order (then TIP_COLUMNS for a tip). Built as one
 * flat array: a first sync builds 100k of these, and the object with thirty named parameters it
 * replaced (spread together from per-kind parts) cost more than the SQLite insert itself.
 */
function itemValues(server: WorkItem, local: WorkItem | null, rev: number): SqlValue[] {
  const shown = local ?? server;
  const flat = flattenItem(shown);
  const shownLabel = displayLabel(server.kind, flat.label);
  let place: string | null = null;
  let text: string | null = null;
  const accident = shown.kind === 'accident' ? accidentQueueColumns(shown) : null;
  const tip = shown.kind === 'tip' ? tipQueueColumns(shown) : null;
  if (accident) place = accident.place;
  if (tip) place = tip.place;
  if (shown.kind === 'tip') text = shown.data.content.slice(0, TIP_SEARCH_CONTENT_CHARS);
  const values: SqlValue[] = [
    server.id,
    server.kind,
    JSON.stringify(server),
    server.version,
    local === null ? null : JSON.stringify(local),
    rev,
    shown.status,
    isTerminal(shown) ? 1 : 0,
    shown.unitCode,
    shown.claimedBy,
    shown.claimExpiresAt,
    shown.submittedAt,
    shown.dueAt,
    shown.updatedAt,
    flat.label,
    flat.person,
    flat.personIdMasked,
    flat.urgency,
    shown.kind === 'application' ? (shown.data.decision?.pickup ?? null) : null,
    shownLabel,
    searchText({ id: server.id, kind: server.kind, ...flat, place, text }, shownLabel),
    place,
    accident ? accident.requiredPhotos : null,
    accident ? 0 : null,
    accident ? accident.required.join(',') : null,
    accident ? accident.required.length : null,
    accident ? accident.findingCount : null,
    accident ? accident.clearedAt : null,
  ];
  if (tip) values.push(tip.urgencyScore, tip.urgencyReasons, tip.routedTo, tip.duplicateOf, tip.candidateCount, tip.candidateIds, tip.district);
  return values;
}

/**
 * The photo columns of the accidents marked stale (migration 0070), recomputed from their
 * attachment metadata in one statement: `photo_count` the images, `missing_photos` the codes of
 * `required_photos` no metadata fills — a case code (`front_side`) by a photo of that role from
 * any party, a party code (`plate#1`) only by that party's — in the list's order, as
 * shared/rules/quickProcedure.ts `missingPhotos` says (tests/integration/console/query.test.ts
 * holds the two equal). When you change how missingPhotos matches, change `FILLS` too.
 */
/** The case's metadata entries as rows `m` (one JSON list per item, migration 0110). */
const ITEM_METAS = 'item_attachments a, json_each(a.metas) AS m WHERE a.item_id = items.id';
const FILLS = `EXISTS (SELECT 1 FROM ${ITEM_METAS}
  AND (m.value ->> '$.role' = r.value OR (m.value ->> '$.role') || '#' || (m.value ->> '$.partyIdx') = r.value))`;
const RECOMPUTE_STALE = `
  UPDATE items SET
    photo_count = (SELECT count(*) FROM ${ITEM_METAS} AND m.value ->> '$.contentType' LIKE 'image/%'),
    missing_photos = (SELECT coalesce(group_concat(r.value, ',' ORDER BY r.key), '') FROM json_each(items.required_photos) r WHERE NOT ${FILLS}),
    missing_photo_count = (SELECT count(*) FROM json_each(items.required_photos) r WHERE NOT ${FILLS}),
    photos_stale = NULL
  WHERE photos_stale = 1`;

/**
 * Brings the photo columns up to date before anything reads them (a no-op when nothing is stale):
 * a read after a feed page recomputes each of the page's accidents once, not once per photo.
 */
export function photoColumnsFlusher(db: Db): () => void {
  const anyStale = db.prepare<[], { one: number }>('SELECT 1 AS one FROM items WHERE photos_stale = 1 LIMIT 1');
  const recompute = db.prepare(RECOMPUTE_STALE);
  return () => {
    if (anyStale.get()) recompute.run();
  };
}

/**
 * Cached work items. Every change takes a new local `rev` (one counter for items and removals), so
 * the renderer asks for "changed since rev N" and gets only changed rows and removed ids.
 */
export function createItemsRepo(db: Db, meta: MetaRepo) {
  const getStmt = db.prepare<[string], ItemDbRow>('SELECT id, kind, server_json, server_version, local_json, rev FROM items WHERE id = ?');
  // Two statements: a tip's row also binds the tip columns (migration 0080); other kinds leave them
  // NULL (an item never changes kind), so an application's write binds no more than before 0080
  // (a first sync of 100k applications measured ~10% slower with the extra NULL parameters).
  const columnsOf = (tip: boolean): readonly string[] => (tip ? [...COLUMNS, ...TIP_COLUMNS] : COLUMNS);
  // A row known to be new takes a plain INSERT: SQLite runs an upsert (which may update, and fire
  // the update trigger) under a statement journal, copying every page it touches first — a first
  // sync of 100k items made ten times the page writes of the same rows inserted (strace: 543k
  // pwrite calls against 50k for 30k items).
  const insertSql = (tip: boolean): string => `INSERT INTO items (${columnsOf(tip).join(', ')}) VALUES (${columnsOf(tip).map(() => '?').join(', ')})`;
  const upsertSql = (tip: boolean): string =>
    `${insertSql(tip)} ON CONFLICT(id) DO UPDATE SET ${columnsOf(tip).filter((c) => !INSERT_ONLY.has(c)).map((c) => `${c} = excluded.${c}`).join(', ')}`;
  const upsertStmt = db.prepare(upsertSql(false));
  const upsertTipStmt = db.prepare(upsertSql(true));
  const insertStmt = db.prepare(insertSql(false));
  const insertTipStmt = db.prepare(insertSql(true));
  const dropTombstone = db.prepare('DELETE FROM item_removals WHERE id = ?');
  const dropTombstones = db.prepare("DELETE FROM item_removals WHERE id IN (SELECT value FROM json_each(?))");
  const versionsStmt = db.prepare<[string], { id: string; server_version: number }>(
    'SELECT id, server_version FROM items WHERE id IN (SELECT value FROM json_each(?))',
  );
  const versionStmt = db.prepare<[string], { server_version: number }>('SELECT server_version FROM items WHERE id = ?');
  const touchStmt = db.prepare('UPDATE items SET rev = ? WHERE id = ?');
  const deleteStmt = db.prepare<[string], { kind: ItemKind }>('DELETE FROM items WHERE id = ? RETURNING kind');
  const tombstoneStmt = db.prepare(
    'INSERT INTO item_removals (id, kind, rev) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET rev = excluded.rev, kind = excluded.kind',
  );
  const readFlags = flagReader(db);
  const flushPhotos = photoColumnsFlusher(db);
  const listStmt = db.prepare<[ItemKind, number], ListDbRow>(`SELECT ${LIST_COLUMNS} FROM items WHERE kind = ? AND rev > ? ORDER BY rev`);
  const removedStmt = db.prepare<[ItemKind, number], { id: string }>('SELECT id FROM item_removals WHERE kind = ? AND rev > ? ORDER BY rev');
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items');
  const tombstoned = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM item_removals WHERE id = ?');

  return {
    get(id: string): CachedItem | undefined {
      const row = getStmt.get(id);
      return row ? rowToCached(row) : undefined;
    },
    /** The item as the officer sees it: the optimistic view when one exists, else the server's. */
    effective(id: string): WorkItem | undefined {
      const c = this.get(id);
      return c ? (c.local ?? c.server) : undefined;
    },
    serverVersion(id: string): number | undefined {
      return versionStmt.get(id)?.server_version;
    },
    /** Server versions of the cached ones among `ids`, in one query (a feed page). */
    serverVersions(ids: readonly string[]): Map<string, number> {
      return new Map(versionsStmt.all(JSON.stringify(ids)).map((r) => [r.id, r.server_version]));
    },
    /**
     * Upsert; returns the rev. Call inside a transaction with whatever else the change touches.
     * A feed page passes one `rev` for all its rows (they commit together) and drops their
     * tombstones itself (`dropTombstones`), so the page costs one rev bump, not one per row.
     */
    put(server: WorkItem, local: WorkItem | null, pageRev?: number): number {
      const rev = pageRev ?? meta.bumpRev();
      (server.kind === 'tip' ? upsertTipStmt : upsertStmt).run(itemValues(server, local, rev));
      if (pageRev === undefined) dropTombstone.run(server.id);
      return rev;
    },
    /**
     * `put` for an item the caller knows is not cached (a feed page read the cached versions of
     * its items): a plain INSERT, which fails rather than overwrite should the row exist after all.
     */
    insertNew(server: WorkItem, local: WorkItem | null, pageRev: number): void {
      (server.kind === 'tip' ? insertTipStmt : insertStmt).run(itemValues(server, local, pageRev));
    },
    /** Forgets the removal of items that came back (once per feed page). */
    dropTombstones: (ids: readonly string[]): void => void dropTombstones.run(JSON.stringify(ids)),
    /** Gives the item a new rev without changing it (its pending/conflict flags changed). */
    touch(id: string): void {
      if (getStmt.get(id)) touchStmt.run(meta.bumpRev(), id);
    },
    /** Deletes the item and leaves a tombstone; returns its kind, or undefined if it was not cached. */
    remove(id: string, pageRev?: number): ItemKind | undefined {
      const row = deleteStmt.get(id);
      if (!row) return undefined;
      tombstoneStmt.run(id, row.kind, pageRev ?? meta.bumpRev());
      return row.kind;
    },
    list(kind: ItemKind, sinceRev: number): { rows: ItemRow[]; removed: string[]; rev: number } {
      flushPhotos();
      const flags = readFlags();
      const rows = listStmt.all(kind, sinceRev).map((r) => listRowToItemRow(r, flags));
      // a first load (sinceRev 0) has nothing to remove
      const removed = sinceRev === 0 ? [] : removedStmt.all(kind, sinceRev).map((r) => r.id);
      return { rows, removed, rev: meta.rev() };
    },
    count: (): number => countStmt.get()?.n ?? 0,
    /** The feed said this item left the scope (and it has not come back since). */
    isRemoved: (id: string): boolean => tombstoned.get(id) !== undefined,
    /**
     * Forget every cached item. For a change of officer the removals are kept as tombstones so an
     * open view learns they went; a wipe drops the tombstones too.
     */
    clear(opts: { keepTombstones: boolean }): void {
      if (opts.keepTombstones && (countStmt.get()?.n ?? 0) > 0) {
        db.prepare("INSERT INTO item_removals (id, kind, rev) SELECT id, kind, ? FROM items WHERE true ON CONFLICT(id) DO UPDATE SET rev = excluded.rev").run(meta.bumpRev());
        db.exec('DELETE FROM items');
      } else if (!opts.keepTombstones) {
        db.exec('DELETE FROM items; DELETE FROM item_removals;');
      }
    },
  };
}
export type ItemsRepo = ReturnType<typeof createItemsRepo>;
