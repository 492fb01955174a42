import type { TFunction } from 'i18next';
import { photoName } from './photos';

/** Why a photo goes back to the parties: not there, or there but of no use. */
export const RETURN_REASONS = ['missing', 'blurry', 'plate_unreadable', 'wrong_angle'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/**
 * The notice the parties get (always in Chinese: it goes to citizens), one line per photo, then
 * the officer's note; at most the 1000 characters `request_supplement` takes.
 */
export function returnNote(chosen: readonly { code: string; reason: ReturnReason }[], note: string, zh: TFunction): string {
  const lines = chosen.map((c) => zh('accidents:returnReason.line', { photo: photoName(c.code, zh), reason: zh(`accidents:returnReason.${c.reason}`) }));
  return [lines.join(zh('accidents:returnReason.joiner')), note.trim()].filter((s) => s !== '').join('\n').slice(0, 1000);
}
