import { describe, expect, it } from 'vitest';
import { UNITS } from '#shared/data/units';
import { localUnitName } from '../../../../renderer/app/i18n/units';

describe('unit names in the UI language', () => {
  it('are the shared Chinese names in Chinese', () => {
    expect(localUnitName('410100', 'zh-CN')).toBe('郑州市公安局');
    expect(localUnitName('410300', 'zh-CN')).toBe('洛阳市公安局');
  });

  it('name the demo cities and the province in English', () => {
    expect(localUnitName('410100', 'en')).toBe('Zhengzhou Municipal PSB');
    expect(localUnitName('410300', 'en')).toBe('Luoyang Municipal PSB');
    expect(localUnitName('410000', 'en')).toBe('Henan Provincial Public Security Department');
  });

  it('name a district branch with its city', () => {
    expect(localUnitName('410105', 'en')).toBe('Jinshui District Branch, Zhengzhou Municipal PSB');
  });

  it('give every unit in the tree an English name without Chinese characters', () => {
    for (const u of UNITS) {
      const name = localUnitName(u.code, 'en');
      expect(name, u.code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(name.trim(), u.code).not.toBe('');
    }
  });

  it('fall back to the code for a unit that is not in the tree', () => {
    expect(localUnitName('999900', 'en')).toBe('Unit 999900');
  });
});
