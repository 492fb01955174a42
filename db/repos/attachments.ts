import { AttachmentMetaSchema, type AttachmentMeta } from '#shared/domain/attachments';
import type { Db } from '../open';

export interface CachedFile {
  sha256: string;
  size: number;
  contentType: string;
  lastAccess: number;
  /** Every item referring to the file is finished (terminal), or none does any more. */
  finished: boolean;
}

/** An entry of item_attachments.metas (migration 0110): the AttachmentMeta less its item, the row's key. */
type StoredMeta = Omit<AttachmentMeta, 'itemId'>;

interface MetaDbRow {
  item_id: string;
  /** one StoredMeta as JSON */
  meta: string;
}

const metaToStored = (m: AttachmentMeta): StoredMeta => ({
  sha256: m.sha256,
  role: m.role,
  partyIdx: m.partyIdx,
  contentType: m.contentType,
  size: m.size,
  takenAt: m.takenAt,
  gps: m.gps,
});
const storedToMeta = (itemId: string, stored: unknown): AttachmentMeta => AttachmentMetaSchema.parse({ ...(stored as object), itemId });

/**
 * The lists of the given metadata per item, in feed order. A file listed twice under one role
 * keeps its later place and fields (as the per-file rows before 0110 did, by their upsert).
 */
function listsByItem(metas: readonly AttachmentMeta[]): Map<string, StoredMeta[]> {
  const lists = new Map<string, StoredMeta[]>();
  for (const m of metas) {
    let list = lists.get(m.itemId);
    if (!list) lists.set(m.itemId, (list = []));
    const dup = list.findIndex((s) => s.sha256 === m.sha256 && s.role === m.role);
    if (dup >= 0) list.splice(dup, 1);
    list.push(metaToStored(m));
  }
  return lists;
}

/**
 * Attachment metadata per cached item, and the index of files held in the on-disk store. The
 * metadata is one JSON list per item (migration 0110); attachment_shas, which items list a file,
 * follows the lists by trigger.
 */
export function createAttachmentsRepo(db: Db) {
  const deleteLists = db.prepare('DELETE FROM item_attachments WHERE item_id IN (SELECT value FROM json_each(?))');
  // every list of a page in one statement, from a JSON object item id → list
  const insertLists = db.prepare('INSERT INTO item_attachments (item_id, metas) SELECT key, value FROM json_each(?) WHERE true');
  const listOf = db.prepare<[string], { metas: string }>('SELECT metas FROM item_attachments WHERE item_id = ?');
  const metaForSha = db.prepare<[string], MetaDbRow>(`
    SELECT a.item_id, j.value AS meta FROM attachment_shas s JOIN item_attachments a ON a.item_id = s.item_id, json_each(a.metas) AS j
    WHERE s.sha256 = ? AND j.value ->> '$.sha256' = s.sha256 LIMIT 1`);
  const itemExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM items WHERE id = ?');
  const fileStmt = db.prepare<[string], { sha256: string; size: number; content_type: string; last_access: number }>(
    'SELECT sha256, size, content_type, last_access FROM attachment_files WHERE sha256 = ?',
  );
  const putFile = db.prepare(
    `INSERT INTO attachment_files (sha256, size, content_type, stored_at, last_access) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(sha256) DO UPDATE SET size = excluded.size, content_type = excluded.content_type, last_access = excluded.last_access`,
  );
  const touchFile = db.prepare('UPDATE attachment_files SET last_access = ? WHERE sha256 = ?');
  const deleteFile = db.prepare('DELETE FROM attachment_files WHERE sha256 = ?');
  const totalStmt = db.prepare<[], { total: number }>('SELECT coalesce(sum(size), 0) AS total FROM attachment_files');
  // finished files first, then least recently used: the order eviction walks
  const evictionOrder = db.prepare<[], { sha256: string; size: number; content_type: string; last_access: number; open_refs: number }>(`
    SELECT f.sha256, f.size, f.content_type, f.last_access,
      (SELECT count(*) FROM attachment_shas s JOIN items i ON i.id = s.item_id WHERE s.sha256 = f.sha256 AND i.terminal = 0) AS open_refs
    FROM attachment_files f
    ORDER BY (open_refs > 0), f.last_access`);
  // what prefetch wants: files of open items not on disk yet, newest items first — over every
  // cached item (a catch-up, reads every list) or over the items a pull just stored. The bare
  // columns come from the row of max(submitted_at) (SQLite's rule for a lone max aggregate).
  const missing = (only: string) => `
    SELECT a.item_id, j.value AS meta FROM items i JOIN item_attachments a ON a.item_id = i.id, json_each(a.metas) AS j
    WHERE ${only} i.terminal = 0 AND NOT EXISTS (SELECT 1 FROM attachment_files f WHERE f.sha256 = j.value ->> '$.sha256')
    GROUP BY j.value ->> '$.sha256' ORDER BY max(i.submitted_at) DESC`;
  const missingForOpen = db.prepare<[], MetaDbRow>(missing(''));
  const missingForItems = db.prepare<[string], MetaDbRow>(missing('i.id IN (SELECT value FROM json_each(?)) AND'));

  // the deferred file index (migration 0110): set while a first sync skips it, rebuilt sorted
  const PENDING = 'attachment_shas_pending';
  const isPending = db.prepare<[], { one: number }>(`SELECT 1 AS one FROM meta WHERE key = '${PENDING}'`);
  const setPending = db.prepare(`INSERT INTO meta (key, value) VALUES ('${PENDING}', '1') ON CONFLICT(key) DO NOTHING`);
  const rebuildShas = db.transaction(() => {
    db.exec(`
      DELETE FROM attachment_shas;
      INSERT INTO attachment_shas (sha256, item_id)
        SELECT j.value ->> '$.sha256', a.item_id FROM item_attachments a, json_each(a.metas) AS j WHERE true ORDER BY 1, 2 ON CONFLICT DO NOTHING;
      DELETE FROM meta WHERE key = '${PENDING}';`);
  });
  const buildShas = (): void => {
    if (isPending.get()) rebuildShas();
  };

  const parseRow = (r: MetaDbRow): AttachmentMeta => storedToMeta(r.item_id, JSON.parse(r.meta));
  const insert = (lists: ReadonlyMap<string, StoredMeta[]>): void => {
    if (lists.size > 0) insertLists.run(JSON.stringify(Object.fromEntries(lists)));
  };

  return {
    /** Replaces the metadata of the given items (call inside the page transaction). Items not cached are skipped. */
    replaceMetaFor(itemIds: readonly string[], metas: readonly AttachmentMeta[]): void {
      deleteLists.run(JSON.stringify(itemIds));
      const lists = listsByItem(metas);
      for (const id of lists.keys()) if (!itemExists.get(id)) lists.delete(id);
      insert(lists);
    },
    /**
     * A feed page's metadata: replaces that of the page's items that were cached before (one
     * DELETE), and inserts every row of `metas` without checking its item — the caller passes
     * only metas of items the page just stored (the foreign key still guards it).
     */
    replaceMetaForPage(previouslyCached: readonly string[], metas: readonly AttachmentMeta[]): void {
      if (previouslyCached.length > 0) deleteLists.run(JSON.stringify(previouslyCached));
      insert(listsByItem(metas));
    },
    forItem(itemId: string): AttachmentMeta[] {
      const row = listOf.get(itemId);
      return row ? (JSON.parse(row.metas) as unknown[]).map((m) => storedToMeta(itemId, m)) : [];
    },
    /** Metadata of a sha some cached item refers to; undefined when no cached item does. */
    metaBySha(sha256: string): AttachmentMeta | undefined {
      buildShas();
      const row = metaForSha.get(sha256);
      return row ? parseRow(row) : undefined;
    },
    /** Files of open items missing on disk: of every cached item, or only of `itemIds`. */
    missingForOpenItems: (itemIds?: readonly string[]): AttachmentMeta[] =>
      (itemIds === undefined ? missingForOpen.all() : missingForItems.all(JSON.stringify(itemIds))).map(parseRow),
    file(sha256: string): { size: number; contentType: string; lastAccess: number } | undefined {
      const row = fileStmt.get(sha256);
      return row ? { size: row.size, contentType: row.content_type, lastAccess: row.last_access } : undefined;
    },
    recordFile(sha256: string, size: number, contentType: string, nowMs: number): void {
      putFile.run(sha256, size, contentType, new Date(nowMs).toISOString(), nowMs);
    },
    touchFile: (sha256: string, nowMs: number): void => void touchFile.run(nowMs, sha256),
    forgetFile: (sha256: string): void => void deleteFile.run(sha256),
    totalBytes: (): number => totalStmt.get()?.total ?? 0,
    evictionCandidates(): CachedFile[] {
      buildShas();
      return evictionOrder.all().map((r) => ({ sha256: r.sha256, size: r.size, contentType: r.content_type, lastAccess: r.last_access, finished: r.open_refs === 0 }));
    },
    /**
     * Stops keeping the file index while a bulk load writes (a first sync into an empty cache):
     * new metadata adds nothing to it until `buildShas`, and the readers that use it build it
     * first. Persisted, so a console stopped mid-load still builds it before use.
     */
    deferShas: (): void => void setPending.run(),
    /** Builds the deferred file index in one sorted pass (a no-op when nothing is deferred). */
    buildShas,
    allFiles: (): string[] => db.prepare<[], { sha256: string }>('SELECT sha256 FROM attachment_files').all().map((r) => r.sha256),
    clearAll(): void {
      db.exec('DELETE FROM item_attachments; DELETE FROM attachment_shas; DELETE FROM attachment_files;');
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof createAttachmentsRepo>;
