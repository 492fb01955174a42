import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '#shared/errors';
import { COMMAND_BODIES, type CommandType } from '#shared/domain/commands';
import {
  ItemQuerySchema,
  SettingsSchema,
  type BridgeApi,
  type BridgeArgs,
  type BridgeEvent,
  type BridgeEventPayload,
  type BridgeResult,
  type Session,
  type Settings,
} from '#shared/contract/bridge';
import { openCache, type Cache } from '#db/cache';
import { outboxToPending } from '#db/repos/outbox';
import { conflictToBridge } from '#db/repos/conflicts';
import { ExchangeClient } from './exchange-client';
import { AttachmentStore } from './attachments';
import { SyncEngine, rebaseItem } from './sync-engine';
import { checkCommand } from './optimistic';
import { loginOffline, loginOnline, resumeSession, type ActiveSession } from './auth';
import { BridgeEvents } from './events';
import { issueSummary } from './validation';

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
}

export type ConsoleCore = BridgeApi & {
  on<E extends BridgeEvent>(event: E, listener: (p: BridgeEventPayload<E>) => void): () => void;
  close(): Promise<void>;
};

/** The exchange's largest changes page (ChangesQuerySchema's limit). */
const MAX_CHANGES_PAGE = 2000;

const DEFAULT_SETTINGS: Omit<Settings, 'exchangeUrl'> = { language: 'zh-CN', attachmentCacheMb: 512, wipeAfterOfflineDays: 7 };

/**
 * The console core both shells use: every bridge method, the sync engine, the attachment store and
 * the session. Plain Node; the cache lives in `<dataDir>/cache.sqlite`, files in `<dataDir>/attachments`.
 */
export async function createConsoleService(opts: ConsoleServiceOptions): Promise<ConsoleCore> {
  mkdirSync(opts.dataDir, { recursive: true });
  const cache = openCache(join(opts.dataDir, 'cache.sqlite'));
  try {
    return new ConsoleService(cache, opts).start();
  } catch (err) {
    cache.close();
    throw err;
  }
}

type Handlers = { [M in keyof BridgeApi]: (args: BridgeArgs<M>) => Promise<BridgeResult<M>> };

class ConsoleService implements Handlers {
  private readonly events = new BridgeEvents();
  private readonly client: ExchangeClient;
  private readonly store: AttachmentStore;
  private readonly engine: SyncEngine;
  private readonly now: () => number;
  private session: ActiveSession | null = null;

  constructor(
    private readonly cache: Cache,
    private readonly opts: ConsoleServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
    // the shell's exchange URL wins over a stored one: it is how a deployment points consoles
    cache.settings.set({ exchangeUrl: opts.exchangeUrl });
    this.client = new ExchangeClient(opts.exchangeUrl);
    this.store = new AttachmentStore(
      cache,
      join(opts.dataDir, 'attachments'),
      () => opts.attachmentCacheBytes ?? this.settings().attachmentCacheMb * 1024 * 1024,
      this.now,
    );
    this.engine = new SyncEngine({
      cache,
      client: this.client,
      attachments: this.store,
      session: () => (this.session ? { badge: this.session.officer.badge, token: this.session.token } : null),
      // the exchange's maximum: a first sync of 100k items is 50 round trips, not 200
      pageSize: opts.pageSize ?? MAX_CHANGES_PAGE,
      longPollMs: opts.longPollMs ?? 25_000,
      now: this.now,
      onItemsChanged: (rev, kinds) => this.events.emit('items.changed', { rev, kinds }),
      onStatus: (s) => this.events.emit('sync.status', s),
      onUnauthenticated: () => this.tokenRejected(),
    });
  }

  start(): ConsoleCore {
    this.session = resumeSession(this.cache, this.now());
    this.engine.start();
    // `satisfies`: the compiler checks here that the service is a whole ConsoleCore (every bridge method)
    return this satisfies ConsoleCore;
  }

  on<E extends BridgeEvent>(event: E, listener: (p: BridgeEventPayload<E>) => void): () => void {
    return this.events.on(event, listener);
  }

  async close(): Promise<void> {
    await this.engine.stop();
    this.events.clear();
    this.cache.close();
  }

  /** Test hook: resolves when attachment prefetch started by the last pull is done. */
  prefetchIdle(): Promise<void> {
    return this.engine.prefetchIdle();
  }

  // ---- app & auth ---------------------------------------------------------------------------------

  async 'app.info'(): Promise<BridgeResult<'app.info'>> {
    return { version: this.opts.version, shell: this.opts.shell, exchangeUrl: this.client.url, demo: this.opts.demo };
  }

  async 'auth.login'({ badge, password }: BridgeArgs<'auth.login'>): Promise<Session> {
    let session: ActiveSession;
    try {
      session = await loginOnline(this.cache, this.client, badge, password, this.now());
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'offline' && err.code !== 'unavailable')) throw err;
      session = await loginOffline(this.cache, badge, password, this.now(), this.settings().wipeAfterOfflineDays, () => this.wipeLocal());
    }
    this.cache.tx(() => {
      // the cache holds one officer's scope: another officer starts from an empty feed
      if (this.cache.meta.owner() !== session.officer.badge) {
        this.cache.items.clear({ keepTombstones: true });
        this.cache.meta.setCursor(0);
        this.cache.meta.delete('last_sync_at');
        this.cache.meta.setOwner(session.officer.badge);
      }
      this.cache.meta.set('current_badge', session.officer.badge);
    });
    this.session = session;
    this.engine.sessionChanged();
    const out = this.sessionView();
    this.events.emit('session.changed', out);
    this.events.emit('items.changed', { rev: this.cache.meta.rev(), kinds: ['application', 'accident', 'tip'] });
    return out!;
  }

  /**
   * Logout revokes the token (best effort) and forgets it locally. With `wipe` it also deletes the
   * cached items, attachments, tokens and verifiers — but never unsent work: while the outbox or
   * the conflicts panel holds anything, a wipe is refused with `invalid` and nothing is deleted.
   */
  async 'auth.logout'({ wipe }: BridgeArgs<'auth.logout'>): Promise<{ ok: true }> {
    if (wipe) {
      const unsent = this.cache.outbox.countAll();
      const conflicts = this.cache.conflicts.countAll();
      if (unsent > 0 || conflicts > 0) {
        throw new AppError(
          'invalid',
          `本机尚有 ${unsent} 条未发送的操作、${conflicts} 条未处理的冲突，不能清除缓存。请联网同步或在同步面板处理后再清除。`,
        );
      }
    }
    const s = this.session;
    if (s?.token) await this.client.logout(s.token).catch(() => undefined);
    if (s) this.cache.sessions.clearToken(s.officer.badge);
    this.cache.meta.delete('current_badge');
    this.session = null;
    this.engine.sessionChanged();
    if (wipe) await this.wipeLocal();
    this.events.emit('session.changed', null);
    return { ok: true };
  }

  async 'auth.session'(): Promise<Session | null> {
    try {
      this.requireSession();
    } catch {
      return null;
    }
    return this.sessionView();
  }

  // ---- sync ---------------------------------------------------------------------------------------

  async 'sync.status'(): Promise<BridgeResult<'sync.status'>> {
    return this.engine.status();
  }

  async 'sync.now'(): Promise<BridgeResult<'sync.now'>> {
    this.requireSession();
    await this.engine.syncNow();
    return this.engine.status();
  }

  // ---- items --------------------------------------------------------------------------------------

  async 'items.list'({ kind, sinceRev }: BridgeArgs<'items.list'>): Promise<BridgeResult<'items.list'>> {
    this.requireSession();
    return this.cache.items.list(kind, sinceRev);
  }

  /** One page of a queue, filtered and sorted in SQLite (the grid's datasource). */
  async 'items.query'(args: BridgeArgs<'items.query'>): Promise<BridgeResult<'items.query'>> {
    const s = this.requireSession();
    const q = ItemQuerySchema.safeParse(args);
    if (!q.success) throw new AppError('invalid', issueSummary(q.error));
    const rev = this.cache.meta.rev();
    const page = this.cache.queue.page(q.data, { badge: s.officer.badge, nowMs: this.now() });
    return { ...page, rev };
  }

  async 'items.indexOf'({ query, id }: BridgeArgs<'items.indexOf'>): Promise<BridgeResult<'items.indexOf'>> {
    const s = this.requireSession();
    const q = ItemQuerySchema.omit({ offset: true, limit: true }).safeParse(query);
    if (!q.success) throw new AppError('invalid', issueSummary(q.error));
    return this.cache.queue.indexOf(q.data, id, { badge: s.officer.badge, nowMs: this.now() });
  }

  async 'items.get'({ id }: BridgeArgs<'items.get'>): Promise<BridgeResult<'items.get'>> {
    const s = this.requireSession();
    const item = this.cache.items.effective(id);
    if (!item) throw new AppError('not_found', `本地缓存中没有 ${id}`);
    return {
      item,
      attachments: this.cache.attachments.forItem(id),
      pending: this.cache.outbox.forItem(id).filter((r) => r.badge === s.officer.badge).map(outboxToPending),
      conflicts: this.cache.conflicts.forItem(id).filter((c) => c.badge === s.officer.badge).map(conflictToBridge),
    };
  }

  async 'items.command'({ itemId, type, body }: BridgeArgs<'items.command'>): Promise<BridgeResult<'items.command'>> {
    const commandId = this.enqueue(itemId, type, body, () => undefined);
    const item = this.cache.items.effective(itemId)!;
    return { commandId, item };
  }

  async 'items.reveal'(args: BridgeArgs<'items.reveal'>): Promise<BridgeResult<'items.reveal'>> {
    const s = this.requireSession();
    if (!s.token) throw new AppError('offline', '查看完整信息需要联网并在线登录');
    return this.client.reveal(s.token, args);
  }

  async 'attachments.get'({ sha256 }: BridgeArgs<'attachments.get'>): Promise<BridgeResult<'attachments.get'>> {
    const s = this.requireSession();
    const token = s.token;
    const fetcher = token ? { fetch: (sha: string) => this.client.attachment(token, sha) } : null;
    const { contentType, bytes } = await this.store.get(sha256, fetcher);
    return { contentType, base64: bytes.toString('base64') };
  }

  // ---- outbox & conflicts ---------------------------------------------------------------------------

  async 'outbox.list'(): Promise<BridgeResult<'outbox.list'>> {
    const s = this.requireSession();
    return this.cache.outbox.list(s.officer.badge).map(outboxToPending);
  }

  async 'conflicts.list'(): Promise<BridgeResult<'conflicts.list'>> {
    const s = this.requireSession();
    return this.cache.conflicts.list(s.officer.badge).map(conflictToBridge);
  }

  /** Queues the kept decision again as a new command (checked like a fresh one), then the held ones behind it. */
  async 'conflicts.reapply'({ id }: BridgeArgs<'conflicts.reapply'>): Promise<{ commandId: string }> {
    const s = this.requireSession();
    const c = this.cache.conflicts.get(id);
    if (!c || c.badge !== s.officer.badge) throw new AppError('not_found', '没有这条冲突记录');
    const commandId = this.enqueue(c.itemId, c.type, c.body, () => {
      this.cache.conflicts.delete(id);
      this.releaseHeldIfClear(c.itemId, s.officer.badge);
    });
    return { commandId };
  }

  async 'conflicts.discard'({ id }: BridgeArgs<'conflicts.discard'>): Promise<{ ok: true }> {
    const s = this.requireSession();
    const c = this.cache.conflicts.get(id);
    if (!c || c.badge !== s.officer.badge) throw new AppError('not_found', '没有这条冲突记录');
    this.cache.tx(() => {
      this.cache.conflicts.delete(id);
      this.releaseHeldIfClear(c.itemId, s.officer.badge);
      rebaseItem(this.cache, c.itemId);
      this.cache.items.touch(c.itemId);
    });
    this.afterLocalChange(c.itemId);
    return { ok: true };
  }

  // ---- settings -----------------------------------------------------------------------------------

  async 'settings.get'(): Promise<Settings> {
    return this.settings();
  }

  async 'settings.set'(patch: BridgeArgs<'settings.set'>): Promise<Settings> {
    const next = SettingsSchema.safeParse({ ...this.settings(), ...patch });
    if (!next.success) throw new AppError('invalid', issueSummary(next.error));
    if (!/^https?:$/.test(new URL(next.data.exchangeUrl).protocol)) throw new AppError('invalid', 'exchangeUrl: 交换平台地址须为 http(s)');
    this.cache.settings.set(next.data);
    if (patch.exchangeUrl) {
      this.client.setUrl(patch.exchangeUrl);
      this.engine.sessionChanged();
    }
    if (patch.attachmentCacheMb !== undefined) await this.store.enforceLimit();
    return next.data;
  }

  // ---- internals ----------------------------------------------------------------------------------

  private settings(): Settings {
    const merged = { ...DEFAULT_SETTINGS, exchangeUrl: this.opts.exchangeUrl, ...this.cache.settings.all() };
    const parsed = SettingsSchema.safeParse(merged);
    // a stored value this version cannot read falls back to defaults rather than locking the officer out
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, exchangeUrl: this.opts.exchangeUrl };
  }

  private requireSession(): ActiveSession {
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

  private sessionView(): Session | null {
    const s = this.session;
    return s ? { officer: s.officer, offlineLogin: s.offlineLogin, expiresAt: s.expiresAt } : null;
  }

  /**
   * Validates, applies optimistically and queues a command — the optimistic view and the outbox
   * row are written in ONE transaction, so a crash keeps both or neither. `alsoInTx` runs in the
   * same transaction (conflict re-apply).
   */
  private enqueue(itemId: string, type: CommandType, body: unknown, alsoInTx: () => void): string {
    const s = this.requireSession();
    const parsed = COMMAND_BODIES[type].safeParse(body);
    if (!parsed.success) throw new AppError('invalid', issueSummary(parsed.error));
    const commandBody = parsed.data as Record<string, unknown>;
    const id = randomUUID();
    const badge = s.officer.badge;
    this.cache.tx(() => {
      const cached = this.cache.items.get(itemId);
      if (!cached) throw new AppError('not_found', `本地缓存中没有 ${itemId}`);
      checkCommand(cached.local ?? cached.server, { type, body: commandBody }, s.officer, this.now());
      // the chain on one item: each command expects the version its predecessors will leave
      const expectedVersion = cached.server.version + this.cache.outbox.queuedCountForItem(itemId, badge);
      this.cache.outbox.insert({ id, badge, itemId, type, body: commandBody, expectedVersion, createdAt: new Date(this.now()).toISOString() });
      alsoInTx();
      rebaseItem(this.cache, itemId);
    });
    this.afterLocalChange(itemId);
    return id;
  }

  private releaseHeldIfClear(itemId: string, badge: string): void {
    if (this.cache.conflicts.forItem(itemId).some((c) => c.badge === badge)) return;
    const version = this.cache.items.serverVersion(itemId);
    if (version !== undefined) this.cache.outbox.releaseHeld(itemId, badge, version);
  }

  private afterLocalChange(itemId: string): void {
    const kind = this.cache.items.get(itemId)?.server.kind;
    if (kind) this.events.emit('items.changed', { rev: this.cache.meta.rev(), kinds: [kind] });
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
  private async wipeLocal(): Promise<void> {
    await this.store.wipe();
    this.cache.tx(() => {
      this.cache.items.clear({ keepTombstones: false });
      this.cache.attachments.clearAll();
      this.cache.sessions.deleteAll();
      for (const key of ['cursor', 'last_sync_at', 'cache_owner', 'last_online_badge', 'current_badge']) this.cache.meta.delete(key);
    });
    this.cache.scrub();
    this.engine.emitStatus();
  }
}
