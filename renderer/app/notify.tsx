import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Alert, Snackbar } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { RejectionCodeSchema } from '#shared/errors';
import { toBridgeError } from './bridge';
import { currentLanguage } from './i18n';

interface Notice {
  readonly key: number;
  readonly severity: 'error' | 'success' | 'info';
  readonly text: string;
}

export interface Notifier {
  error(e: unknown): void;
  success(text: string): void;
  info(text: string): void;
  /** Drops what is on screen (logout: nothing of the last officer stays). */
  clear(): void;
}

const NotifyContext = createContext<Notifier>({ error: () => undefined, success: () => undefined, info: () => undefined, clear: () => undefined });

/**
 * Snackbars for bridge errors and confirmations. Errors render as role=alert in the officer's
 * language; a command's refusal in Chinese adds the core's own message, which says what is wrong.
 */
export function NotifyProvider({ children }: Readonly<{ children: ReactNode }>) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const error = useCallback(
    (e: unknown) => {
      const err = toBridgeError(e);
      const own = currentLanguage() === 'zh-CN' && RejectionCodeSchema.safeParse(err.code).success && err.message.trim() !== '' && err.message !== err.code;
      setNotice({ key: Date.now(), severity: 'error', text: own ? `${t(`errors:${err.code}`)}${err.message}` : t(`errors:${err.code}`) });
    },
    [t],
  );
  const success = useCallback((text: string) => setNotice({ key: Date.now(), severity: 'success', text }), []);
  const info = useCallback((text: string) => setNotice({ key: Date.now(), severity: 'info', text }), []);
  const clear = useCallback(() => setNotice(null), []);
  const value = useMemo(() => ({ error, success, info, clear }), [error, success, info, clear]);
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
          data-testid="notice"
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
