import type { Db } from '../open';

/** Settings as JSON values by key; the console validates the merged object with SettingsSchema. */
export function createSettingsRepo(db: Db) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    all(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const r of all.all()) out[r.key] = JSON.parse(r.value) as unknown;
      return out;
    },
    set(values: Record<string, unknown>): void {
      db.transaction(() => {
        for (const [k, v] of Object.entries(values)) if (v !== undefined) put.run(k, JSON.stringify(v));
      })();
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
