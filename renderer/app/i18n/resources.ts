import { app } from './locales/app';
import { domain } from './locales/domain';
import { errors } from './locales/errors';
import { auth } from '../../features/auth/locale';
import { workspace } from '../../features/workspace/locale';
import { applications } from '../../features/applications/locale';
import { accidents } from '../../features/accidents/locale';
import { tips } from '../../features/tips/locale';
import { sync } from '../../features/sync/locale';
import { dashboard } from '../../features/dashboard/locale';
import { admin } from '../../features/admin/locale';
import { hall } from '../../features/hall/locale';
import { audit } from '../../features/audit/locale';

/**
 * Every i18n namespace: one per feature (`auth`, `workspace`, `applications`, `accidents`, `tips`, `sync`) plus the
 * shell's (`app`), the shared domain vocabulary (`domain`) and the error codes (`errors`).
 * Keys are written `ns:key.path` (e.g. `applications:col.id`, `errors:offline`); `app` is the
 * default namespace. A new feature adds its `locale.ts` here (tips, hall).
 */
export const NAMESPACES = { app, domain, errors, auth, workspace, applications, accidents, tips, sync, dashboard, admin, hall, audit } as const;
export type Namespace = keyof typeof NAMESPACES;
export const DEFAULT_NS: Namespace = 'app';

type Lang = 'zh-CN' | 'en';

function resourcesFor(lang: Lang): { [N in Namespace]: (typeof NAMESPACES)[N][Lang] } {
  const out: Partial<Record<Namespace, unknown>> = {};
  for (const ns of Object.keys(NAMESPACES) as Namespace[]) out[ns] = NAMESPACES[ns][lang];
  return out as { [N in Namespace]: (typeof NAMESPACES)[N][Lang] };
}

/** i18next `resources`: language → namespace → tree. */
export const RESOURCES = { 'zh-CN': resourcesFor('zh-CN'), en: resourcesFor('en') } as const;
