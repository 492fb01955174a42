import { describe, expect, it } from 'vitest';
import { covers, unitPrefix, cityOf, findUnit } from '#shared/domain/units';
import { UNITS } from '#shared/data/units';

describe('unit tree', () => {
  it('has the province and its 18 cities', () => {
    expect(UNITS.filter((u) => u.level === 'city')).toHaveLength(18);
    expect(findUnit('410000')?.level).toBe('province');
  });
  it('gives every unit but the province a known parent under its prefix', () => {
    for (const u of UNITS.filter((x) => x.parent !== null)) {
      expect(findUnit(u.parent!)).toBeDefined();
      expect(covers(u.parent!, u.code)).toBe(true);
    }
  });
  it('lets a city cover its districts and stations but not another city', () => {
    expect(unitPrefix('410100')).toBe('4101');
    expect(covers('410100', '41010501')).toBe(true);
    expect(covers('410000', '41030501')).toBe(true);
    expect(covers('410100', '410305')).toBe(false);
    expect(covers('410300', '410105')).toBe(false);
    expect(covers('410105', '410103')).toBe(false);
    expect(cityOf('41010501')).toBe('410100');
    expect(cityOf('41900101')).toBe('419001');
  });
});
