/**
 * Motor-vehicle number plates (GA 36-2018), strict for Henan (豫).
 *
 * Accepted shapes, after removing the separator dot (·), spaces and hyphens and upper-casing:
 *   province abbreviation + issuing-authority letter + serial
 *   - ordinary plate: 5 serial characters from digits and letters without I and O, at most two
 *     of them letters (the issuing rule for both sequential and self-chosen serials);
 *   - small new-energy plate: 6 characters, the first one of A–K without I (A–E pure electric,
 *     F–K other new energy; originally only D/F, widened by the 2022 revision), the second a
 *     digit or letter (no I/O), then 4 digits: 豫A D12345, 豫A DF1234, 豫A A12345;
 *   - large new-energy plate (buses, lorries): 5 digits then D or F: 豫A 12345D.
 * Not accepted: trailer, coach, police, embassy and temporary plates (挂/学/警/使/领/临), which
 * the quick procedure does not handle anyway.
 *
 * When you change a letter or a city code here, also change shared/data/units.ts (plateLetter).
 */

/** Henan issuing-authority letters → city region code (DOMAIN.md). */
export const HENAN_PLATE_LETTERS: Readonly<Record<string, string>> = {
  A: '410100', // 郑州
  B: '410200', // 开封
  C: '410300', // 洛阳
  D: '410400', // 平顶山
  E: '410500', // 安阳
  F: '410600', // 鹤壁
  G: '410700', // 新乡
  H: '410800', // 焦作
  J: '410900', // 濮阳
  K: '411000', // 许昌
  L: '411100', // 漯河
  M: '411200', // 三门峡
  N: '411400', // 商丘
  P: '411600', // 周口
  Q: '411700', // 驻马店
  R: '411300', // 南阳
  S: '411500', // 信阳
  U: '419001', // 济源
};

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const SERIAL_CHAR = '[A-HJ-NP-Z0-9]';
const ORDINARY = new RegExp(`^${SERIAL_CHAR}{5}$`);
const SMALL_NEW_ENERGY = new RegExp(`^[A-HJK]${SERIAL_CHAR}\\d{4}$`);
const LARGE_NEW_ENERGY = /^\d{5}[DF]$/;

export interface ParsedPlate {
  province: string;
  letter: string;
  serial: string;
  /** City region code for Henan plates with a known letter; null otherwise. */
  cityCode: string | null;
  newEnergy: boolean;
}

export function normalisePlate(p: string): string {
  return String(p ?? '')
    .replace(/[\s·•.\-]/g, '')
    .toUpperCase();
}

/** Parses a plate of any province; returns null unless the serial fits one of the shapes above. */
export function parsePlate(p: string): ParsedPlate | null {
  const s = normalisePlate(p);
  const chars = Array.from(s);
  if (chars.length !== 7 && chars.length !== 8) return null;
  const [province, letter] = chars as [string, string];
  if (!PROVINCES.includes(province) || !/^[A-Z]$/.test(letter)) return null;
  const serial = chars.slice(2).join('');
  let newEnergy: boolean;
  if (serial.length === 5) {
    if (!ORDINARY.test(serial) || (serial.match(/[A-Z]/g)?.length ?? 0) > 2) return null;
    newEnergy = false;
  } else {
    if (!SMALL_NEW_ENERGY.test(serial) && !LARGE_NEW_ENERGY.test(serial)) return null;
    newEnergy = true;
  }
  const cityCode = province === '豫' ? (HENAN_PLATE_LETTERS[letter] ?? null) : null;
  return { province, letter, serial, cityCode, newEnergy };
}

/** A plate issued in Henan: 豫, one of the 18 city letters, and a valid serial. */
export function isValidHenanPlate(p: string): boolean {
  const parsed = parsePlate(p);
  return parsed !== null && parsed.province === '豫' && parsed.cityCode !== null;
}

/** `豫A12345` → `豫A·12345`, the way plates are printed; unparsable input is returned as given. */
export function formatPlate(p: string): string {
  const parsed = parsePlate(p);
  return parsed ? `${parsed.province}${parsed.letter}·${parsed.serial}` : p;
}
