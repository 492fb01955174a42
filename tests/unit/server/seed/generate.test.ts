import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccidentIntakeSchema, ApplicationIntakeSchema, TipIntakeSchema } from '#shared/contract/api';
import { findService } from '#shared/data/catalogue';
import { CURRENT_LIABILITY_TABLE_VERSION, LIABILITY_TABLES } from '#shared/data/liability-table';
import { TipCategorySchema } from '#shared/domain/items';
import { cityOf, isKnownUnit } from '#shared/domain/units';
import { isValidIdNumber } from '#shared/rules/idNumber';
import { parsePlate } from '#shared/rules/plates';
import { missingPhotos } from '#shared/rules/quickProcedure';
import { isWorkingDay, shanghaiDate } from '#shared/rules/workdays';
import { DEMO_PER_CITY, generateDemoData, type DemoData } from '#server/seed/index';

const NOW = '2026-11-26T08:00:00.000Z';
/** Small but covering: the capital, a second city, and Jiyuan (a city without districts). */
const SMALL = {
  '410100': { applications: 60, accidents: 25, tips: 40 },
  '410300': { applications: 15, accidents: 8, tips: 10 },
  '419001': { applications: 5, accidents: 3, tips: 6 },
};

let small: DemoData;
let demo: DemoData;

beforeAll(async () => {
  small = await generateDemoData({ seed: 7, perCity: SMALL, now: NOW });
  demo = await generateDemoData({ seed: 2026, perCity: DEMO_PER_CITY, photos: 'reuse', now: NOW });
}, 120_000);

function referencedShas(d: DemoData): string[] {
  return [
    ...d.applications.flatMap((a) => a.materials.map((m) => m.sha256).filter((s): s is string => s !== null)),
    ...d.accidents.flatMap((a) => a.photos.map((p) => p.sha256)),
    ...d.tips.flatMap((t) => t.attachments.map((p) => p.sha256)),
  ];
}

describe('generateDemoData', () => {
  it('produces the requested number of items per kind', () => {
    expect(small.applications).toHaveLength(80);
    expect(small.accidents).toHaveLength(36);
    expect(small.tips).toHaveLength(56);
    const demoTotal = Object.values(DEMO_PER_CITY).reduce((s, c) => s + c.applications + c.accidents + c.tips, 0);
    expect(demo.applications.length + demo.accidents.length + demo.tips.length).toBe(demoTotal);
  });

  it('makes every application, accident and tip pass its intake schema unchanged', () => {
    for (const d of [small, demo]) {
      for (const a of d.applications) expect(ApplicationIntakeSchema.parse(a)).toEqual(a);
      for (const a of d.accidents) expect(AccidentIntakeSchema.parse(a)).toEqual(a);
      for (const t of d.tips) expect(TipIntakeSchema.parse(t)).toEqual(t);
    }
  });

  it('puts every item in a known unit of the city it was generated for', () => {
    const cities = new Set(Object.keys(DEMO_PER_CITY));
    for (const item of [...demo.applications, ...demo.accidents, ...demo.tips]) {
      expect(isKnownUnit(item.unitCode), item.unitCode).toBe(true);
      expect(cities.has(cityOf(item.unitCode))).toBe(true);
    }
  });

  it('gives applicants, parties and named reporters valid ID numbers born in the item\'s city', () => {
    const people = [
      ...demo.applications.map((a) => [a.applicant.idNumber, a.unitCode] as const),
      ...demo.accidents.flatMap((a) => a.parties.map((p) => [p.idNumber, a.unitCode] as const)),
      ...demo.tips.filter((t) => t.reporter.idNumber !== null).map((t) => [t.reporter.idNumber ?? '', t.unitCode] as const),
    ];
    expect(people.length).toBeGreaterThan(1000);
    for (const [id, unit] of people) {
      expect(isValidIdNumber(id), id).toBe(true);
      expect(cityOf(id.slice(0, 6))).toBe(cityOf(unit));
    }
  });

  it('walks the whole catalogue in the capital and leaves some materials missing', () => {
    const zz = demo.applications.filter((a) => cityOf(a.unitCode) === '410100');
    const services = new Set(zz.map((a) => a.serviceCode));
    for (const code of services) expect(findService(code), code).toBeDefined();
    expect(services.size).toBeGreaterThanOrEqual(30);
    for (const a of demo.applications) {
      expect(a.materials.map((m) => m.code)).toEqual(findService(a.serviceCode)?.materials.map((m) => m.code));
      if (a.delivery === 'ems') expect(a.emsAddress).toBeTruthy();
      else expect(a.emsAddress).toBeNull();
    }
    const withMissing = demo.applications.filter((a) => a.materials.some((m) => m.sha256 === null)).length / demo.applications.length;
    expect(withMissing).toBeGreaterThan(0.08);
    expect(withMissing).toBeLessThan(0.35);
  });

  it('submits applications on working days in the past and reports accidents after they happened', () => {
    for (const a of demo.applications) {
      expect(a.submittedAt! <= NOW).toBe(true);
      expect(isWorkingDay(shanghaiDate(a.submittedAt!)), a.submittedAt).toBe(true);
    }
    for (const a of demo.accidents) {
      expect(a.occurredAt < a.submittedAt!).toBe(true);
      expect(Date.parse(a.submittedAt!) - Date.parse(a.occurredAt)).toBeLessThan(60 * 60_000);
      expect(a.submittedAt! <= NOW).toBe(true);
    }
    const sorted = [...demo.tips].sort((x, y) => x.submittedAt!.localeCompare(y.submittedAt!));
    expect(demo.tips).toEqual(sorted);
  });

  it('issues accident plates valid for Henan with the letter of the accident\'s city, some of them new-energy', () => {
    const plates = demo.accidents.flatMap((a) => a.parties.map((p) => [p.plate, a.unitCode] as const));
    let newEnergy = 0;
    for (const [plate, unit] of plates) {
      const parsed = parsePlate(plate);
      expect(parsed, plate).not.toBeNull();
      expect(parsed?.cityCode).toBe(cityOf(unit));
      if (parsed?.newEnergy) newEnergy++;
    }
    expect(newEnergy / plates.length).toBeGreaterThan(0.07);
    expect(newEnergy / plates.length).toBeLessThan(0.25);
  });

  it('attributes situations from the current liability table and mixes clear, shared, excluded and incomplete cases', () => {
    const codes = new Set(LIABILITY_TABLES[CURRENT_LIABILITY_TABLE_VERSION]?.scenarios.map((s) => s.code));
    const n = demo.accidents.length;
    for (const a of demo.accidents) for (const p of a.parties) for (const s of p.situations) expect(codes.has(s), s).toBe(true);
    const oneParty = demo.accidents.filter((a) => a.parties.filter((p) => p.situations.length > 0).length === 1).length;
    const both = demo.accidents.filter((a) => a.parties.filter((p) => p.situations.length > 0).length >= 2).length;
    const excluded = demo.accidents.filter((a) => a.declared.length > 0 || a.parties.some((p) => !p.inspectionValid || !p.insuranceValid || !p.licenceValid)).length;
    const incomplete = demo.accidents.filter((a) => missingPhotos(a.photos, a.parties.length).length > 0).length;
    const threeParty = demo.accidents.filter((a) => a.parties.length === 3).length;
    expect(oneParty / n).toBeGreaterThan(0.5);
    expect(both).toBeGreaterThan(0);
    expect(excluded / n).toBeGreaterThan(0.05);
    expect(incomplete / n).toBeGreaterThan(0.03);
    expect(incomplete / n).toBeLessThan(0.2);
    expect(threeParty).toBeGreaterThan(0);
    expect(demo.accidents.some((a) => a.declared.includes('disputed_facts'))).toBe(true);
  });

  it('covers every tip category, keeps anonymous reporters unidentified and includes near-duplicates', () => {
    const zz = demo.tips.filter((t) => cityOf(t.unitCode) === '410100');
    expect(new Set(zz.map((t) => t.category))).toEqual(new Set(TipCategorySchema.options));
    const anonymous = demo.tips.filter((t) => t.reporter.anonymous);
    for (const t of anonymous) expect(t.reporter).toEqual({ anonymous: true, name: null, phone: null, idNumber: null });
    for (const t of demo.tips.filter((x) => !x.reporter.anonymous)) expect(t.reporter.name && t.reporter.phone).toBeTruthy();
    expect(anonymous.length / demo.tips.length).toBeGreaterThan(0.28);
    expect(anonymous.length / demo.tips.length).toBeLessThan(0.52);
    const key = (t: (typeof demo.tips)[number]) => `${t.location?.address ?? ''}|${t.content.slice(0, 30)}`;
    const seen = new Map<string, number>();
    for (const t of demo.tips.filter((x) => x.location)) seen.set(key(t), (seen.get(key(t)) ?? 0) + 1);
    expect([...seen.values()].some((n) => n > 1)).toBe(true);
    expect(demo.tips.some((t) => t.attachments.length > 0)).toBe(true);
    expect(demo.tips.some((t) => /正在|今晚|持刀|马上/.test(t.content))).toBe(true);
  });

  it('stores every referenced sha256 in blobs with the bytes it names', () => {
    for (const d of [small, demo]) {
      const refs = referencedShas(d);
      expect(refs.length).toBeGreaterThan(0);
      for (const sha of refs) expect(d.blobs.has(sha), sha).toBe(true);
      for (const [sha, blob] of d.blobs) {
        expect(createHash('sha256').update(blob.bytes).digest('hex')).toBe(sha);
        expect(blob.contentType).toBe('image/jpeg');
        expect(blob.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
      }
    }
  });

  it('gives the same output for the same seed and different output for another seed', async () => {
    const again = await generateDemoData({ seed: 7, perCity: SMALL, now: NOW });
    expect(again.applications).toEqual(small.applications);
    expect(again.accidents).toEqual(small.accidents);
    expect(again.tips).toEqual(small.tips);
    expect([...again.blobs.keys()]).toEqual([...small.blobs.keys()]);
    const other = await generateDemoData({ seed: 8, perCity: { '410300': SMALL['410300'] }, photos: 'reuse', now: NOW });
    expect(other.applications.map((a) => a.applicant.idNumber)).not.toEqual(
      small.applications.filter((a) => cityOf(a.unitCode) === '410300').map((a) => a.applicant.idNumber),
    );
  }, 60_000);
});
