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

interface MetaDbRow {
  item_id: string;
  sha256: string;
  role: string;
  meta_json: string;
}

/** Attachment metadata per cached item, and the index of files held in the on-disk store. */
export function createAttachmentsRepo(db: Db) {
  const deleteMetaForItem = db.prepare('DELETE FROM attachment_meta WHERE item_id = ?');
  const deleteMetaForItems = db.prepare('DELETE FROM attachment_meta WHERE item_id IN (SELECT value FROM json_each(?))');
  // metadata rows in one statement, from their JSON list: ord is the row's place in the list, and
  // meta_json holds what the key columns do not (the layout migration 0050 gave it)
  const insertMetas = db.prepare(
    `INSERT INTO attachment_meta (item_id, sha256, role, ord, meta_json)
     SELECT m.value ->> '$.itemId', m.value ->> '$.sha256', m.value ->> '$.role', m.key,
       json_object('partyIdx', m.value -> '$.partyIdx', 'contentType', m.value -> '$.contentType', 'size', m.value -> '$.size', 'takenAt', m.value -> '$.takenAt', 'gps', m.value -> '$.gps')
     FROM json_each(?) AS m WHERE true
     ON CONFLICT DO UPDATE SET ord = excluded.ord, meta_json = excluded.meta_json`,
  );
  const metaForItem = db.prepare<[string], MetaDbRow>('SELECT item_id, sha256, role, meta_json FROM attachment_meta WHERE item_id = ? ORDER BY ord');
  const metaForSha = db.prepare<[string], MetaDbRow>('SELECT item_id, sha256, role, meta_json FROM attachment_meta WHERE sha256 = ? LIMIT 1');
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
      (SELECT count(*) FROM attachment_meta m JOIN items i ON i.id = m.item_id WHERE m.sha256 = f.sha256 AND i.terminal = 0) AS open_refs
    FROM attachment_files f
    ORDER BY (open_refs > 0), f.last_access`);
  // what prefetch wants: files of open items not on disk yet, newest items first — over every
  // cached item (a catch-up, scans the whole table) or over the items a pull just stored
  const missingForOpen = db.prepare<[], MetaDbRow>(`
    SELECT m.item_id, m.sha256, m.role, m.meta_json FROM attachment_meta m JOIN items i ON i.id = m.item_id
    WHERE i.terminal = 0 AND NOT EXISTS (SELECT 1 FROM attachment_files f WHERE f.sha256 = m.sha256)
    GROUP BY m.sha256 ORDER BY max(i.submitted_at) DESC`);
  const missingForItems = db.prepare<[string], MetaDbRow>(`
    SELECT m.item_id, m.sha256, m.role, m.meta_json FROM items i JOIN attachment_meta m ON m.item_id = i.id
    WHERE i.id IN (SELECT value FROM json_each(?)) AND i.terminal = 0
      AND NOT EXISTS (SELECT 1 FROM attachment_files f WHERE f.sha256 = m.sha256)
    GROUP BY m.sha256 ORDER BY max(i.submitted_at) DESC`);

  // the key columns win over the JSON (which, since 0050, holds only the rest)
  const parseMeta = (r: MetaDbRow): AttachmentMeta =>
    AttachmentMetaSchema.parse({ ...(JSON.parse(r.meta_json) as object), sha256: r.sha256, itemId: r.item_id, role: r.role });
  const insert = (metas: readonly AttachmentMeta[]): void => {
    if (metas.length > 0) insertMetas.run(JSON.stringify(metas));
  };

  return {
    /** Replaces the metadata of the given items (call inside the page transaction). Items not cached are skipped. */
    replaceMetaFor(itemIds: readonly string[], metas: readonly AttachmentMeta[]): void {
      for (const id of itemIds) deleteMetaForItem.run(id);
      insert(metas.filter((m) => itemExists.get(m.itemId)));
    },
    /**
     * A feed page's metadata: replaces that of the page's items that were cached before (one
     * DELETE), and inserts every row of `metas` without checking its item — the caller passes
     * only metas of items the page just stored (the foreign key still guards it).
     */
    replaceMetaForPage(previouslyCached: readonly string[], metas: readonly AttachmentMeta[]): void {
      if (previouslyCached.length > 0) deleteMetaForItems.run(JSON.stringify(previouslyCached));
      insert(metas);
    },
    forItem: (itemId: string): AttachmentMeta[] => metaForItem.all(itemId).map(parseMeta),
    /** Metadata of a sha some cached item refers to; undefined when no cached item does. */
    metaBySha(sha256: string): AttachmentMeta | undefined {
      const row = metaForSha.get(sha256);
      return row ? parseMeta(row) : undefined;
    },
    /** Files of open items missing on disk: of every cached item, or only of `itemIds`. */
    missingForOpenItems: (itemIds?: readonly string[]): AttachmentMeta[] =>
      (itemIds === undefined ? missingForOpen.all() : missingForItems.all(JSON.stringify(itemIds))).map(parseMeta),
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
    evictionCandidates: (): CachedFile[] =>
      evictionOrder.all().map((r) => ({ sha256: r.sha256, size: r.size, contentType: r.content_type, lastAccess: r.last_access, finished: r.open_refs === 0 })),
    allFiles: (): string[] => db.prepare<[], { sha256: string }>('SELECT sha256 FROM attachment_files').all().map((r) => r.sha256),
    clearAll(): void {
      db.exec('DELETE FROM attachment_meta; DELETE FROM attachment_files;');
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof createAttachmentsRepo>;
