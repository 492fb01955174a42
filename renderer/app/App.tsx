import { useCallback, useEffect, useMemo, useState } from 'react';
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

/** Root container: theme, language, and the session gate between login and the shell. */
export function App() {
  const { i18n } = useTranslation();
  const lang = currentLanguage();
  const theme = useMemo(() => makeTheme(lang), [lang]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionState>({ state: 'loading' });

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  useEffect(() => {
    bridge()['app.info']({}).then(setInfo, () => undefined);
    bridge()
      ['auth.session']({})
      .then(
        (s) => setSession(s ? { state: 'in', session: s } : { state: 'out' }),
        () => setSession({ state: 'out' }),
      );
    return onBridgeEvent('session.changed', (s) => setSession(s ? { state: 'in', session: s } : { state: 'out' }));
  }, []);

  const onLoggedIn = useCallback((s: Session) => setSession({ state: 'in', session: s }), []);
  const onLoggedOut = useCallback(() => setSession({ state: 'out' }), []);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider>
        {session.state === 'loading' && (
          <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
            <CircularProgress />
          </Box>
        )}
        {session.state === 'out' && <LoginScreen info={info} onLoggedIn={onLoggedIn} />}
        {session.state === 'in' && (
          <SessionContext.Provider value={{ session: session.session, info }}>
            <Shell onLoggedOut={onLoggedOut} />
          </SessionContext.Provider>
        )}
      </NotifyProvider>
    </ThemeProvider>
  );
}
