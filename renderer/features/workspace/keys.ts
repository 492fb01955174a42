import { WORKSPACE_KEYS } from './commonActions';

/** What a key press in a workspace means. */
export type KeyIntent =
  | { readonly type: 'help' }
  | { readonly type: 'search' }
  | { readonly type: 'view'; readonly index: number }
  | { readonly type: 'next' }
  | { readonly type: 'action'; readonly id: string }
  | { readonly type: 'viewer'; readonly command: ViewerCommand };

export type ViewerCommand =
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'previous'
  | 'next'
  | 'rotateLeft'
  | 'rotateRight'
  | 'compare'
  | 'fullScreen'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown';

/** The attachment viewer's keys (shift-free where the layout allows: `=` is `+` unshifted). */
export const VIEWER_KEYS: Readonly<Record<string, ViewerCommand>> = {
  '+': 'zoomIn',
  '=': 'zoomIn',
  '-': 'zoomOut',
  '0': 'zoomReset',
  '[': 'previous',
  ']': 'next',
  ',': 'rotateLeft',
  '.': 'rotateRight',
};

/**
 * The viewer's letters (full screen, compare). A kind's own action with the same letter wins, so
 * a kind whose viewer has these tools (types.ts ViewerTools) must not use F or M for an action.
 */
export const VIEWER_LETTERS: Readonly<Record<string, ViewerCommand>> = { F: 'fullScreen', M: 'compare' };

/** Shift + an arrow key pans a zoomed photo (the plain arrows are the grid's). */
const PAN_KEYS: Readonly<Record<string, ViewerCommand>> = { ArrowLeft: 'panLeft', ArrowRight: 'panRight', ArrowUp: 'panUp', ArrowDown: 'panDown' };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey?: boolean;
  readonly repeat: boolean;
}

/**
 * The workspace's single-key shortcuts: `?` help, `/` quick search, `1`–`9` the saved views, `N`
 * next, each action's letter, and the viewer's `+ - 0 [ ] , .`, `F`, `M` and Shift+arrows. None
 * fires while the officer types in a text field (`typing`), with a modifier held (the browser's
 * and the OS's own keys) or on auto-repeat (a held key must not approve twice) — except that a
 * held Shift+arrow keeps panning. Plain arrow keys are the grid's own.
 */
export function keyIntent(e: KeyPress, typing: boolean, actions: readonly { readonly id: string; readonly shortcut: string }[], viewCount: number): KeyIntent | null {
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  const pan = e.shiftKey ? PAN_KEYS[e.key] : undefined;
  if (pan) return { type: 'viewer', command: pan };
  if (e.repeat) return null;
  if (e.key === WORKSPACE_KEYS.help) return { type: 'help' };
  if (e.key === WORKSPACE_KEYS.search) return { type: 'search' };
  if (/^[1-9]$/.test(e.key) && Number(e.key) <= viewCount) return { type: 'view', index: Number(e.key) - 1 };
  const viewer = VIEWER_KEYS[e.key];
  if (viewer) return { type: 'viewer', command: viewer };
  if (e.key.length !== 1) return null;
  const letter = e.key.toUpperCase();
  if (letter === WORKSPACE_KEYS.next) return { type: 'next' };
  const action = actions.find((a) => a.shortcut === letter);
  if (action) return { type: 'action', id: action.id };
  const viewerLetter = VIEWER_LETTERS[letter];
  return viewerLetter ? { type: 'viewer', command: viewerLetter } : null;
}
