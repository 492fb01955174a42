/**
 * Times are stored as UTC ISO strings and shown in Asia/Shanghai. Shanghai is UTC+8 all year (no
 * DST), so a fixed offset is exact and does not depend on the browser's time-zone data.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant as an ISO string of Shanghai wall-clock time (`…T16:00:00.000Z` reads 16:00 in Shanghai), or null when not an instant. */
export function shanghaiIso(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
}

/** `2026-11-26T08:00:00.000Z` → `2026-11-26 16:00`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const s = shanghaiIso(iso);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : iso;
}

/** `2026-11-26T08:00:05.120Z` → `2026-11-26 16:00:05` (the audit log's precision). */
export function formatTimestamp(iso: string): string {
  const s = shanghaiIso(iso);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 19)}` : iso;
}

/** `2026-11-26T08:00:00.000Z` → `16:00`. */
export function formatClock(iso: string): string {
  return shanghaiIso(iso)?.slice(11, 16) ?? '';
}

/** `2026-11-26T08:00:00.000Z` → `2026-11-26`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return shanghaiIso(iso)?.slice(0, 10) ?? iso;
}

/** Today's date in Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Shanghai midnight starting the date `YYYY-MM-DD`, as a UTC ISO string. */
export function shanghaiMidnight(ymd: string): string {
  return new Date(Date.parse(`${ymd}T00:00:00+08:00`)).toISOString();
}
