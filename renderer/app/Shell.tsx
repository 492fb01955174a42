import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { bridge, BridgeCallError, toBridgeError } from './bridge';
import { navigate, useHashRoute, useSyncStatus } from './hooks';
import { currentLanguage, hasLocalLanguage, setLanguage, type Language } from './i18n';
import { localUnitName } from './i18n/units';
import { Header, type SyncState } from './Header';
import { Sidebar } from './Sidebar';
import { LogoutDialog } from './LogoutDialog';
import { OfficerDirectoryProvider } from './officers';
import { resolveRoute, routesFor } from './routes';
import { useSession } from './session';

/**
 * The logged-in layout: header, banners, the sidebar and the routed screen, all from the route
 * registry (app/routes.tsx). App keys it by the session, so nothing of one officer's screens
 * (rows, selection, dialogs) is there for the next.
 */
export function Shell(props: Readonly<{ onLoggedOut: () => void }>) {
  const { t } = useTranslation();
  const { session } = useSession();
  const status = useSyncStatus();
  const hashRoute = useHashRoute();
  const lang = currentLanguage();
  const [logoutOpen, setLogoutOpen] = useState(false);
  const [logoutError, setLogoutError] = useState<BridgeCallError | null>(null);
  const [busy, setBusy] = useState(false);

  const routes = useMemo(() => routesFor(session.officer.role), [session.officer.role]);
  const active = resolveRoute(routes, hashRoute);
  const online = status?.online ?? true;
  const syncState: SyncState = !online ? 'offline' : status?.syncing ? 'syncing' : 'online';

  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (active && !visited.has(active.id)) setVisited(new Set([...visited, active.id]));
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

  const onLanguage = useCallback((l: Language) => {
    setLanguage(l);
    bridge()['settings.set']({ language: l }).catch(() => undefined); // the choice is also kept locally
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
    <OfficerDirectoryProvider>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <Header
          officerName={session.officer.name}
          badge={session.officer.badge}
          unitName={localUnitName(session.officer.unitCode, lang)}
          syncState={syncState}
          pending={status?.pending ?? 0}
          conflicts={status?.conflicts ?? 0}
          language={lang}
          onLanguage={onLanguage}
          onLogout={() => setLogoutOpen(true)}
          onOpenSync={() => navigate('sync')}
        />
        {!online && (
          <Alert severity="warning" variant="filled" square role="status" data-testid="offline-banner" sx={{ py: 0 }}>
            {t('app:header.offlineBanner')}
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
                {t('app:header.relogin')}
              </Button>
            }
          >
            {t('app:header.reloginBanner')}
          </Alert>
        )}
        {session.offlineLogin && (
          <Alert severity="info" square role="status" sx={{ py: 0 }}>
            {t('app:header.offlineLogin')}
          </Alert>
        )}
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <Sidebar routes={routes} active={active?.id ?? ''} />
          <Box component="main" sx={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
            {routes.map((r) => {
              const shown = r.id === active?.id;
              if (!shown && !(r.keepMounted && visited.has(r.id))) return null;
              return (
                <Box key={r.id} sx={{ display: shown ? 'flex' : 'none', flex: 1, minHeight: 0, flexDirection: 'column' }}>
                  <r.Component online={online} active={shown} status={status} />
                </Box>
              );
            })}
          </Box>
        </Box>
        <LogoutDialog open={logoutOpen} pending={status?.pending ?? 0} error={logoutError} busy={busy} onCancel={() => setLogoutOpen(false)} onConfirm={onLogout} />
      </Box>
    </OfficerDirectoryProvider>
  );
}
