import { formatDateTime } from '../../app/format';

/** Cell texts every queue shares. */

/** `2026-11-23 07:24` → `11-23 07:24`: queue items are days or weeks old; the tooltip has the year. */
export function shortDateTime(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(5);
}

/** The address without its leading city (郑州市…): an officer's queue is one city's. */
export function shortPlace(address: string | undefined): string {
  return (address ?? '').replace(/^[\u4e00-\u9fff]{2,4}市(?=.)/, '');
}
