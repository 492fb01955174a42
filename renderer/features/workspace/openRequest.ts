import { useEffect, useRef } from 'react';

/**
 * Opening an item from another screen (the dashboard's overdue list): the address names the route
 * and the item, `#/applications?open=APP-…`. The workspace shown on that route opens the item in
 * its review pane and takes the request out of the address (replaceState, so Back does not open it
 * again and the route stays what it was).
 */
export function openItemHash(route: string, id: string): string {
  return `#/${route}?open=${encodeURIComponent(id)}`;
}

/** The item the address asks to open, if any. */
export function requestedItem(hash: string): string | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const id = new URLSearchParams(hash.slice(q + 1)).get('open');
  return id && id.trim() !== '' ? id : null;
}

/** While `active` (the workspace is the route shown), opens what the address asks for, now and on each change. */
export function useOpenRequest(active: boolean, open: (id: string) => void): void {
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (!active) return;
    const take = () => {
      const id = requestedItem(window.location.hash);
      if (!id) return;
      const route = window.location.hash.slice(0, window.location.hash.indexOf('?'));
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${route}`);
      openRef.current(id);
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, [active]);
}
