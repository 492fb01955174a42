import { describe, expect, it } from 'vitest';
import { covers } from '#shared/domain/units';
import { UNITS } from '#shared/data/units';
import { jurisdictionOf } from '../../../../../renderer/features/dashboard/jurisdiction';
import { CHANNEL_CODES, serviceLabel, shortUnitName } from '../../../../../renderer/features/dashboard/names';
import { CHANNEL_SERVICES } from '#server/domain/stats';
import { openItemHash, requestedItem } from '../../../../../renderer/features/workspace/openRequest';
import { translator } from '../../translator';

describe('the units a supervisor may pick', () => {
  it('are their own unit and every unit below it, in tree order, districts before divisions, stations under their district', () => {
    const options = jurisdictionOf({ role: 'supervisor', unitCode: '410100' });
    expect(options[0]).toEqual({ code: '410100', depth: 0 });
    expect(new Set(options.map((o) => o.code))).toEqual(new Set(UNITS.filter((u) => covers('410100', u.code)).map((u) => u.code)));
    const codes = options.map((o) => o.code);
    expect(codes.slice(1, 4)).toEqual(['410102', '41010201', '41010202']);
    expect(codes.indexOf('41010091')).toBeGreaterThan(codes.indexOf('410108'));
    expect(options.find((o) => o.code === '41010501')?.depth).toBe(2);
  });

  it('are everything for an admin, and one station alone for a station supervisor', () => {
    expect(jurisdictionOf({ role: 'admin', unitCode: '410100' })).toHaveLength(UNITS.length);
    expect(jurisdictionOf({ role: 'supervisor', unitCode: '41010501' })).toEqual([{ code: '41010501', depth: 0 }]);
    expect(jurisdictionOf({ role: 'supervisor', unitCode: '999999' })).toEqual([]);
  });
});

describe('names', () => {
  it('shorten a unit by the city bureau every sibling repeats, in both languages', () => {
    expect(shortUnitName('410105', 'zh-CN')).toBe('金水区分局');
    expect(shortUnitName('41010091', 'zh-CN')).toBe('刑事侦查支队');
    expect(shortUnitName('41010501', 'zh-CN')).toBe('经八路派出所');
    expect(shortUnitName('410100', 'zh-CN')).toBe('郑州市公安局');
    expect(shortUnitName('410105', 'en')).toBe('Jinshui District');
    expect(shortUnitName('410100', 'en')).toBe('Zhengzhou Municipal PSB');
  });

  it('name catalogue services from the catalogue and the channels from the locale, in both languages', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(serviceLabel('exit_passport_first', '普通护照首次申领', 'en', en)).not.toBe('exit_passport_first');
    expect(serviceLabel('exit_passport_first', '普通护照首次申领', 'zh-CN', zh)).toBe('普通护照首次申领');
    // every channel the exchange rates has words in both languages
    expect([...CHANNEL_CODES].sort()).toEqual(Object.values(CHANNEL_SERVICES).map((c) => c.code).sort());
    for (const c of Object.values(CHANNEL_SERVICES)) {
      expect(serviceLabel(c.code, c.name, 'zh-CN', zh)).toBe(c.name);
      expect(serviceLabel(c.code, c.name, 'en', en)).not.toMatch(/^dashboard:|_/);
    }
    expect(serviceLabel('unknown_service', '某事项', 'en', en)).toBe('unknown_service');
  });
});

describe('opening an item from another screen', () => {
  it('names the route and the item in the address, and reads it back', () => {
    const hash = openItemHash('applications', 'APP-410100-2026-000123');
    expect(hash).toBe('#/applications?open=APP-410100-2026-000123');
    expect(requestedItem(hash)).toBe('APP-410100-2026-000123');
    expect(requestedItem('#/applications')).toBeNull();
    expect(requestedItem('#/applications?open=')).toBeNull();
    expect(requestedItem(openItemHash('tips', 'a&b=c'))).toBe('a&b=c');
  });
});
