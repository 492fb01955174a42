import { commandId } from './ids';
import { join } from 'node:path';
import { AppError } from '#shared/errors';
import { SettingsSchema, type LocalCommand, type Session, type Settings } from '#shared/contract/bridge';
import type { ItemKind } from '#shared/domain/items';
import type { Cache } from '#db/cache';
import type { SecretSealer } from '#db/repos/sessions';
import { ExchangeClient } from './exchange-client';
import { AttachmentStore } from './attachments';
import { SyncEngine } from './sync/engine';
import { resumeSession, type ActiveSession } from './auth';
import { BridgeEvents } from './events';
import { applyLocal, cacheLookups, rebaseItem } from './local-view';

export interface ConsoleServiceOptions {
  dataDir: string;
  exchangeUrl: string;
  shell: 'electron' | 'web';
  demo: boolean;
  version: string;
  /** Changes-feed page size (tests use small pages). */
  pageSize?: number;
  /** Long-poll timeout of `changes/wait`. */
  longPollMs?: number;
  /** Overrides settings.attachmentCacheMb (tests need bounds below the 16 MB minimum). */
  attachmentCacheBytes?: number;
  /** Clock, for tests of the offline window. */
  now?: () => number;
  /** Seals the session token at rest (Electron's safeStorage where the OS has a key store). */
  sealer?: SecretSealer;
}

/** The exchange's largest changes page (ChangesQuerySchema's limit). */
const MAX_CHANGES_PAGE = 2000;

const DEFAULT_SETTINGS: Omit<Settings, 'exchangeUrl'> = { language: 'zh-CN', attachmentCacheMb: 512, wipeAfterOfflineDays: 7 };

/**
 * What every handler module (handlers/*.ts) shares: the cache, the exchange client, the sync
 * engine, the attachment store, the pushed events and the session — plus the few steps several
 * of them take (require a session, queue a command, announce a local change, wipe).
 */
export class CoreContext {
  readonly events = new BridgeEvents();
  readonly client: ExchangeClient;
  readonly attachments: AttachmentStore;
  readonly engine: SyncEngine;
  readonly now: () => number;
  session: ActiveSession | null = null;

  constructor(
    readonly cache: Cache,
    readonly opts: ConsoleServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
    // the shell's exchange URL wins over a stored one: it is how a deployment points consoles
    cache.settings.set({ exchangeUrl: opts.exchangeUrl });
    this.client = new ExchangeClient(opts.exchangeUrl);
    this.attachments = new AttachmentStore(
      cache,
      join(opts.dataDir, 'attachments'),
      () => opts.attachmentCacheBytes ?? this.settings().attachmentCacheMb * 1024 * 1024,
      this.now,
    );
    this.engine = new SyncEngine({
      cache,
      client: this.client,
      attachments: this.attachments,
      session: () => (this.session ? { badge: this.session.officer.badge, token: this.session.token } : null),
      // the exchange's maximum: a first sync of 100k items is 50 round trips, not 200
      pageSize: opts.pageSize ?? MAX_CHANGES_PAGE,
      longPollMs: opts.longPollMs ?? 25_000,
      now: this.now,
      onItemsChanged: (rev, kinds, ids) => this.events.emit('items.changed', ids ? { rev, kinds, ids } : { rev, kinds }),
      onStatus: (s) => this.events.emit('sync.status', s),
      onUnauthenticated: () => this.tokenRejected(),
    });
  }

  start(): void {
    this.session = resumeSession(this.cache, this.now());
    this.engine.start();
  }

  settings(): Settings {
    const merged = { ...DEFAULT_SETTINGS, exchangeUrl: this.opts.exchangeUrl, ...this.cache.settings.all() };
    const parsed = SettingsSchema.safeParse(merged);
    // a stored value this version cannot read falls back to defaults rather than locking the officer out
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, exchangeUrl: this.opts.exchangeUrl };
  }

  requireSession(): ActiveSession {
    if (this.session && Date.parse(this.session.expiresAt) <= this.now()) {
      // an expired session ends here; its unsent commands stay in the outbox for the next login
      this.session = null;
      this.cache.meta.delete('current_badge');
      this.engine.sessionChanged();
      this.events.emit('session.changed', null);
    }
    if (!this.session) throw new AppError('no_session', '请先登录');
    return this.session;
  }

  sessionView(): Session | null {
    const s = this.session;
    return s ? { officer: s.officer, offlineLogin: s.offlineLogin, expiresAt: s.expiresAt } : null;
  }

  /**
   * Checks a command with the command core against the officer's current view, queues it and
   * applies it optimistically — the view and the outbox row are written in ONE transaction, so a
   * crash keeps both or neither. `alsoInTx` runs in the same transaction (conflict re-apply).
   * The body was validated at dispatch with the command's own schema (LocalCommandSchema).
   */
  enqueue(cmd: LocalCommand, alsoInTx: () => void = () => undefined): { commandId: string; rev: number } {
    const s = this.requireSession();
    // the hand-over's body is an ID number: it never waits in the outbox (handlers/hall.ts sends it)
    if (cmd.type === 'hand_over') throw new AppError('invalid', '交付须联网核对证件，不能离线排队：请在窗口页面办理');
    // time-ordered (RFC 9562 v7): the exchange's command and idempotency keys then grow at one end
    // of their indexes instead of landing anywhere (issue 11: ~3 KiB less WAL per command)
    const id = commandId();
    const badge = s.officer.badge;
    const nowMs = this.now();
    const rev = this.cache.tx(() => {
      const cached = this.cache.items.get(cmd.itemId);
      if (!cached) throw new AppError('not_found', `本地缓存中没有 ${cmd.itemId}`);
      const check = applyLocal(cached.local ?? cached.server, cmd, s.officer, new Date(nowMs), cacheLookups(this.cache));
      if (!check.ok) throw new AppError(check.code, check.message);
      // the chain on one item: each command expects the version its predecessors will leave
      const expectedVersion = this.cache.outbox.nextExpectedVersion(cmd.itemId, badge, cached.server.version);
      const body = cmd.body as Record<string, unknown>;
      this.cache.outbox.insert({ id, badge, itemId: cmd.itemId, type: cmd.type, body, expectedVersion, createdAt: new Date(nowMs).toISOString() });
      alsoInTx();
      return rebaseItem(this.cache, cmd.itemId) ?? this.cache.meta.rev();
    });
    this.afterLocalChange(cmd.itemId);
    return { commandId: id, rev };
  }

  releaseHeldIfClear(itemId: string, badge: string): void {
    if (this.cache.conflicts.forItem(itemId).some((c) => c.badge === badge)) return;
    const version = this.cache.items.serverVersion(itemId);
    if (version !== undefined) this.cache.outbox.releaseHeld(itemId, badge, version);
  }

  afterLocalChange(itemId: string): void {
    const kind: ItemKind | undefined = this.cache.items.get(itemId)?.server.kind;
    if (kind) this.events.emit('items.changed', { rev: this.cache.meta.rev(), kinds: [kind], ids: [itemId] });
    this.engine.emitStatus();
    this.engine.kick();
  }

  private tokenRejected(): void {
    const s = this.session;
    if (!s) return;
    this.cache.sessions.clearToken(s.officer.badge);
    this.session = { ...s, token: null };
    this.engine.emitStatus();
    this.events.emit('session.changed', this.sessionView());
  }

  /** Deletes cached citizen data and secrets from disk; unsent commands and conflicts stay. */
  async wipeLocal(): Promise<void> {
    await this.attachments.wipe();
    this.cache.tx(() => {
      this.cache.items.clear({ keepTombstones: false });
      this.cache.attachments.clearAll();
      this.cache.sessions.deleteAll();
      this.cache.officers.clear();
      for (const key of ['cursor', 'last_sync_at', 'cache_owner', 'last_online_badge', 'current_badge']) this.cache.meta.delete(key);
    });
    this.cache.scrub();
    this.engine.emitStatus();
  }
}
