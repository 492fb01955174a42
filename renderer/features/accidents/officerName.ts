import { useCallback } from 'react';
import { useOfficerName } from '../../app/officers';
import { useSession } from '../../app/session';

/**
 * An officer's name by badge: the city's directory, else the signed-in officer's own name (the
 * directory may still be on its way on a first sync), else the badge.
 */
export function useOfficerLabel(): (badge: string) => string {
  const nameOf = useOfficerName();
  const { session } = useSession();
  const me = session.officer;
  return useCallback((badge: string) => nameOf(badge) ?? (badge === me.badge ? me.name : badge), [nameOf, me]);
}
