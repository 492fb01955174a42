import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccidentCase, PhotoFinding } from '#shared/domain/items';
import { FORENSICS_THRESHOLDS } from '#shared/rules/forensics';
import { renderPhoto, stampOf } from '#server/seed/photos';
import { intake, login, startExchange, uploadAttachment, type ExchangeHandle } from '../../helpers/exchange';
import { accidentBody, changes, command, openDb, postCommands } from './fixtures';

/**
 * Photo forensics at intake over real HTTP (server/domain/forensics.ts): findings travel with the
 * case through the feed, near-duplicates are found across cases (and after a restart, from the
 * stored hashes), and a photo that cannot be decoded is no error.
 */
const OCCURRED = '2026-11-20T02:00:00.000Z'; // accidentBody's occurredAt
const PLACE = { lat: 34.78, lng: 113.68 }; // and its location
const at = (min: number) => new Date(Date.parse(OCCURRED) + min * 60_000).toISOString();

let exchange: ExchangeHandle;
let token: string;

async function photo(role: string, variant: number, opts: { takenAt?: string | null; gps?: { lat: number; lng: number } | null } = {}): Promise<Buffer> {
  const takenAt = opts.takenAt === undefined ? at(5) : opts.takenAt;
  const bytes = await renderPhoto({ role, plates: [`豫A·${30000 + variant}`, `豫A·K${4000 + variant}`], stamp: stampOf(takenAt ?? at(5)), variant, takenAt: takenAt ?? at(5), gps: opts.gps === undefined ? PLACE : opts.gps });
  // no EXIF at all: re-encode without metadata
  return takenAt === null ? sharp(bytes).jpeg({ quality: 80 }).toBuffer() : bytes;
}

async function upload(bytes: Buffer): Promise<string> {
  const res = await uploadAttachment(exchange, bytes, 'image/jpeg');
  if (!res.sha256) throw new Error(`upload failed: ${JSON.stringify(res.body)}`);
  return res.sha256;
}

async function report(photos: { sha256: string; role: string; partyIdx?: number | null }[]): Promise<string> {
  const res = await intake(exchange, 'accident', accidentBody('410100', photos.map((p) => ({ partyIdx: null, ...p }))));
  if (res.status !== 200 || !res.id) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.id;
}

async function caseOf(id: string): Promise<AccidentCase> {
  const page = await changes(exchange, token);
  const item = page.items.find((i) => i.id === id);
  if (item?.kind !== 'accident') throw new Error(`${id} not in the feed`);
  return item;
}

const codes = (findings: readonly PhotoFinding[]) => findings.map((f) => `${f.code}:${f.sha256.slice(0, 8)}`).sort();

let original: { front: string; rear: string; collision: string; id: string };

beforeAll(async () => {
  exchange = await startExchange();
  token = await login(exchange.url, '100002');
  const [front, rear, collision] = [await upload(await photo('front_side', 1)), await upload(await photo('rear_side', 1)), await upload(await photo('collision', 1))];
  const id = await report([
    { sha256: front, role: 'front_side' },
    { sha256: rear, role: 'rear_side' },
    { sha256: collision, role: 'collision' },
  ]);
  original = { front, rear, collision, id };
}, 120_000);

afterAll(async () => {
  await exchange?.stop();
});

describe('photo forensics at intake', () => {
  it('finds nothing in a case whose photos were taken there and then and look like no other case', async () => {
    expect((await caseOf(original.id)).data.findings).toEqual([]);
  });

  it('flags a recompressed copy of another case’s photo (its EXIF lost on the way), a photo taken hours before, one 20 km away and one without EXIF', async () => {
    const originalBytes = await photo('front_side', 1);
    const copy = await upload(await sharp(originalBytes).jpeg({ quality: 60 }).toBuffer());
    const early = await upload(await photo('rear_side', 2, { takenAt: at(-5 * 60) }));
    const far = await upload(await photo('collision', 2, { gps: { lat: PLACE.lat + 20 / 111.2, lng: PLACE.lng } }));
    const bare = await upload(await photo('scene', 2, { takenAt: null }));
    const id = await report([
      { sha256: copy, role: 'front_side' },
      { sha256: early, role: 'rear_side' },
      { sha256: far, role: 'collision' },
      { sha256: bare, role: 'scene' },
    ]);
    const { findings } = (await caseOf(id)).data;
    expect(codes(findings)).toEqual(
      codes([
        { code: 'near_duplicate', sha256: copy, detail: { itemId: original.id, sha256: original.front, distance: 0 } },
        { code: 'exif_missing', sha256: copy, detail: {} },
        { code: 'exif_time_mismatch', sha256: early, detail: { takenAt: at(-300), reportedAt: OCCURRED, minutes: 300, relation: 'before_occurrence' } },
        { code: 'exif_gps_far', sha256: far, detail: { km: 20, lat: 0, lng: 0 } },
        { code: 'exif_missing', sha256: bare, detail: {} },
      ]),
    );
    const dup = findings.find((f) => f.code === 'near_duplicate');
    expect(dup?.code === 'near_duplicate' && dup.detail).toMatchObject({ itemId: original.id, sha256: original.front });
    expect(dup?.code === 'near_duplicate' && dup.detail.distance).toBeLessThanOrEqual(FORENSICS_THRESHOLDS.nearDuplicateDistance);
    expect(findings.find((f) => f.code === 'exif_time_mismatch')).toMatchObject({ detail: { minutes: 300, relation: 'before_occurrence', reportedAt: OCCURRED } });
    const gps = findings.find((f) => f.code === 'exif_gps_far');
    expect(gps?.code === 'exif_gps_far' && gps.detail.km).toBeCloseTo(20, 0);
  });

  it('names the first case for the very same file sent with a later case, at distance 0', async () => {
    const id = await report([{ sha256: original.rear, role: 'rear_side' }]);
    expect((await caseOf(id)).data.findings).toEqual([{ code: 'near_duplicate', sha256: original.rear, detail: { itemId: original.id, sha256: original.rear, distance: 0 } }]);
  });

  it('does not flag a different scene', async () => {
    const id = await report([{ sha256: await upload(await photo('front_side', 777)), role: 'front_side' }]);
    expect((await caseOf(id)).data.findings).toEqual([]);
  });

  it('takes a photo that cannot be decoded: no hash, no 500, and still judges its missing EXIF', async () => {
    // a JPEG cut off in the middle of its image data: its header reads (intake accepts it), its pixels do not
    const whole = await photo('collision', 60, { takenAt: null });
    const broken = whole.subarray(0, Math.floor(whole.length * 0.6));
    const sha = await upload(broken);
    const id = await report([{ sha256: sha, role: 'collision' }]);
    expect((await caseOf(id)).data.findings).toEqual([{ code: 'exif_missing', sha256: sha, detail: {} }]);
    const db = openDb(exchange);
    try {
      expect(db.prepare('SELECT count(*) FROM photo_hashes WHERE sha256 = ?').pluck().get(sha)).toBe(0);
      expect(db.prepare('SELECT item_id FROM photo_hashes WHERE sha256 = ?').pluck().get(original.front)).toBe(original.id);
    } finally {
      db.close();
    }
  });

  it('finds near-duplicates from the stored hashes after a restart', async () => {
    await exchange.restart();
    token = await login(exchange.url, '100002');
    const copy = await upload(await sharp(await photo('collision', 1)).resize({ width: 240 }).jpeg({ quality: 75 }).toBuffer());
    const id = await report([{ sha256: copy, role: 'collision' }]);
    const f = (await caseOf(id)).data.findings.find((x) => x.code === 'near_duplicate');
    expect(f).toMatchObject({ code: 'near_duplicate', sha256: copy, detail: { itemId: original.id, sha256: original.collision } });
  });

  it('judges the photos a citizen supplies on request, counting “after the report” from the supplement', async () => {
    const front = await upload(await photo('front_side', 50));
    const id = await report([{ sha256: front, role: 'front_side' }]);
    const [claimed] = await postCommands(exchange, token, [command(id, 'claim', 1)]);
    expect(claimed?.status).toBe('applied');
    const [asked] = await postCommands(exchange, token, [command(id, 'request_supplement', 2, { missing: ['collision'], note: '请补拍碰撞部位' })]);
    expect(asked?.status).toBe('applied');
    // a copy of the first case's collision photo, taken "now" (after the report, at the supplement)
    const now = new Date().toISOString();
    const copy = await upload(await sharp(await photo('collision', 1)).modulate({ brightness: 1.15 }).jpeg({ quality: 80 }).toBuffer());
    const fresh = await upload(await renderPhoto({ role: 'scene', plates: ['豫A·1'], stamp: stampOf(now), variant: 51, takenAt: now, gps: PLACE }));
    const res = await intake(exchange, 'supplement', { itemId: id, materials: [{ code: 'collision', sha256: copy }, { code: 'scene', sha256: fresh }] });
    expect(res.status).toBe(200);
    const { findings } = (await caseOf(id)).data;
    // the copy matches the first case's photo (and the earlier copy of it, sent after the restart)
    const dups = findings.filter((f) => f.code === 'near_duplicate');
    expect(dups.length).toBeGreaterThan(0);
    expect(dups.every((f) => f.sha256 === copy)).toBe(true);
    expect(dups.some((f) => f.code === 'near_duplicate' && f.detail.itemId === original.id && f.detail.sha256 === original.collision)).toBe(true);
    // a photo taken now, after the report but at the supplement, is not "after the report"
    expect(findings.some((f) => f.sha256 === fresh)).toBe(false);
  });

  it('refuses a determination sent in by the Internet side', async () => {
    const res = await intake(exchange, 'accident', accidentBody('410100', [{ sha256: original.front, role: 'determination', partyIdx: null }]));
    expect(res.status).toBe(400);
  });
});
