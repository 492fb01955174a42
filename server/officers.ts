import fs from 'node:fs';
import { z } from 'zod';
import { OfficerSchema, type Officer } from '#shared/domain/officers';
import type { Repos } from './store/store';
import { hashPassword } from './auth/passwords';

/** Demo mode only (DESIGN.md): a real deployment creates officers with an admin command. */
export const DEMO_PASSWORD = 'Demo#2026';

export const DEMO_OFFICERS: readonly Officer[] = [
  { badge: '100001', name: '王丽娜', role: 'clerk', unitCode: '410100' },
  { badge: '100002', name: '李建国', role: 'traffic', unitCode: '410100' },
  { badge: '100003', name: '赵文博', role: 'intel', unitCode: '410100' },
  { badge: '100004', name: '陈志强', role: 'supervisor', unitCode: '410100' },
  { badge: '100005', name: '刘晓燕', role: 'clerk', unitCode: '410100' },
  { badge: '300001', name: '孙海涛', role: 'clerk', unitCode: '410300' },
  { badge: '300002', name: '周明辉', role: 'traffic', unitCode: '410300' },
  { badge: '900001', name: '郑国华', role: 'admin', unitCode: '410000' },
];

const OfficersFileSchema = z.array(OfficerSchema.extend({ password: z.string().min(8).max(128) }));

export async function createOfficers(db: Repos, officers: readonly (Officer & { password: string })[]): Promise<void> {
  for (const o of officers) {
    const { hash, salt } = await hashPassword(o.password);
    await db.officers.put({ badge: o.badge, name: o.name, role: o.role, unitCode: o.unitCode, passwordHash: hash, passwordSalt: salt });
  }
}

/** Creates the demo officers that do not exist yet (keeps their lockout state and passwords). */
export async function ensureDemoOfficers(db: Repos): Promise<void> {
  const missing: (Officer & { password: string })[] = [];
  for (const o of DEMO_OFFICERS) if (!(await db.officers.get(o.badge))) missing.push({ ...o, password: DEMO_PASSWORD });
  await createOfficers(db, missing);
}

export async function loadOfficersFile(db: Repos, file: string): Promise<void> {
  await createOfficers(db, OfficersFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
}
