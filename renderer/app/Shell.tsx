import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { KINDS_BY_ROLE } from '#shared/domain/officers';
import { unitName } from '#shared/domain/units';
import { bridge, BridgeCallError, toBridgeError } from './bridge';
import { navigate, useHashRoute, useSyncStatus } from './hooks';
import { currentLanguage, hasLocalLanguage, setLanguage, type Language } from './i18n';
import { Header, type SyncState } from './Header';
import { Sidebar, ROUTE_OF_KIND } from './Sidebar';
import { LogoutDialog } from './LogoutDialog';
import { Placeholder } from './Placeholder';
import { useSession } from './session';
import { ApplicationsPage } from '../features/applications/ApplicationsPage';
import { SyncPanel } from '../features/sync/SyncPanel';

/** The logged-in layout: header, offline banner, sidebar per role, and the routed workspace. */
export function Shell(props: Readonly<{ onLoggedOut: () => void }>) {
  const { t } = useTranslation();
  const { session } = useSession();
  const status = useSyncStatus();
  const route = useHashRoute();
  const [logoutOpen, setLogoutOpen] = useState(false);
  const [logoutError, setLogoutError] = useState<BridgeCallError | null>(null);
  const [busy, setBusy] = useState(false);

  const kinds = KINDS_BY_ROLE[session.officer.role];
  const routes = [...kinds.map((k) => ROUTE_OF_KIND[k]), 'sync'];
  const active = routes.includes(route) ? route : (routes[0] ?? 'sync');
  const online = status?.online ?? true;
  const syncState: SyncState = !online ? 'offline' : status?.syncing ? 'syncing' : 'online';

  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (!visited.has(active)) setVisited(new Set([...visited, active]));
  }, [active, visited]);

  useEffect(() => {
    if (hasLocalLanguage()) return;
    bridge()
      ['settings.get']({})
      .then(
        (s) => s.language !== currentLanguage() && setLanguage(s.language),
        () => undefined, // the default language stays
      );
  }, []);

  const onLanguage = useCallback((lang: Language) => {
    setLanguage(lang);
    bridge()['settings.set']({ language: lang }).catch(() => undefined); // the choice is also kept locally
  }, []);

  const onLogout = (wipe: boolean) => {
    setBusy(true);
    setLogoutError(null);
    bridge()
      ['auth.logout']({ wipe })
      .then(
        () => {
          setLogoutOpen(false);
          props.onLoggedOut();
        },
        (e: unknown) => setLogoutError(toBridgeError(e)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <Header
        officerName={session.officer.name}
        badge={session.officer.badge}
        unitName={unitName(session.officer.unitCode)}
        syncState={syncState}
        pending={status?.pending ?? 0}
        conflicts={status?.conflicts ?? 0}
        language={currentLanguage()}
        onLanguage={onLanguage}
        onLogout={() => setLogoutOpen(true)}
        onOpenSync={() => navigate('sync')}
      />
      {!online && (
        <Alert severity="warning" variant="filled" square role="status" data-testid="offline-banner" sx={{ py: 0 }}>
          {t('header.offlineBanner')}
        </Alert>
      )}
      {online && status?.lastError?.code === 'unauthenticated' && (
        // The exchange refused the token (expired or revoked): work goes on from the cache and the
        // outbox is kept for this badge, but nothing syncs until the officer logs in again.
        <Alert
          severity="error"
          square
          role="status"
          data-testid="relogin-banner"
          sx={{ py: 0 }}
          action={
            <Button color="inherit" size="small" data-testid="relogin" onClick={() => onLogout(false)}>
              {t('header.relogin')}
            </Button>
          }
        >
          {t('header.reloginBanner')}
        </Alert>
      )}
      {session.offlineLogin && (
        <Alert severity="info" square role="status" sx={{ py: 0 }}>
          {t('header.offlineLogin')}
        </Alert>
      )}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Sidebar kinds={kinds} route={active} />
        <Box component="main" sx={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          {/* The queue stays mounted once opened, so its rows, view and selection survive a visit elsewhere. */}
          {(active === 'applications' || visited.has('applications')) && (
            <Box sx={{ display: active === 'applications' ? 'flex' : 'none', flex: 1, minHeight: 0, flexDirection: 'column' }}>
              <ApplicationsPage online={online} active={active === 'applications'} />
            </Box>
          )}
          {active === 'accidents' && <Placeholder title={t('nav.accidents')} testId="accidents-placeholder" />}
          {active === 'tips' && <Placeholder title={t('nav.tips')} testId="tips-placeholder" />}
          {active === 'sync' && <SyncPanel status={status} />}
        </Box>
      </Box>
      <LogoutDialog
        open={logoutOpen}
        pending={status?.pending ?? 0}
        error={logoutError}
        busy={busy}
        onCancel={() => setLogoutOpen(false)}
        onConfirm={onLogout}
      />
    </Box>
  );
}
