import { describe, expect, it, vi } from 'vitest';
import { RoleSchema, roleSeesKind } from '#shared/domain/officers';

// the screens themselves need a browser; the registry is what is under test
vi.mock('../../../../renderer/features/applications/ApplicationsPage', () => ({ ApplicationsPage: () => null }));
vi.mock('../../../../renderer/features/sync/SyncPanel', () => ({ SyncPanel: () => null }));

const { ROUTES, resolveRoute, routesFor } = await import('../../../../renderer/app/routes');
const { RESOURCES } = await import('../../../../renderer/app/i18n/resources');

function has(lang: 'zh-CN' | 'en', key: string): boolean {
  const [ns, path] = key.split(':') as [string, string];
  let node: unknown = (RESOURCES[lang] as Record<string, unknown>)[ns];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' && node.length > 0;
}

describe('the route registry', () => {
  it('gives each route a distinct id and a label in both languages', () => {
    expect(new Set(ROUTES.map((r) => r.id)).size).toBe(ROUTES.length);
    for (const r of ROUTES) for (const lang of ['zh-CN', 'en'] as const) expect(has(lang, r.labelKey), `${lang} ${r.labelKey}`).toBe(true);
  });

  it("shows each kind's workspace to exactly the roles that see that kind", () => {
    const byKind = { applications: 'application', accidents: 'accident', tips: 'tip' } as const;
    for (const [id, kind] of Object.entries(byKind)) {
      const route = ROUTES.find((r) => r.id === id);
      expect([...(route?.roles ?? [])].sort()).toEqual(RoleSchema.options.filter((role) => roleSeesKind(role, kind)).sort());
    }
  });

  it('gives a clerk the applications, the hall window and the sync panel, a supervisor every workspace with the dashboard and the audit log, an admin no citizen items', () => {
    expect(routesFor('clerk').map((r) => r.id)).toEqual(['applications', 'hall', 'sync']);
    expect(routesFor('traffic').map((r) => r.id)).toEqual(['accidents', 'sync']);
    expect(routesFor('supervisor').map((r) => r.id)).toEqual(['applications', 'accidents', 'tips', 'dashboard', 'audit', 'sync']);
    expect(routesFor('admin').map((r) => r.id)).toEqual(['dashboard', 'admin', 'audit', 'sync']);
  });

  it('opens the officer\'s first route for an empty or foreign hash (e.g. the last officer\'s)', () => {
    const clerk = routesFor('clerk');
    expect(resolveRoute(clerk, '')?.id).toBe('applications');
    expect(resolveRoute(clerk, 'tips')?.id).toBe('applications');
    expect(resolveRoute(clerk, 'sync')?.id).toBe('sync');
    expect(resolveRoute(routesFor('traffic'), 'applications')?.id).toBe('accidents');
  });
});
