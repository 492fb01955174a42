import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { createConsoleService, type ConsoleCore } from '#console/service';
import { dispatchBridge } from '#console/dispatch';
import { viewerOrder } from '../../renderer/features/accidents/photos';
import { intake, startExchange, uploadAttachment, DEMO_PASSWORD } from '../../tests/helpers/exchange';
import { accidentBody } from '../../tests/helpers/intake-bodies';
import { tempDir } from './fixtures';

/**
 * "Open a case with 8 photos of 1–3 MB from the cache" (issue 7), built from real parts: a real
 * exchange process takes an accident with eight noisy JPEGs through intake (forensics included), the
 * real console core signs in as the Zhengzhou traffic officer, syncs and prefetches the photos
 * into its cache folder (cache.sqlite + attachments/), and is closed. The measurements then run
 * against that folder with the exchange stopped, so every byte comes from the cache.
 */

/** The case's photos, in intake order: the required ones, a scene photo and a licence. */
const ROLES: readonly { role: string; partyIdx: number | null }[] = [
  { role: 'front_side', partyIdx: null },
  { role: 'rear_side', partyIdx: null },
  { role: 'collision', partyIdx: null },
  { role: 'plate', partyIdx: 0 },
  { role: 'plate', partyIdx: 1 },
  { role: 'scene', partyIdx: null },
  { role: 'driving_licence', partyIdx: 0 },
  { role: 'vehicle_licence', partyIdx: 1 },
];
export const TRAFFIC_OFFICER = '100002';

/**
 * A JPEG of about `targetBytes`: a smooth gradient under per-pixel noise (noise does not compress,
 * so the file is as large as a phone photo of that many megapixels without being one of a handful
 * of distinct images). Grows or shrinks the frame until the size lands within 10 %.
 */
export async function noisyJpeg(seed: number, targetBytes: number): Promise<Buffer> {
  let side = Math.round(Math.sqrt(targetBytes / 1.6));
  for (let attempt = 0; ; attempt++) {
    const w = Math.round(side * 4 / 3);
    const h = side;
    const px = Buffer.alloc(w * h * 3);
    let s = (seed * 2654435761) >>> 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const i = (y * w + x) * 3;
        const noise = (s >>> 24) - 128;
        px[i] = Math.max(0, Math.min(255, ((x * 255) / w + seed * 40 + noise * 0.6) % 256));
        px[i + 1] = Math.max(0, Math.min(255, (y * 255) / h + noise * 0.5));
        px[i + 2] = Math.max(0, Math.min(255, 128 + noise * 0.7));
      }
    }
    const jpeg = await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 88 }).toBuffer();
    const ratio = jpeg.length / targetBytes;
    if (Math.abs(ratio - 1) <= 0.1 || attempt === 6) return jpeg;
    side = Math.round(side / Math.sqrt(ratio));
  }
}

export interface CachedCase {
  /** The console's data folder: cache.sqlite and attachments/. */
  readonly dataDir: string;
  readonly itemId: string;
  readonly photos: readonly { sha256: string; bytes: number; role: string }[];
  /** Wall time of building it (generate, intake, sync, prefetch), ms. */
  readonly buildMs: number;
}

/** Builds the cached case (see the header); the exchange is stopped when this returns. */
export async function cachedCase(photoBytes: readonly number[]): Promise<CachedCase> {
  if (photoBytes.length !== ROLES.length) throw new Error(`${ROLES.length} photo sizes expected`);
  const t0 = performance.now();
  const exchange = await startExchange();
  try {
    const photos: { sha256: string; bytes: number; role: string; partyIdx: number | null }[] = [];
    for (const [i, { role, partyIdx }] of ROLES.entries()) {
      const bytes = await noisyJpeg(i + 1, photoBytes[i]!);
      if (Math.abs(bytes.length / photoBytes[i]! - 1) > 0.1) throw new Error(`photo ${i}: ${bytes.length} bytes, ${photoBytes[i]} wanted`);
      const up = await uploadAttachment(exchange, bytes, 'image/jpeg');
      if (!up.sha256) throw new Error(`photo upload refused: ${up.status} ${JSON.stringify(up.body)}`);
      photos.push({ sha256: up.sha256, bytes: bytes.length, role, partyIdx });
    }
    const res = await intake(exchange, 'accident', accidentBody('410100', photos.map(({ sha256, role, partyIdx }) => ({ sha256, role, partyIdx }))));
    if (!res.id) throw new Error(`accident intake refused: ${res.status} ${JSON.stringify(res.body)}`);
    const dataDir = tempDir('case-photos');
    const core = await openCore(dataDir, exchange.url);
    try {
      await core['auth.login']({ badge: TRAFFIC_OFFICER, password: DEMO_PASSWORD });
      await core['sync.now']({});
      await core.prefetchIdle();
      const cached = await core['items.get']({ id: res.id });
      if (cached.attachments.length !== photos.length) throw new Error(`cache holds ${cached.attachments.length} attachments of ${res.id}, expected ${photos.length}`);
    } finally {
      await core.close();
    }
    return { dataDir, itemId: res.id, photos, buildMs: performance.now() - t0 };
  } finally {
    await exchange.stop();
  }
}

/** A console core on the folder; its exchange address may be one that no longer answers. */
export function openCore(dataDir: string, exchangeUrl: string): Promise<ConsoleCore> {
  return createConsoleService({ dataDir, exchangeUrl, shell: 'web', demo: false, version: 'bench' });
}

export interface OpenTimes {
  /** items.get, then the first photo the accident viewer shows, bytes in hand. */
  readonly firstMs: number;
  /** ... until every photo of the case has been served (see `openCase`). */
  readonly allMs: number;
  readonly servedBytes: number;
}

/**
 * Opens the case as the renderer does, through the shells' one entry point (dispatchBridge, which
 * Electron's IPC handler and the web shell's POST /bridge/<method> both call): `items.get`, then
 * `attachments.get` for the viewer's first photo (viewerOrder, renderer/features/accidents). The
 * viewer has no thumbnail strip: its tabs are text and only the shown photo (two when comparing) is
 * requested, at full size, scaled by the browser. So "all thumbnails" is measured as what a strip
 * of the eight would cost the core: the other seven asked for at once, as eight mounted
 * useAttachment hooks would.
 */
export async function openCase(core: ConsoleCore, itemId: string): Promise<OpenTimes> {
  const t0 = performance.now();
  const got = await call<{ attachments: AttachmentMeta[] }>(core, 'items.get', { id: itemId });
  const order = viewerOrder(got.attachments);
  const first = await call<{ base64: string }>(core, 'attachments.get', { sha256: order[0]!.sha256 });
  const firstMs = performance.now() - t0;
  const rest = await Promise.all(order.slice(1).map((a) => call<{ base64: string }>(core, 'attachments.get', { sha256: a.sha256 })));
  const allMs = performance.now() - t0;
  const servedBytes = [first, ...rest].reduce((n, r) => n + Math.floor((r.base64.length * 3) / 4), 0);
  return { firstMs, allMs, servedBytes };
}

async function call<T>(core: ConsoleCore, method: string, args: unknown): Promise<T> {
  const r = await dispatchBridge(core, method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as T;
}

/**
 * Where the time of one `attachments.get` goes, step by step on the same file, as
 * AttachmentStore.get does them (electron/console/attachments.ts): read the file, hash it to
 * verify it, and the handler's base64 encoding; then what a shell does with the result (the web
 * shell's JSON body; Electron's IPC copies the string instead, not measurable outside Electron).
 */
export async function stepsOf(dataDir: string, sha256: string): Promise<Record<'read' | 'sha256' | 'base64' | 'json', number>> {
  const t0 = performance.now();
  const bytes = await readFile(join(dataDir, 'attachments', sha256.slice(0, 2), sha256));
  const t1 = performance.now();
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`file ${sha256} does not match its name`);
  const t2 = performance.now();
  const base64 = bytes.toString('base64');
  const t3 = performance.now();
  JSON.stringify({ ok: true, result: { contentType: 'image/jpeg', base64 } });
  const t4 = performance.now();
  return { read: t1 - t0, sha256: t2 - t1, base64: t3 - t2, json: t4 - t3 };
}
