import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { missingPhotos } from '#shared/rules/quickProcedure';
import { attachmentName, photoChecklist, photoCode, photoName, viewerOrder } from '../../../../../renderer/features/accidents/photos';
import { translator } from '../../translator';
import { accident, fullSet, party, photo } from './fixtures';

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = await translator('zh-CN');
  en = await translator('en');
});

describe('the required-photo checklist', () => {
  it('lists every required photo in the core’s order and marks missing exactly what missingPhotos says', () => {
    const item = accident({ parties: [party(), party(), party()] });
    const full = fullSet(3);
    // drop each photo in turn, and a few pairs: the checklist's crosses are the core's missing list
    const cases = [full, ...full.map((_, i) => full.filter((__, j) => j !== i)), full.filter((p) => p.role !== 'plate'), []];
    for (const photos of cases) {
      const list = photoChecklist(item, photos);
      expect(list.map((e) => e.code)).toEqual(missingPhotos([], 3));
      expect(list.filter((e) => !e.present).map((e) => e.code)).toEqual(missingPhotos(photos, 3));
    }
  });

  it('counts a scene photo from any party, a party photo only with its own party', () => {
    const item = accident();
    const list = photoChecklist(item, [photo('front_side', 1), photo('plate', null), photo('plate', 0)]);
    expect(list.find((e) => e.code === 'front_side')?.present).toBe(true);
    expect(list.find((e) => e.code === 'plate#0')?.present).toBe(true);
    expect(list.find((e) => e.code === 'plate#1')?.present).toBe(false);
  });

  it('counts the findings of the photos that fill an entry', () => {
    const photos = fullSet(2);
    const front = photos[0]!;
    const item = accident({ findings: [{ code: 'exif_missing', sha256: front.sha256, detail: {} }] });
    expect(photoChecklist(item, photos).find((e) => e.code === 'front_side')?.findings).toBe(1);
  });
});

describe('photo names and the viewer order', () => {
  it('names photos by party as the determination does (甲 乙 丙), in both languages', () => {
    expect(photoName('plate#1', zh)).toBe('乙方号牌');
    expect(photoName('front_side', zh)).toBe('车头侧前方45°');
    expect(photoName('plate#1', en)).toBe('Party B Plate');
    expect(photoCode(photo('driving_licence', 2))).toBe('driving_licence#2');
    expect(photoCode(photo('scene', 1))).toBe('scene');
    expect(attachmentName(photo('scene', 1), zh)).toBe('现场全景（乙方拍摄）');
    expect(attachmentName(photo('determination', null, undefined, 'application/pdf'), en)).toBe('Determination (PDF)');
  });

  it('shows the determination first, then the required photos in checklist order, then the rest; no application scans', () => {
    const set = fullSet(2);
    const pdf = photo('determination', null, undefined, 'application/pdf');
    const scene = photo('scene', null);
    const shuffled = [scene, ...[...set].reverse(), photo('material:id_card', null), pdf];
    const order = viewerOrder(shuffled);
    expect(order[0]).toBe(pdf);
    expect(order.slice(1, 10).map(photoCode)).toEqual(missingPhotos([], 2));
    expect(order[10]).toBe(scene);
    expect(order).toHaveLength(11);
  });
});
