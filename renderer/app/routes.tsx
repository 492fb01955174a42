import { lazy, Suspense, type ComponentType } from 'react';
import AssignmentIcon from '@mui/icons-material/Assignment';
import CarCrashIcon from '@mui/icons-material/CarCrash';
import CampaignIcon from '@mui/icons-material/Campaign';
import SyncAltIcon from '@mui/icons-material/SyncAlt';
import StorefrontIcon from '@mui/icons-material/Storefront';
import InsightsIcon from '@mui/icons-material/Insights';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import type { SyncStatus } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import { RoleSchema, roleSeesKind, type Role } from '#shared/domain/officers';
import { ApplicationsPage } from '../features/applications/ApplicationsPage';
import { SyncPanel } from '../features/sync/SyncPanel';

/** What the shell hands every routed screen. */
export interface RouteProps {
  readonly online: boolean;
  /** False while another route is shown (a kept-mounted screen turns its keys off). */
  readonly active: boolean;
  readonly status: SyncStatus | null;
}

export interface RouteDef {
  /** `#/<id>`; also the sidebar link's test id `nav-<id>`. */
  readonly id: string;
  readonly labelKey: string;
  readonly Icon: ComponentType;
  /** Who sees it: for a kind's workspace, the roles that see the kind (KINDS_BY_ROLE). */
  readonly roles: readonly Role[];
  readonly Component: ComponentType<RouteProps>;
  /** Stays mounted (hidden) once opened, so a queue's view, rows and selection survive a visit elsewhere. */
  readonly keepMounted: boolean;
  /** The sidebar puts a divider between the work and the system routes. */
  readonly group: 'work' | 'system';
}

const rolesSeeing = (kind: ItemKind): Role[] => RoleSchema.options.filter((r) => roleSeesKind(r, kind));

const Applications = (p: RouteProps) => <ApplicationsPage online={p.online} active={p.active} />;
// Loaded when first shown: only traffic officers and supervisors open it, so a clerk's console
// never reads the accident review's code (vite puts it in a chunk of its own).
const AccidentsPage = lazy(() => import('../features/accidents/AccidentsPage').then((m) => ({ default: m.AccidentsPage })));
const Accidents = (p: RouteProps) => (
  <Suspense fallback={null}>
    <AccidentsPage online={p.online} active={p.active} />
  </Suspense>
);
// Likewise for the tip triage: intelligence staff and supervisors only.
const TipsPage = lazy(() => import('../features/tips/TipsPage').then((m) => ({ default: m.TipsPage })));
const Tips = (p: RouteProps) => (
  <Suspense fallback={null}>
    <TipsPage online={p.online} active={p.active} />
  </Suspense>
);
// The hall window (clerks), the supervisors' dashboards and audit viewer, the admins' officers:
// each only for its roles, each in a chunk of its own.
const lazyPage = (load: () => Promise<ComponentType<Pick<RouteProps, 'online' | 'active'>>>) => {
  const Page = lazy(() => load().then((c) => ({ default: c })));
  return (p: RouteProps) => (
    <Suspense fallback={null}>
      <Page online={p.online} active={p.active} />
    </Suspense>
  );
};
const Hall = lazyPage(() => import('../features/hall/HallPage').then((m) => m.HallPage));
const Dashboard = lazyPage(() => import('../features/dashboard/DashboardPage').then((m) => m.DashboardPage));
const Audit = lazyPage(() => import('../features/audit/AuditPage').then((m) => m.AuditPage));
const Admin = lazyPage(() => import('../features/admin/AdminPage').then((m) => m.AdminPage));
const Sync = (p: RouteProps) => <SyncPanel status={p.status} />;

/**
 * THE route registry: the shell renders from it and the sidebar lists it, so a new workspace
 * (the hall's next) is one entry here, with a lazily loaded component like accidents and tips
 * (app/Placeholder.tsx stands in for a screen not built yet).
 */
export const ROUTES: readonly RouteDef[] = [
  { id: 'applications', labelKey: 'app:nav.applications', Icon: AssignmentIcon, roles: rolesSeeing('application'), Component: Applications, keepMounted: true, group: 'work' },
  { id: 'accidents', labelKey: 'app:nav.accidents', Icon: CarCrashIcon, roles: rolesSeeing('accident'), Component: Accidents, keepMounted: true, group: 'work' },
  { id: 'tips', labelKey: 'app:nav.tips', Icon: CampaignIcon, roles: rolesSeeing('tip'), Component: Tips, keepMounted: true, group: 'work' },
  { id: 'hall', labelKey: 'app:nav.hall', Icon: StorefrontIcon, roles: ['clerk'], Component: Hall, keepMounted: true, group: 'work' },
  { id: 'dashboard', labelKey: 'app:nav.dashboard', Icon: InsightsIcon, roles: ['supervisor', 'admin'], Component: Dashboard, keepMounted: true, group: 'work' },
  { id: 'admin', labelKey: 'app:nav.admin', Icon: ManageAccountsIcon, roles: ['admin'], Component: Admin, keepMounted: true, group: 'work' },
  { id: 'audit', labelKey: 'app:nav.audit', Icon: FactCheckIcon, roles: ['supervisor', 'admin'], Component: Audit, keepMounted: false, group: 'system' },
  { id: 'sync', labelKey: 'app:nav.sync', Icon: SyncAltIcon, roles: RoleSchema.options, Component: Sync, keepMounted: false, group: 'system' },
];

/** The routes an officer of `role` sees, in sidebar order. */
export function routesFor(role: Role): RouteDef[] {
  return ROUTES.filter((r) => r.roles.includes(role));
}

/** The route a hash names, if the officer sees it; else the officer's first route. */
export function resolveRoute(routes: readonly RouteDef[], hashRoute: string): RouteDef | undefined {
  return routes.find((r) => r.id === hashRoute) ?? routes[0];
}
