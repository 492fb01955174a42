import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SyncStatus } from '#shared/contract/bridge';
import { bridge, onBridgeEvent } from './bridge';

/** The sync status: fetched once, then kept current by `sync.status` events. */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let alive = true;
    bridge()['sync.status']({}).then(
      (s) => alive && setStatus(s),
      () => undefined, // before login the core may refuse; the event brings it later
    );
    const off = onBridgeEvent('sync.status', (s) => setStatus(s));
    return () => {
      alive = false;
      off();
    };
  }, []);
  return status;
}

// ---- hash routing --------------------------------------------------------------------------------

function subscribeHash(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

/** `#/applications` → `applications`; the token hash (`#token=`) never reaches here. */
export function useHashRoute(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '');
}

export function navigate(route: string): void {
  window.location.hash = `#/${route}`;
}

/** The current time, refreshed every `everyMs`, so "working days left" rolls over at midnight. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

/** True when focus is in a text field, so single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
