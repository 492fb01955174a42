/**
 * Resident ID numbers (居民身份证号码) per GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 *
 * The intake schema only checks the shape (17 digits + digit/X); the checksum and the calendar
 * date are checked here so the exchange can answer `bad_id_number`.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits. Throws on anything but 17 digits: that is a caller bug. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Shanghai calendar date of now as YYYYMMDD; an ID cannot carry a birth date after it. */
function todayShanghaiYmd(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** True when YYYYMMDD is a real Gregorian date between 1900-01-01 and today (Asia/Shanghai). */
function isPlausibleBirthDate(ymd: string): boolean {
  if (!/^\d{8}$/.test(ymd)) return false;
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return ymd <= todayShanghaiYmd();
}

/**
 * Full validation: 18 characters, a region code that is not all zeros and starts with a province
 * prefix 11–82, a real birth date not in the future, and the right check character. A lowercase
 * `x` is refused: the standard and the intake schema both use uppercase `X`.
 */
export function isValidIdNumber(id: string): boolean {
  if (typeof id !== 'string' || !/^\d{17}[\dX]$/.test(id)) return false;
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82) return false;
  if (!isPlausibleBirthDate(id.slice(6, 14))) return false;
  return idCheckChar(id.slice(0, 17)) === id[17];
}

export interface ParsedIdNumber {
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
}

/** The parts of a valid ID number, or null when it does not pass `isValidIdNumber`. */
export function parseIdNumber(id: string): ParsedIdNumber | null {
  if (!isValidIdNumber(id)) return null;
  const ymd = id.slice(6, 14);
  return {
    regionCode: id.slice(0, 6),
    birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  };
}

/**
 * Builds a checksum-correct ID number (used by the demo generator and tests). The result is not
 * a real person's number unless someone happens to hold it, which is why the demo data is marked.
 */
export function makeIdNumber(region6: string, birthYmd: string, seq3: number): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError('region code must be 6 digits');
  if (!/^\d{8}$/.test(birthYmd)) throw new RangeError('birth date must be YYYYMMDD');
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) throw new RangeError('sequence must be an integer 0..999');
  const first17 = `${region6}${birthYmd}${String(seq3).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
