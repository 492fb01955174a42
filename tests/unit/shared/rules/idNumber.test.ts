import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckChar, isValidIdNumber, makeIdNumber, parseIdNumber } from '#shared/rules/idNumber';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard worked example 11010519491231002X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('computes the check character by the weighted sum mod 11', () => {
    // By hand: 4·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+9·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2 = 163,
    // 163 mod 11 = 9, table[9] = '3'.
    const first17 = '41010519900101123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
    expect('10X98765432'[sum % 11]).toBe(idCheckChar(first17));
    expect(makeIdNumber('410105', '19900101', 123)).toBe('410105199001011233');
  });

  it('refuses a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('410105199001011234')).toBe(false);
  });

  it('refuses a lowercase x, wrong lengths and non-digits', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber('11010519491231002X1')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber('41010A199001011233')).toBe(false);
  });

  it('refuses birth dates that are not on the calendar', () => {
    expect(isValidIdNumber(makeIdNumber('410105', '19900230', 1))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('410105', '19901301', 1))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('410105', '19900100', 1))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('410105', '19000229', 1))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('410105', '20000229', 1))).toBe(true);
  });

  it('refuses birth dates in the future and before 1900', () => {
    expect(isValidIdNumber(makeIdNumber('410105', '21000101', 1))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('410105', '18991231', 1))).toBe(false);
  });

  it('refuses region codes outside the province range', () => {
    expect(isValidIdNumber(makeIdNumber('000000', '19900101', 1))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('990101', '19900101', 1))).toBe(false);
  });

  it('parses region, birth date and sex (odd sequence = male)', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ regionCode: '110105', birthDate: '1949-12-31', sex: 'F' });
    expect(parseIdNumber(makeIdNumber('410102', '19851120', 37))).toEqual({ regionCode: '410102', birthDate: '1985-11-20', sex: 'M' });
    expect(parseIdNumber('110105194912310021')).toBeNull();
  });

  it('makeIdNumber rejects malformed parts', () => {
    expect(() => makeIdNumber('4101', '19900101', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('410105', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('410105', '19900101', 1000)).toThrow(RangeError);
    expect(() => idCheckChar('123')).toThrow(RangeError);
  });

  it('every number made from a real date is valid and parses back to its parts', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('410105', '410302', '419001', '110105'),
        (date, seq, region) => {
          const ymd = date.toISOString().slice(0, 10);
          const id = makeIdNumber(region, ymd.replaceAll('-', ''), seq);
          expect(isValidIdNumber(id)).toBe(true);
          expect(parseIdNumber(id)).toEqual({ regionCode: region, birthDate: ymd, sex: seq % 2 === 1 ? 'M' : 'F' });
        },
      ),
    );
  });

  it('changing any single digit of a valid number makes it invalid', () => {
    const id = '11010519491231002X';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const mutated = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
        expect(isValidIdNumber(mutated)).toBe(false);
      }),
    );
  });
});
