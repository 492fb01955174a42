import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '#shared/errors';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { Cache } from '#db/cache';

export interface AttachmentFetcher {
  /** Downloads the bytes from the exchange; throws AppError (`offline` when unreachable). */
  fetch(sha256: string): Promise<{ bytes: Buffer; contentType: string }>;
}

const PREFETCH_CONCURRENCY = 4;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed attachment files under `<dataDir>/attachments/<sha[0..1]>/<sha>`, indexed in
 * the cache (size, last access). Files are verified against their sha256 before they are kept and
 * written via temp file + rename, so a crash never leaves a half file under a real name.
 * The size bound evicts files of finished items first, then the least recently used.
 */
export class AttachmentStore {
  private prefetching: Promise<void> | null = null;
  private readonly prefetchIds = new Set<string>();
  private prefetchFetcher: AttachmentFetcher | null = null;
  /** The first prefetch of this store looks at every cached item (files missed before a restart). */
  private catchUpPending = true;

  constructor(
    private readonly cache: Cache,
    private readonly root: string,
    private readonly limitBytes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Serves from disk, fetching on demand; only shas a cached item refers to are served. */
  async get(sha256: string, fetcher: AttachmentFetcher | null): Promise<{ contentType: string; bytes: Buffer }> {
    const meta = this.cache.attachments.metaBySha(sha256);
    if (!meta) throw new AppError('not_found', '本地缓存中没有此附件');
    const onDisk = await this.readVerified(sha256);
    if (onDisk) {
      this.cache.attachments.touchFile(sha256, this.now());
      return { contentType: meta.contentType, bytes: onDisk };
    }
    if (!fetcher) throw new AppError('offline', '附件尚未缓存，当前离线无法下载');
    await this.download(meta, fetcher, { evictOpen: true });
    const bytes = await this.readVerified(sha256);
    if (!bytes) throw new AppError('not_found', '附件超出本地缓存容量，无法保存');
    return { contentType: meta.contentType, bytes };
  }

  /**
   * Downloads missing files of open items (newest first) with bounded concurrency, while they fit
   * in the bound without evicting other open items' files (prefetch must not thrash).
   *
   * Looks only at `itemIds` (what a pull just stored), not the whole table, except in a catch-up
   * over every cached item: the first run of this store, and the run after one cut short by the
   * network. Ids arriving while a run is going are queued for the next one, never dropped.
   * Files that did not fit the bound wait until the item is opened (`get`) or the next start.
   */
  prefetch(fetcher: AttachmentFetcher, itemIds: readonly string[]): Promise<void> {
    for (const id of itemIds) this.prefetchIds.add(id);
    this.prefetchFetcher = fetcher;
    if (this.prefetching) return this.prefetching;
    this.prefetching = this.drainPrefetch().finally(() => {
      this.prefetching = null;
    });
    return this.prefetching;
  }

  private async drainPrefetch(): Promise<void> {
    while (this.catchUpPending || this.prefetchIds.size > 0) {
      const ids = this.catchUpPending ? undefined : [...this.prefetchIds];
      this.catchUpPending = false;
      this.prefetchIds.clear();
      const outcome = await this.runPrefetch(this.prefetchFetcher!, ids);
      if (outcome === 'offline') {
        // whatever this run (and any queued ids) missed is picked up by a catch-up once online
        this.catchUpPending = true;
        this.prefetchIds.clear();
        return;
      }
    }
  }

  private async runPrefetch(fetcher: AttachmentFetcher, itemIds: readonly string[] | undefined): Promise<'done' | 'full' | 'offline'> {
    // items finish between pulls: their files are the first to go when the cache is over its bound
    await this.makeRoom(0, false);
    const queue = this.cache.attachments.missingForOpenItems(itemIds);
    let outcome: 'done' | 'full' | 'offline' = 'done';
    const worker = async (): Promise<void> => {
      while (outcome === 'done') {
        const meta = queue.shift();
        if (!meta) return;
        try {
          const kept = await this.download(meta, fetcher, { evictOpen: false });
          if (!kept) outcome = 'full';
        } catch (err) {
          // offline: stop and catch up after the next pull; a bad file is skipped
          if (err instanceof AppError && err.code === 'offline') outcome = 'offline';
        }
      }
    };
    await Promise.all(Array.from({ length: PREFETCH_CONCURRENCY }, worker));
    return outcome;
  }

  /** Returns false when the file did not fit in the bound. */
  private async download(meta: AttachmentMeta, fetcher: AttachmentFetcher, opts: { evictOpen: boolean }): Promise<boolean> {
    if (this.cache.attachments.file(meta.sha256)) return true;
    const { bytes } = await fetcher.fetch(meta.sha256);
    const actual = sha256Hex(bytes);
    if (actual !== meta.sha256) throw new AppError('internal', `附件校验失败：期望 ${meta.sha256}，得到 ${actual}`);
    if (!(await this.makeRoom(bytes.length, opts.evictOpen))) return false;
    const file = this.pathOf(meta.sha256);
    await mkdir(join(this.root, meta.sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, file);
    this.cache.attachments.recordFile(meta.sha256, bytes.length, meta.contentType, this.now());
    return true;
  }

  /** Evicts until `incoming` more bytes fit: finished items' files first, then least recently used. */
  private async makeRoom(incoming: number, evictOpen: boolean): Promise<boolean> {
    const limit = this.limitBytes();
    if (incoming > limit) return false;
    let total = this.cache.attachments.totalBytes();
    if (total + incoming <= limit) return true;
    for (const f of this.cache.attachments.evictionCandidates()) {
      if (!f.finished && !evictOpen) break;
      await this.remove(f.sha256);
      total -= f.size;
      if (total + incoming <= limit) return true;
    }
    return false;
  }

  /** Applies the bound now (after the setting shrank, or items finished). */
  async enforceLimit(): Promise<void> {
    await this.makeRoom(0, true);
  }

  private async remove(sha256: string): Promise<void> {
    this.cache.attachments.forgetFile(sha256);
    await rm(this.pathOf(sha256), { force: true });
  }

  private async readVerified(sha256: string): Promise<Buffer | null> {
    if (!this.cache.attachments.file(sha256)) return null;
    try {
      const bytes = await readFile(this.pathOf(sha256));
      if (sha256Hex(bytes) === sha256) return bytes;
    } catch {
      // missing on disk: forget the index entry below and fetch again
    }
    await this.remove(sha256);
    return null;
  }

  /** Deletes every file and the index (logout-with-wipe). */
  async wipe(): Promise<void> {
    if (this.prefetching) await this.prefetching.catch(() => undefined);
    this.cache.attachments.clearAll();
    await rm(this.root, { recursive: true, force: true });
  }
}
