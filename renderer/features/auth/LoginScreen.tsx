import { useEffect, useState } from 'react';
import { bridge, BridgeCallError, toBridgeError } from '../../app/bridge';
import type { Session } from '#shared/contract/bridge';
import type { AppInfo } from '../../app/session';
import { LoginForm } from './LoginForm';

export interface LoginScreenProps {
  info: AppInfo | null;
  onLoggedIn: (s: Session) => void;
}

/** Container: calls auth.login and keeps the typed input when it fails. */
export function LoginScreen(props: Readonly<LoginScreenProps>) {
  const [badge, setBadge] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<BridgeCallError | null>(null);
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState(false);
  const [formatError, setFormatError] = useState(false);

  useEffect(() => {
    bridge()['sync.status']({}).then(
      (s) => setOffline(!s.online),
      () => undefined,
    );
  }, []);

  const submit = () => {
    if (busy) return;
    setError(null);
    // the bridge would refuse it as `invalid`; saying what is wrong is kinder
    if (!/^\d{6}$/.test(badge.trim())) {
      setFormatError(true);
      return;
    }
    setFormatError(false);
    setBusy(true);
    bridge()
      ['auth.login']({ badge: badge.trim(), password })
      .then(props.onLoggedIn, (e: unknown) => {
        const err = toBridgeError(e);
        if (err.code === 'offline' || err.code === 'unavailable') setOffline(true);
        setError(err);
      })
      .finally(() => setBusy(false));
  };

  return (
    <LoginForm
      badge={badge}
      password={password}
      error={error}
      badgeFormatError={formatError}
      busy={busy}
      demo={props.info?.demo ?? false}
      offline={offline}
      onBadge={setBadge}
      onPassword={setPassword}
      onSubmit={submit}
    />
  );
}
