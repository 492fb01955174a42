import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccidentCase } from '#shared/domain/items';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { missingPhotos, quickProcedureExclusions } from '#shared/rules/quickProcedure';
import { proposeLiability } from '#shared/rules/liability';
import { generateDemoData, type DemoData } from '#server/seed/index';
import { SHOWCASE_SIZE } from '#server/seed/showcase';
import { ingest, type SeedReport } from '#server/demo';
import { createSqliteStore } from '#server/store/sqlite/index';
import type { Store } from '#server/store/store';

/**
 * The demo's showcase accidents (server/seed/showcase.ts) go through the same intake as citizens'
 * reports, so the exchange's forensics judge them: each shows the finding it was made for, and
 * the plain cases show none.
 */
const NOW = '2026-11-26T08:00:00.000Z';
let dir: string;
let store: Store;
let data: DemoData;
let report: SeedReport;
let cases: AccidentCase[];
/** Each case's attachment metadata as the store holds it. */
const attachments = new Map<string, AttachmentMeta[]>();

beforeAll(async () => {
  data = await generateDemoData({ seed: 2026, perCity: { '410100': { applications: 0, accidents: 44, tips: 0 } }, now: NOW });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcase-'));
  store = createSqliteStore(dir);
  report = await ingest(store, data);
  cases = [];
  for (const id of report.ids.accident) cases.push((await store.items.getWork(id!)) as AccidentCase);
  for (const c of cases) attachments.set(c.id, await store.items.attachmentsOf([c.id]));
}, 120_000);

afterAll(async () => {
  await store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The cases reported in the last five hours: the showcase, and any generated case that happens to be as recent. */
function showcase(): AccidentCase[] {
  return cases.filter((c) => Date.parse(NOW) - Date.parse(c.submittedAt) <= 5 * 3600_000);
}

const codes = (c: AccidentCase) => [...new Set(c.data.findings.map((f) => f.code))].sort();

describe('the demo showcase accidents', () => {
  it('are all ingested, recent and open', () => {
    expect(report.refused).toBe(0);
    expect(showcase().length).toBeGreaterThanOrEqual(SHOWCASE_SIZE);
    for (const c of showcase()) expect(c.status).toBe('reported');
  });

  it('show a photo reused (recompressed) from another case, one taken hours before, one 20 km away and one without EXIF', () => {
    const dup = cases.filter((c) => c.data.findings.some((f) => f.code === 'near_duplicate'));
    expect(dup).toHaveLength(1);
    const f = dup[0]!.data.findings.find((x) => x.code === 'near_duplicate')!;
    const original = cases.find((c) => f.code === 'near_duplicate' && c.id === f.detail.itemId);
    expect(original).toBeDefined();
    expect(Date.parse(original!.submittedAt)).toBeLessThan(Date.parse(dup[0]!.submittedAt));
    expect(codes(dup[0]!)).toEqual(['exif_missing', 'near_duplicate']);

    const early = cases.filter((c) => c.data.findings.some((x) => x.code === 'exif_time_mismatch'));
    expect(early).toHaveLength(1);
    expect(early[0]!.data.findings).toEqual([expect.objectContaining({ code: 'exif_time_mismatch', detail: expect.objectContaining({ relation: 'before_occurrence', minutes: 240 }) })]);

    const far = cases.filter((c) => c.data.findings.some((x) => x.code === 'exif_gps_far'));
    expect(far).toHaveLength(1);
    const gps = far[0]!.data.findings[0]!;
    expect(gps.code === 'exif_gps_far' && gps.detail.km).toBeCloseTo(20, 0);

    const bare = cases.filter((c) => codes(c).join() === 'exif_missing');
    expect(bare).toHaveLength(1);
  });

  it('include a case missing a plate photo, an injury report and a three-vehicle case', () => {
    const recent = showcase();
    expect(recent.filter((c) => missingPhotos(attachments.get(c.id)!, c.data.parties.length).join() === 'plate#1').length).toBeGreaterThanOrEqual(1);
    expect(recent.filter((c) => c.data.declared.includes('casualties')).length).toBeGreaterThanOrEqual(1);
    expect(recent.filter((c) => c.data.parties.length === 3).length).toBeGreaterThanOrEqual(1);
  });

  it('give a shift plain cases to determine: complete photos, no findings, a clear scenario', () => {
    const plain = showcase().filter(
      (c) =>
        c.data.findings.length === 0 &&
        missingPhotos(attachments.get(c.id)!, c.data.parties.length).length === 0 &&
        quickProcedureExclusions(c.data).length === 0 &&
        proposeLiability(c.data.parties).scenario !== null,
    );
    expect(plain.length).toBeGreaterThanOrEqual(12);
  });

  it('flag no other case: the generated photos of different cases are not near-duplicates', () => {
    const flagged = cases.filter((c) => c.data.findings.length > 0);
    expect(flagged).toHaveLength(4);
  });
});
