import type { Db } from '../open';

/** Small key/value facts: the feed cursor, the rev counter, the last sync time, the cache owner. */
export function createMetaRepo(db: Db) {
  const getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const delStmt = db.prepare('DELETE FROM meta WHERE key = ?');

  const get = (key: string): string | null => getStmt.get(key)?.value ?? null;
  const set = (key: string, value: string): void => void setStmt.run(key, value);

  return {
    get,
    set,
    delete: (key: string): void => void delStmt.run(key),
    cursor: (): number => Number(get('cursor') ?? 0),
    setCursor: (next: number): void => set('cursor', String(next)),
    lastSyncAt: (): string | null => get('last_sync_at'),
    setLastSyncAt: (iso: string): void => set('last_sync_at', iso),
    /** The officer whose scope the cached items belong to. */
    owner: (): string | null => get('cache_owner'),
    setOwner: (badge: string): void => set('cache_owner', badge),
    rev: (): number => Number(get('rev') ?? 0),
    /** The next local revision. Call inside the transaction that makes the change. */
    bumpRev(): number {
      const next = Number(get('rev') ?? 0) + 1;
      set('rev', String(next));
      return next;
    },
  };
}
export type MetaRepo = ReturnType<typeof createMetaRepo>;
