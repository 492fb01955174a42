import { AppError } from '#shared/errors';
import type { BridgeError, SyncStatus } from '#shared/contract/bridge';
import type { Cache } from '#db/cache';

export function toBridgeError(err: unknown): BridgeError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * What the header shows: online or not, syncing, the last error, pending and conflict counts.
 * The puller and the pusher report into it; it emits a status only when it changed.
 */
export class SyncState {
  private online = false;
  private syncing = 0;
  private lastError: BridgeError | null = null;
  private lastStatusJson = '';
  stopped = false;

  constructor(
    private readonly d: {
      cache: Cache;
      session: () => { badge: string; token: string | null } | null;
      onStatus: (status: SyncStatus) => void;
      /** Back online (or an error cleared): whatever waited out a backoff goes now. */
      onBackOnline: () => void;
    },
  ) {}

  isOnline(): boolean {
    return this.online;
  }

  status(): SyncStatus {
    const s = this.d.session();
    return {
      online: this.online,
      syncing: this.syncing > 0,
      lastSyncAt: this.d.cache.meta.lastSyncAt(),
      // a session without a token (offline unlock, or the exchange refused it) cannot sync until the officer logs in online
      lastError: this.lastError ?? (s && !s.token ? { code: 'unauthenticated', message: '需要联网重新登录后才能同步' } : null),
      pending: s ? this.d.cache.outbox.count(s.badge) : 0,
      conflicts: s ? this.d.cache.conflicts.count(s.badge) : 0,
      cursor: this.d.cache.meta.cursor(),
    };
  }

  emit(): void {
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.d.onStatus(status);
  }

  markOnline(): void {
    if (!this.online || this.lastError) {
      this.online = true;
      this.lastError = null;
      const s = this.d.session();
      if (s) this.d.cache.outbox.resetBackoff(s.badge);
      this.d.onBackOnline();
    }
    this.emit();
  }

  markError(err: unknown): void {
    // our own abort (shutdown, officer switch) says nothing about the network
    if (this.stopped || (err instanceof AppError && (err.details as { aborted?: boolean } | undefined)?.aborted)) return;
    if (err instanceof AppError && err.code === 'offline') this.online = false;
    this.lastError = toBridgeError(err);
    this.emit();
  }

  busy(delta: number): void {
    this.syncing += delta;
    this.emit();
  }
}
