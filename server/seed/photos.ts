import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { AttachmentContentType } from '#shared/domain/attachments';
import { scanSvg, sceneSvg, type SceneSpec } from './scenes';

/**
 * Generated JPEGs for the demo data, content-addressed like the exchange stores them.
 *
 * `generated`: every request renders its own image (plates, holder name and time stamp of that
 * case), with EXIF DateTimeOriginal in Asia/Shanghai wall time and GPS, like a phone photo.
 * `reuse`: a small fixed pool is rendered once and requests pick from it, so 100k items need a
 * few dozen images (bench mode); the pool's EXIF carries a fixed time and place.
 *
 * sharp writes EXIF through libvips/libexif: `IFD0` is the main IFD, `IFD2` the Exif sub-IFD and
 * `IFD3` the GPS IFD; rational values are written as "num/den" separated by spaces.
 */
export interface DemoBlob {
  bytes: Buffer;
  contentType: AttachmentContentType;
}

export interface PhotoRequest extends SceneSpec {
  /** UTC ISO of when the photo was taken (EXIF DateTimeOriginal, written as Shanghai time). */
  readonly takenAt: string;
  readonly gps: { lat: number; lng: number } | null;
  /** false: no metadata at all (a screenshot, or a photo passed through an app that strips it). */
  readonly exif?: boolean;
}

export interface ScanRequest {
  readonly title: string;
  readonly holder: string;
  readonly service: string;
  readonly variant: number;
}

export type PhotoMode = 'generated' | 'reuse';

const PENDING = 'pending:';
const RENDER_CONCURRENCY = 4;
const POOL_VARIANTS = 3;
const POOL_ROLES = ['front_side', 'rear_side', 'collision', 'plate', 'driving_licence', 'vehicle_licence', 'evidence'] as const;
const POOL_TAKEN_AT = '2026-11-20T01:15:30.000Z';
const POOL_GPS = { lat: 34.7466, lng: 113.6254 };
/** Huffman optimisation costs ~40% of the encode time for ~15% of the bytes: not worth it for demo photos. */
const JPEG = { quality: 70, optimiseCoding: false } as const;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** "2026-11-20T01:15:30.000Z" → "2026:11:20 09:15:30" (EXIF wall time, UTC+8, no DST). */
export function exifLocalTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10).replace(/-/g, ':')} ${local.slice(11, 19)}`;
}

/** Watermark form of the same wall time: "2026-11-20 09:15". */
export function stampOf(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** Decimal degrees → EXIF "deg/1 min/1 sec*100/100". */
function dms(value: number): string {
  const abs = Math.abs(value);
  const deg = Math.floor(abs);
  const minFloat = (abs - deg) * 60;
  const min = Math.floor(minFloat);
  const sec = Math.round((minFloat - min) * 60 * 10000);
  return `${deg}/1 ${min}/1 ${sec}/10000`;
}

export async function renderPhoto(req: PhotoRequest): Promise<Buffer> {
  const ifd3 = req.gps
    ? {
        GPSLatitudeRef: req.gps.lat >= 0 ? 'N' : 'S',
        GPSLatitude: dms(req.gps.lat),
        GPSLongitudeRef: req.gps.lng >= 0 ? 'E' : 'W',
        GPSLongitude: dms(req.gps.lng),
      }
    : undefined;
  const local = exifLocalTime(req.takenAt);
  if (req.exif === false) return sharp(Buffer.from(sceneSvg(req))).jpeg(JPEG).toBuffer();
  return sharp(Buffer.from(sceneSvg(req)))
    .withExif({
      IFD0: { Make: 'Demo', Model: 'Officer Console seed', DateTime: local },
      IFD2: { DateTimeOriginal: local, DateTimeDigitized: local, OffsetTimeOriginal: '+08:00' },
      ...(ifd3 ? { IFD3: ifd3 } : {}),
    })
    .jpeg(JPEG)
    .toBuffer();
}

export async function renderScan(req: ScanRequest): Promise<Buffer> {
  return sharp(Buffer.from(scanSvg(req.title, req.holder, req.service, req.variant))).greyscale().jpeg(JPEG).toBuffer();
}

/** `copy`: another job's image re-encoded at `quality` (a photo reused from another case); EXIF is lost, as in most re-sends. */
type Job = { kind: 'photo'; req: PhotoRequest } | { kind: 'scan'; req: ScanRequest } | { kind: 'copy'; of: number; quality: number };

export class PhotoBook {
  readonly blobs = new Map<string, DemoBlob>();
  private readonly jobs: Job[] = [];
  private readonly pool = new Map<string, string>();
  private readonly scanTokens = new Map<string, string>();

  constructor(readonly mode: PhotoMode) {}

  /** Renders the reuse pool; call once before requesting in `reuse` mode. */
  async preparePool(): Promise<void> {
    if (this.mode !== 'reuse' || this.pool.size > 0) return;
    const jobs: [string, Job][] = [];
    for (const role of POOL_ROLES) {
      for (let v = 0; v < POOL_VARIANTS; v++) {
        const plates = v === 2 ? ['豫A·D12345', '豫A·7K2Q9'] : ['豫A·5B2C8', '豫A·K7730'];
        jobs.push([`${role}:${v}`, { kind: 'photo', req: { role, plates, stamp: stampOf(POOL_TAKEN_AT), holder: '王伟', vehicleType: '小型轿车', variant: v, takenAt: POOL_TAKEN_AT, gps: POOL_GPS } }]);
      }
    }
    for (let v = 0; v < POOL_VARIANTS; v++) {
      jobs.push([`scan:${v}`, { kind: 'scan', req: { title: '申请材料', holder: '王伟', service: '演示事项', variant: v } }]);
    }
    const bytes = await renderAll(jobs.map(([, j]) => j));
    jobs.forEach(([key], i) => this.pool.set(key, this.store(bytes[i] as Buffer)));
  }

  /**
   * A sha256 (reuse) or a placeholder resolved by `render()` (generated). `details` is only called
   * when pixels are rendered, so bench runs skip the per-photo formatting; it must not draw from
   * the Rng, or reuse and generated runs of one seed would diverge.
   */
  photo(role: string, variant: number, details: () => Omit<PhotoRequest, 'role' | 'variant'>): string {
    if (this.mode === 'reuse') return this.fromPool(`${POOL_ROLES.includes(role as (typeof POOL_ROLES)[number]) ? role : 'evidence'}:${variant % POOL_VARIANTS}`);
    this.jobs.push({ kind: 'photo', req: { role, variant, ...details() } });
    return `${PENDING}${this.jobs.length - 1}`;
  }

  /** A placeholder for `ref` (a placeholder `photo()` returned) re-encoded at `quality`; generated mode only. */
  copy(ref: string, quality: number): string {
    if (this.mode === 'reuse' || !ref.startsWith(PENDING)) throw new Error('copies are made of generated photos only');
    this.jobs.push({ kind: 'copy', of: Number(ref.slice(PENDING.length)), quality });
    return `${PENDING}${this.jobs.length - 1}`;
  }

  /**
   * Scans are rendered once per distinct request (material, holder, variant), so a caller that
   * wants fewer images passes a shared holder and a few variants (see applications.ts).
   */
  scan(req: ScanRequest): string {
    if (this.mode === 'reuse') return this.fromPool(`scan:${req.variant % POOL_VARIANTS}`);
    const key = `${req.title}|${req.holder}|${req.service}|${req.variant}`;
    const known = this.scanTokens.get(key);
    if (known) return known;
    this.jobs.push({ kind: 'scan', req });
    const token = `${PENDING}${this.jobs.length - 1}`;
    this.scanTokens.set(key, token);
    return token;
  }

  /** Renders queued jobs and returns the resolver from placeholder to sha256. */
  async render(): Promise<(ref: string) => string> {
    const bytes = await renderAll(this.jobs);
    // stored in request order, so the blob map is identical from run to run
    const shas = bytes.map((b) => this.store(b));
    return (ref: string) => {
      if (!ref.startsWith(PENDING)) return ref;
      const sha = shas[Number(ref.slice(PENDING.length))];
      if (!sha) throw new Error(`unresolved photo ${ref}`);
      return sha;
    };
  }

  private fromPool(key: string): string {
    const sha = this.pool.get(key);
    if (!sha) throw new Error(`photo pool not prepared (${key})`);
    return sha;
  }

  private store(bytes: Buffer): string {
    const sha = sha256Hex(bytes);
    if (!this.blobs.has(sha)) this.blobs.set(sha, { bytes, contentType: 'image/jpeg' });
    return sha;
  }
}

async function renderAll(jobs: readonly Job[]): Promise<Buffer[]> {
  const out: Buffer[] = new Array<Buffer>(jobs.length);
  // originals first, then the copies made of them
  for (const pass of ['originals', 'copies'] as const) {
    const todo = jobs.flatMap((job, i) => ((job.kind === 'copy') === (pass === 'copies') ? [i] : []));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const i = todo[next++] as number;
        const job = jobs[i] as Job;
        if (job.kind === 'copy') out[i] = await sharp(out[job.of]).jpeg({ quality: job.quality, optimiseCoding: false }).toBuffer();
        else out[i] = job.kind === 'photo' ? await renderPhoto(job.req) : await renderScan(job.req);
      }
    };
    await Promise.all(Array.from({ length: Math.min(RENDER_CONCURRENCY, todo.length) }, worker));
  }
  return out;
}
