import { OfficerSchema, type Officer } from '#shared/domain/officers';
import type { Db } from '../open';

interface OfficerDbRow {
  badge: string;
  name: string;
  role: string;
  unit_code: string;
}

const rowToOfficer = (r: OfficerDbRow): Officer => OfficerSchema.parse({ badge: r.badge, name: r.name, role: r.role, unitCode: r.unit_code });

/** The officer directory (migration 0060): replaced whole whenever the exchange sends it. */
export function createOfficersRepo(db: Db) {
  const all = db.prepare<[], OfficerDbRow>('SELECT badge, name, role, unit_code FROM officers ORDER BY badge');
  const names = db.prepare<[], { badge: string; name: string }>('SELECT badge, name FROM officers');
  const insert = db.prepare('INSERT INTO officers (badge, name, role, unit_code) VALUES (?, ?, ?, ?)');
  return {
    list: (): Officer[] => all.all().map(rowToOfficer),
    /** badge → name, read once per grid page or list. */
    names: (): Map<string, string> => new Map(names.all().map((r) => [r.badge, r.name])),
    /** Call inside a transaction. */
    replaceAll(officers: readonly Officer[]): void {
      db.exec('DELETE FROM officers');
      for (const o of officers) insert.run(o.badge, o.name, o.role, o.unitCode);
    },
    clear: (): void => void db.exec('DELETE FROM officers'),
  };
}
export type OfficersRepo = ReturnType<typeof createOfficersRepo>;
