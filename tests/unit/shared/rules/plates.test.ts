import { describe, expect, it } from 'vitest';
import { HENAN_PLATE_LETTERS, formatPlate, isValidHenanPlate, parsePlate } from '#shared/rules/plates';
import { UNITS } from '#shared/data/units';

describe('Henan number plates', () => {
  it('maps all 18 city letters to their region codes', () => {
    expect(Object.keys(HENAN_PLATE_LETTERS).sort().join('')).toBe('ABCDEFGHJKLMNPQRSU');
    expect(HENAN_PLATE_LETTERS.A).toBe('410100');
    expect(HENAN_PLATE_LETTERS.N).toBe('411400');
    expect(HENAN_PLATE_LETTERS.R).toBe('411300');
    expect(HENAN_PLATE_LETTERS.U).toBe('419001');
  });

  it('agrees with the plate letters of the unit tree', () => {
    for (const u of UNITS.filter((x) => x.level === 'city')) {
      expect(HENAN_PLATE_LETTERS[u.plateLetter!]).toBe(u.code);
    }
  });

  it('parses an ordinary plate with or without the separator dot', () => {
    expect(parsePlate('豫A12345')).toEqual({ province: '豫', letter: 'A', serial: '12345', cityCode: '410100', newEnergy: false });
    expect(parsePlate('豫C·AB123')).toEqual({ province: '豫', letter: 'C', serial: 'AB123', cityCode: '410300', newEnergy: false });
    expect(parsePlate(' 豫u 8k3j2 ')?.serial).toBe('8K3J2');
  });

  it('accepts small new-energy plates with D/F (and the widened A–K) first', () => {
    for (const p of ['豫AD12345', '豫AF12345', '豫ADF1234', '豫AA12345', '豫AK12345', '豫GDA1234']) {
      expect(parsePlate(p)?.newEnergy, p).toBe(true);
      expect(isValidHenanPlate(p), p).toBe(true);
    }
  });

  it('accepts large new-energy plates with five digits then D or F', () => {
    expect(parsePlate('豫A12345D')).toMatchObject({ serial: '12345D', newEnergy: true });
    expect(isValidHenanPlate('豫B12345F')).toBe(true);
  });

  it('refuses malformed new-energy serials', () => {
    for (const p of ['豫AL12345', '豫AD1234A', '豫AI12345', '豫A12345A', '豫A1234DF', '豫ADO1234']) {
      expect(parsePlate(p), p).toBeNull();
    }
  });

  it('refuses the letters I and O, more than two letters, and wrong lengths', () => {
    for (const p of ['豫AI2345', '豫AO2345', '豫AABC12', '豫A1234', '豫A1234567', '豫12345', 'AA12345', '']) {
      expect(parsePlate(p), p).toBeNull();
      expect(isValidHenanPlate(p), p).toBe(false);
    }
  });

  it('parses other provinces but does not count them as Henan plates', () => {
    expect(parsePlate('京A12345')).toMatchObject({ province: '京', cityCode: null });
    expect(isValidHenanPlate('京A12345')).toBe(false);
  });

  it('refuses Henan plates with letters no Henan city uses', () => {
    for (const letter of ['I', 'O', 'T', 'V', 'W', 'X', 'Y', 'Z']) {
      expect(isValidHenanPlate(`豫${letter}12345`), letter).toBe(false);
    }
  });

  it('prints plates with the separator dot', () => {
    expect(formatPlate('豫a12345')).toBe('豫A·12345');
    expect(formatPlate('nonsense')).toBe('nonsense');
  });
});
