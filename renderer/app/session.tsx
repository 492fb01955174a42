import { createContext, useContext } from 'react';
import type { BridgeResult, Session } from '#shared/contract/bridge';

export type AppInfo = BridgeResult<'app.info'>;

export interface SessionValue {
  readonly session: Session;
  readonly info: AppInfo | null;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The logged-in officer; only rendered inside the shell, after login. */
export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside the logged-in shell');
  return v;
}
