import type { KeyPress } from '../workspace/keys';
import type { SectionId } from './HallSections';

/** The hall window's keys; the `?` overlay lists them from here. */
export const HALL_KEYS = {
  help: '?',
  search: '/',
  check_in: 'C',
  serve: 'S',
  no_show: 'X',
  hand_over: 'H',
  dispatch: 'E',
} as const;

export type HallCommand = 'check_in' | 'serve' | 'no_show' | 'hand_over' | 'dispatch';

export type HallIntent =
  | { readonly type: 'help' }
  | { readonly type: 'search' }
  | { readonly type: 'move'; readonly by: 1 | -1 }
  | { readonly type: 'section'; readonly section: SectionId }
  | { readonly type: 'action'; readonly action: HallCommand };

const SECTIONS: readonly SectionId[] = ['appointments', 'window', 'ems'];
const ACTIONS: readonly HallCommand[] = ['check_in', 'serve', 'no_show', 'hand_over', 'dispatch'];

/**
 * What a key press means on the hall window. Nothing while typing in a field, with a modifier (the
 * browser's and the OS's keys) or on auto-repeat (a held S must not serve the next citizen too) —
 * except the arrows, which may repeat to walk a list.
 */
export function hallIntent(e: KeyPress, typing: boolean): HallIntent | null {
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'ArrowDown') return { type: 'move', by: 1 };
  if (e.key === 'ArrowUp') return { type: 'move', by: -1 };
  if (e.repeat) return null;
  if (e.key === HALL_KEYS.help) return { type: 'help' };
  if (e.key === HALL_KEYS.search) return { type: 'search' };
  if (/^[1-3]$/.test(e.key)) return { type: 'section', section: SECTIONS[Number(e.key) - 1]! };
  if (e.key.length !== 1) return null;
  const letter = e.key.toUpperCase();
  const action = ACTIONS.find((a) => HALL_KEYS[a] === letter);
  return action ? { type: 'action', action } : null;
}

/** Which section an action belongs to. */
export function sectionOf(action: HallCommand): SectionId {
  return action === 'hand_over' ? 'window' : action === 'dispatch' ? 'ems' : 'appointments';
}

/** The id `by` rows from `current` in `ids` (clamped); the first when nothing is selected. */
export function moveSelection(ids: readonly string[], current: string | null, by: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const i = current === null ? -1 : ids.indexOf(current);
  if (i < 0) return ids[0]!;
  return ids[Math.min(ids.length - 1, Math.max(0, i + by))]!;
}

/** The selection after the list changed: kept if still there, else the row now at its old place, else null. */
export function keepSelection(ids: readonly string[], current: string | null, previousIds: readonly string[]): string | null {
  if (current !== null && ids.includes(current)) return current;
  if (ids.length === 0) return null;
  const old = current === null ? -1 : previousIds.indexOf(current);
  return ids[Math.min(ids.length - 1, Math.max(0, old))]!;
}
