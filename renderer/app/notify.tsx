import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Alert, Snackbar } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { toBridgeError } from './bridge';

interface Notice {
  readonly key: number;
  readonly severity: 'error' | 'success' | 'info';
  readonly text: string;
}

interface Notifier {
  error(e: unknown): void;
  success(text: string): void;
}

const NotifyContext = createContext<Notifier>({ error: () => undefined, success: () => undefined });

/** Snackbars for bridge errors and confirmations. Errors render as role=alert in Chinese. */
export function NotifyProvider({ children }: Readonly<{ children: ReactNode }>) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const error = useCallback(
    (e: unknown) => {
      const err = toBridgeError(e);
      setNotice({ key: Date.now(), severity: 'error', text: t(`errors.${err.code}`) });
    },
    [t],
  );
  const success = useCallback((text: string) => setNotice({ key: Date.now(), severity: 'success', text }), []);
  const value = useMemo(() => ({ error, success }), [error, success]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.key}
        open={notice !== null}
        autoHideDuration={notice?.severity === 'error' ? 8000 : 3000}
        onClose={(_e, reason) => reason !== 'clickaway' && setNotice(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity={notice?.severity ?? 'info'}
          variant="filled"
          role={notice?.severity === 'error' ? 'alert' : 'status'}
          onClose={() => setNotice(null)}
        >
          {notice?.text}
        </Alert>
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notifier {
  return useContext(NotifyContext);
}
