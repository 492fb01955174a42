import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Session } from '#shared/contract/bridge';
import { bridge, onBridgeEvent } from './bridge';
import { currentLanguage } from './i18n';
import { makeTheme } from './theme';
import { NotifyProvider } from './notify';
import { SessionContext, type AppInfo } from './session';
import { Shell } from './Shell';
import { LoginScreen } from '../features/auth/LoginScreen';

type SessionState = { state: 'loading' } | { state: 'out' } | { state: 'in'; session: Session };

/** Back to `#/`: the next officer starts on their own first screen, not on the last one's. */
function resetRoute(): void {
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
}

/**
 * Root container: theme, language, and the session gate between login and the shell.
 *
 * A shared PC: nothing of one officer survives their logout. Each sign-in and sign-out starts a
 * new `epoch`, which keys the notices and the shell, so toasts, the grid's rows, view, search,
 * selection and any open dialog are unmounted with the session; the route goes back to `#/`.
 */
export function App() {
  const { i18n } = useTranslation();
  const lang = currentLanguage();
  const theme = useMemo(() => makeTheme(lang), [lang]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const [epoch, setEpoch] = useState(0);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const signedIn = useCallback((s: Session) => {
    const prev = sessionRef.current;
    const next: SessionState = { state: 'in', session: s };
    sessionRef.current = next;
    // the login's answer and the core's session.changed both announce one login: the shell mounts
    // once (it mounted twice, asking the exchange and the cache for everything twice, issue 11)
    if (prev.state !== 'in' || prev.session.officer.badge !== s.officer.badge) setEpoch((e) => e + 1);
    setSession(next);
  }, []);
  const signedOut = useCallback(() => {
    resetRoute();
    setEpoch((e) => e + 1);
    setSession({ state: 'out' });
  }, []);

  useEffect(() => {
    bridge()['app.info']({}).then(setInfo, () => undefined);
    bridge()
      ['auth.session']({})
      .then(
        (s) => setSession(s ? { state: 'in', session: s } : { state: 'out' }),
        () => setSession({ state: 'out' }),
      );
    // the core ended or replaced the session by itself (token revoked, another login)
    return onBridgeEvent('session.changed', (s) => {
      const prev = sessionRef.current;
      if (!s) {
        if (prev.state === 'in') signedOut();
        else setSession({ state: 'out' });
      } else if (prev.state !== 'in' || prev.session.officer.badge !== s.officer.badge) {
        signedIn(s);
      } else {
        setSession({ state: 'in', session: s });
      }
    });
  }, [signedIn, signedOut]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider key={epoch}>
        {session.state === 'loading' && (
          <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
            <CircularProgress />
          </Box>
        )}
        {session.state === 'out' && <LoginScreen info={info} onLoggedIn={signedIn} />}
        {session.state === 'in' && (
          <SessionContext.Provider value={{ session: session.session, info }}>
            <Shell key={`${epoch}-${session.session.officer.badge}`} onLoggedOut={signedOut} />
          </SessionContext.Provider>
        )}
      </NotifyProvider>
    </ThemeProvider>
  );
}
