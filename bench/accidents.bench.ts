/**
 * Accident review on the exchange (issue 7): near-duplicate lookups against 100k stored photo
 * hashes (multi-index vs a full scan, in the same run), photo forensics per photo at intake
 * (decode + hashes), and determination PDF generation. Writes bench/results/accidents.json.
 */
import sharp from 'sharp';
import { AccidentCaseSchema } from '#shared/domain/items';
import { FORENSICS_THRESHOLDS } from '#shared/rules/forensics';
import { HashIndex, halves, toHex } from '#shared/rules/phash';
import { photoViewsOf } from '#server/domain/forensics';
import { determinationPdf } from '#server/domain/determination';
import { renderPhoto, stampOf } from '#server/seed/photos';
import { Rng } from '#server/seed/prng';
import { percentile, report, type Figure } from './lib/report';

const STORED = 100_000;
const T = FORENSICS_THRESHOLDS.nearDuplicateDistance;
const rng = new Rng(7);
const rand32 = () => Math.floor(rng.next() * 2 ** 32) >>> 0;

function flip(hash: string, bits: number): string {
  let [hi, lo] = halves(hash);
  for (let k = 0; k < bits; k++) {
    const b = 1 + Math.floor(rng.next() * 63); // never the DC bit
    if (b < 32) hi = (hi ^ (1 << (31 - b))) >>> 0;
    else lo = (lo ^ (1 << (63 - b))) >>> 0;
  }
  return toHex(hi, lo);
}

/** Lookups per second of `fn` over `queries`, run for at least `minMs`. */
function rate(queries: readonly string[], fn: (q: string) => unknown, minMs = 1500): number {
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (const q of queries) fn(q);
    n += queries.length;
  }
  return n / ((performance.now() - started) / 1000);
}

async function generatedPhotos(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const roles = ['front_side', 'rear_side', 'collision', 'scene'];
  for (let c = 0; c < count; c++) {
    const at = new Date(Date.parse('2026-11-20T01:15:30.000Z') + c * 3_700_000).toISOString();
    out.push(await renderPhoto({ role: roles[c % 4]!, plates: [`豫A·${10000 + c}`, `豫A·K${2000 + c}`], stamp: stampOf(at), variant: c % 1000, takenAt: at, gps: { lat: 34.75, lng: 113.62 } }));
  }
  return out;
}

const figures: Figure[] = [];

// ---- near-duplicate lookups -------------------------------------------------------------------
// Two distributions of the 100k stored hashes: uniform (the best case for chunk tables), and
// derived from the hashes of real generated scene photos (views) with a few bits flipped, which
// clusters like real pHashes do and fills some chunk buckets far more than others.
const photos = await generatedPhotos(400);
const realViews = (await Promise.all(photos.map(photoViewsOf))).flatMap((v) => (v ?? []).flatMap((x) => (x ? [x.p] : [])));
const distributions: Record<string, () => string> = {
  uniform: () => toHex(rand32() & 0x7fffffff, rand32()),
  'from photos': () => flip(realViews[Math.floor(rng.next() * realViews.length)]!, 4 + Math.floor(rng.next() * 16)),
};
for (const [name, make] of Object.entries(distributions)) {
  const index = new HashIndex<number>(T);
  const stored: string[] = [];
  for (let i = 0; i < STORED; i++) {
    const h = make();
    stored.push(h);
    index.add(h, i);
  }
  // queries: half near a stored hash (within T), half fresh
  const queries = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? flip(stored[Math.floor(rng.next() * STORED)]!, Math.floor(rng.next() * (T + 1))) : make()));
  for (const q of queries.slice(0, 50)) {
    const a = index.near(q, T).map((m) => m.value).sort();
    const b = index.scan(q, T).map((m) => m.value).sort();
    if (a.join() !== b.join()) throw new Error(`multi-index and scan disagree on ${q}`);
  }
  const mih = rate(queries, (q) => index.near(q, T));
  const scan = rate(queries.slice(0, 100), (q) => index.scan(q, T));
  figures.push(
    { metric: `near-duplicate lookup, multi-index (${name})`, value: Math.round(mih), unit: 'lookups/s', aim: '≥ 50000', met: mih >= 50_000, note: `${STORED} stored hashes, distance ≤ ${T}` },
    { metric: `near-duplicate lookup, full scan (${name})`, value: Math.round(scan), unit: 'lookups/s', note: 'the same queries, every hash compared' },
    { metric: `multi-index / scan (${name})`, value: Math.round((mih / scan) * 10) / 10, unit: '×' },
  );
}

// A photo's lookup at intake: its six views against 100k photos' six views (600k hashes).
{
  const index = new HashIndex<number>(T);
  for (let i = 0; i < STORED; i++) {
    const base = distributions['from photos']!();
    for (let v = 0; v < 6; v++) index.add(v === 0 ? base : flip(base, 6 + Math.floor(rng.next() * 10)), i);
  }
  const photoQueries = Array.from({ length: 300 }, () => Array.from({ length: 6 }, () => distributions['from photos']!()));
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 1500) {
    for (const views of photoQueries) for (const q of views) index.near(q, T);
    n += photoQueries.length;
  }
  const perSec = n / ((performance.now() - started) / 1000);
  figures.push({ metric: 'photo lookup at intake (6 views)', value: Math.round(perSec), unit: 'photos/s', note: `against ${STORED} photos × 6 views = ${index.size} hashes` });
}

// ---- forensics per photo at intake --------------------------------------------------------------
{
  const ms: number[] = [];
  for (const bytes of photos.slice(0, 200)) {
    const t = performance.now();
    await photoViewsOf(bytes);
    ms.push(performance.now() - t);
  }
  figures.push({ metric: 'photo hashes per photo (480×320 JPEG)', value: Math.round(percentile(ms, 50) * 100) / 100, unit: 'ms', note: `median of 200 decodes; p95 ${percentile(ms, 95).toFixed(2)} ms` });
  // a phone-sized photo: 12 MP
  const big = await sharp(photos[0]).resize(4000, 3000).jpeg({ quality: 85 }).toBuffer();
  const bigMs: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = performance.now();
    await photoViewsOf(big);
    bigMs.push(performance.now() - t);
  }
  figures.push({ metric: 'photo hashes per photo (12 MP JPEG)', value: Math.round(percentile(bigMs, 50) * 10) / 10, unit: 'ms', note: `median of 12; ${(big.length / 1e6).toFixed(1)} MB; shrink-on-load decode` });
}

// ---- determination PDF --------------------------------------------------------------------------
{
  const party = (name: string, plate: string, statement: string) => ({
    name, idNumberMasked: '410105********1234', phoneMasked: '139****5678', plate, vehicleType: '小型轿车', insurer: '人保财险',
    hasPlate: true, inspectionValid: true, insuranceValid: true, licenceValid: true, statement, situations: [],
  });
  const item = AccidentCaseSchema.parse({
    id: 'ACC-410100-1', kind: 'accident', unitCode: '410105', status: 'determined', version: 3, claimedBy: null, claimExpiresAt: null,
    submittedAt: '2026-11-20T02:20:00.000Z', dueAt: null, updatedAt: '2026-11-20T02:31:00.000Z', notes: [],
    data: {
      occurredAt: '2026-11-20T02:00:00.000Z', location: { address: '郑州市金水区花园路与农业路交叉口', lat: 34.78, lng: 113.68 },
      parties: [party('李四', '豫A12345', '我在花园路由南向北行驶，前车突然减速，我刹车不及追尾。'), party('王喆', '豫AD12345', '我正常行驶等红灯，被后车追尾。')],
      declared: [], photoRequest: null, referral: null,
      determination: { liabilities: ['full', 'none'], proposed: ['full', 'none'], scenario: 'rear_end', overrideReason: null, ruleTableVersion: 'HA-2024.1', decidedBy: '100002', decidedAt: '2026-11-20T02:31:00.000Z' },
    },
  });
  const officer = { badge: '100002', name: '张警官' };
  const first = performance.now();
  const bytes = determinationPdf(item, officer);
  const firstMs = performance.now() - first;
  const ms: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    determinationPdf(item, officer);
    ms.push(performance.now() - t);
  }
  figures.push({
    metric: 'determination PDF',
    value: Math.round(percentile(ms, 50) * 10) / 10,
    unit: 'ms',
    note: `median of 40, p95 ${percentile(ms, 95).toFixed(1)} ms; first ${firstMs.toFixed(0)} ms (font read); ${bytes.length} bytes`,
  });
}

report('accidents', figures, { storedHashes: STORED, nearDuplicateDistance: T, confirmDistance: FORENSICS_THRESHOLDS.nearDuplicateConfirmDistance });
