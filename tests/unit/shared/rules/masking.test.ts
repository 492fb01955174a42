import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskIdNumber, maskName, maskPhone } from '#shared/rules/masking';

describe('masking', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('410105199001011233')).toBe('4101**********1233');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the first character of a name and stars the rest', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
  });

  it('masks short or odd input more, never less', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('41010519')).toBe('4*******');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('1381234')).toBe('1******');
    expect(maskName('')).toBe('');
    expect(maskName('  张三 ')).toBe('张*');
  });

  it('never reveals the middle digits of an ID number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(4, 14)).toBe('*'.repeat(10));
        expect(masked.slice(0, 4) + masked.slice(14)).toBe(id.slice(0, 4) + id.slice(14));
      }),
    );
  });

  it('never reveals the middle digits of a phone number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (p) => {
        const masked = maskPhone(p);
        expect(masked.slice(3, 7)).toBe('****');
        expect(masked).toHaveLength(11);
      }),
    );
  });

  it('hides at least half of any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        for (const masked of [maskIdNumber(s), maskPhone(s)]) {
          const stars = [...masked].filter((c) => c === '*').length;
          expect(stars * 2).toBeGreaterThanOrEqual([...masked].length - 1);
        }
      }),
    );
  });
});
