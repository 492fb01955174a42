/**
 * Times are stored as UTC ISO strings and shown in Asia/Shanghai. Shanghai is UTC+8 all year (no
 * DST), so a fixed offset is exact and does not depend on the browser's time-zone data.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function shanghaiIso(iso: string): string | null {
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

/** `2026-11-26T08:00:00.000Z` → `2026-11-26`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return shanghaiIso(iso)?.slice(0, 10) ?? iso;
}

/** Today's date in Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
