/**
 * Masking of PII for the officer's cache and screens (DESIGN.md: the cache holds masked values only).
 *
 * Invariant for every function here: the output never contains a character of the input's hidden
 * part, whatever the input length. Short or odd inputs are masked more, never less: when there are
 * not enough characters to keep both ends and still hide something, everything but (at most) the
 * first character is starred.
 */

const STAR = '*';

/** `410105194912310021` → `4101**********0021`. Keeps 4 + 4 only when at least 4 stay hidden. */
export function maskIdNumber(id: string): string {
  const s = String(id ?? '').trim();
  if (s.length === 0) return '';
  if (s.length >= 12) return s.slice(0, 4) + STAR.repeat(s.length - 8) + s.slice(-4);
  return keepFirst(s, s.length >= 4 ? 1 : 0);
}

/** `13812345678` → `138****5678`. Other lengths: keep 3 + 4 only if at least 4 stay hidden. */
export function maskPhone(p: string): string {
  const s = String(p ?? '').trim();
  if (s.length === 0) return '';
  if (s.length >= 11) return s.slice(0, 3) + STAR.repeat(s.length - 7) + s.slice(-4);
  return keepFirst(s, s.length >= 4 ? 1 : 0);
}

/** `张三丰` → `张**`, `李四` → `李*`. A one-character name shows as a single star. */
export function maskName(n: string): string {
  const chars = Array.from(String(n ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return STAR;
  return chars[0]! + STAR.repeat(chars.length - 1);
}

function keepFirst(s: string, keep: number): string {
  const chars = Array.from(s);
  return chars.slice(0, keep).join('') + STAR.repeat(chars.length - keep);
}
