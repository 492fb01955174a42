import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { FindingCodeSchema, type PhotoFinding } from '#shared/domain/items';
import { coordinates, distanceKm, findingSummary, findingTitle, findingsOf, sameFile } from '../../../../../renderer/features/accidents/findings';
import { translator } from '../../translator';
import { accident } from './fixtures';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const SAMPLES: readonly PhotoFinding[] = [
  { code: 'exif_missing', sha256: A, detail: {} },
  { code: 'exif_time_mismatch', sha256: A, detail: { takenAt: '2026-11-26T03:40:00.000Z', reportedAt: '2026-11-26T07:40:00.000Z', minutes: 240, relation: 'before_occurrence' } },
  { code: 'exif_gps_far', sha256: B, detail: { km: 20.3, lat: 34.96, lng: 113.68 } },
  { code: 'near_duplicate', sha256: B, detail: { itemId: 'ACC-410100-81', sha256: A, distance: 0 } },
];

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

describe('forensics findings as the officer reads them', () => {
  it('has a title and a one-line summary for every finding code, in both languages', () => {
    expect(SAMPLES.map((f) => f.code).sort()).toEqual([...FindingCodeSchema.options].sort());
    for (const t of [zh, en]) {
      for (const f of SAMPLES) {
        expect(findingTitle(f, t)).not.toMatch(/accidents:/);
        expect(findingSummary(f, t)).not.toMatch(/accidents:|\{\{/);
      }
    }
    expect(findingSummary(SAMPLES[1]!, zh)).toBe('拍摄于事故发生前 4小时0分');
    expect(findingSummary(SAMPLES[2]!, en)).toBe('Taken about 20 km from the reported place');
  });

  it('says "the same file" only for the same bytes: a hash difference of 0 may be a recompressed copy', () => {
    const copy = SAMPLES[3] as Extract<PhotoFinding, { code: 'near_duplicate' }>;
    expect(sameFile(copy)).toBe(false);
    expect(findingSummary(copy, zh)).toContain('高度相似');
    const same = { ...copy, detail: { ...copy.detail, sha256: copy.sha256 } };
    expect(sameFile(same)).toBe(true);
    expect(findingSummary(same, zh)).toContain('同一文件');
  });

  it('measures the distance between plain coordinates, and writes them plainly', () => {
    expect(distanceKm({ lat: 34, lng: 113 }, { lat: 35, lng: 113 })).toBeCloseTo(111.2, 0);
    expect(distanceKm({ lat: 34.78, lng: 113.68 }, { lat: 34.78, lng: 113.68 })).toBe(0);
    expect(coordinates(34.7, 113.625301)).toBe('34.700000, 113.625301');
  });

  it('finds the findings of one photo', () => {
    const item = accident({ findings: [...SAMPLES] });
    expect(findingsOf(item, A).map((f) => f.code)).toEqual(['exif_missing', 'exif_time_mismatch']);
  });
});
