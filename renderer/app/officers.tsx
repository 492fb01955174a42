import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { bridge } from './bridge';

type NameOf = (badge: string) => string | null;

const OfficersContext = createContext<NameOf>(() => null);

/**
 * The officer directory of the signed-in officer's city (`officers.directory`, kept by the core
 * and readable offline), read once per session: names for notes and other places that carry only
 * a badge. Rows and items carry `claimedByName` themselves.
 */
export function OfficerDirectoryProvider(props: Readonly<{ children: ReactNode }>) {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(() => new Map());
  useEffect(() => {
    let alive = true;
    bridge()
      ['officers.directory']({})
      .then(
        (list) => alive && setNames(new Map(list.map((o) => [o.badge, o.name]))),
        () => undefined, // names are a convenience: badges are shown instead
      );
    return () => {
      alive = false;
    };
  }, []);
  const nameOf = useCallback<NameOf>((badge) => names.get(badge) ?? null, [names]);
  return <OfficersContext.Provider value={nameOf}>{props.children}</OfficersContext.Provider>;
}

/** The officer's name by badge, or null when the directory does not have it. */
export function useOfficerName(): NameOf {
  return useContext(OfficersContext);
}
