import { useEffect, useState } from 'react';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';

export type LoadedAttachment =
  | { readonly state: 'loading' }
  | { readonly state: 'image'; readonly url: string }
  | { readonly state: 'pdf'; readonly url: string; readonly bytes: number }
  | { readonly state: 'error'; readonly error: BridgeCallError };

function base64ToBlobUrl(base64: string, contentType: string): { url: string; bytes: number } {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { url: URL.createObjectURL(new Blob([bytes], { type: contentType })), bytes: bytes.length };
}

/**
 * Images already read, as data URLs: paging back and forth between photos, comparing two and
 * opening full screen read each from the core once. Content-addressed, so an entry never goes
 * stale; a few dozen photos of a case or two are kept (the core's disk cache holds the rest).
 */
const IMAGES = new Map<string, string>();
const KEEP = 40;

function remember(sha256: string, url: string): void {
  IMAGES.delete(sha256);
  IMAGES.set(sha256, url);
  if (IMAGES.size > KEEP) IMAGES.delete(IMAGES.keys().next().value as string);
}

/**
 * Container hook: one attachment's bytes through `attachments.get` (the core serves them from its
 * disk cache, or from the exchange when online), as an image data URL or a PDF blob URL (revoked
 * when the attachment changes). Asks again when the network comes back (`online`).
 */
export function useAttachment(sha256: string | undefined, online: boolean): LoadedAttachment {
  const [loaded, setLoaded] = useState<LoadedAttachment>({ state: 'loading' });
  useEffect(() => {
    if (!sha256) return;
    let alive = true;
    let blobUrl: string | null = null;
    const known = IMAGES.get(sha256);
    if (known) {
      setLoaded({ state: 'image', url: known });
      return;
    }
    setLoaded({ state: 'loading' });
    bridge()
      ['attachments.get']({ sha256 })
      .then(
        (res) => {
          if (!alive) return;
          if (res.contentType === 'application/pdf') {
            const blob = base64ToBlobUrl(res.base64, res.contentType);
            blobUrl = blob.url;
            setLoaded({ state: 'pdf', url: blob.url, bytes: blob.bytes });
          } else {
            const url = `data:${res.contentType};base64,${res.base64}`;
            remember(sha256, url);
            setLoaded({ state: 'image', url });
          }
        },
        (e: unknown) => alive && setLoaded({ state: 'error', error: toBridgeError(e) }),
      );
    return () => {
      alive = false;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
  }, [sha256, online]);
  return loaded;
}

/** An error that means "not on this PC and no network", rather than a refusal. */
export function unavailableOffline(loaded: LoadedAttachment, online: boolean): boolean {
  return loaded.state === 'error' && (loaded.error.code === 'offline' || (!online && loaded.error.code !== 'forbidden'));
}
