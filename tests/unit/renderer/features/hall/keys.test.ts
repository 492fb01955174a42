import { describe, expect, it } from 'vitest';
import { hallIntent, keepSelection, moveSelection, sectionOf } from '../../../../../renderer/features/hall/keys';

const press = (key: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, ...extra });

describe('the hall window’s keys', () => {
  it('map letters to the window’s actions in either case', () => {
    expect(hallIntent(press('c'), false)).toEqual({ type: 'action', action: 'check_in' });
    expect(hallIntent(press('S'), false)).toEqual({ type: 'action', action: 'serve' });
    expect(hallIntent(press('x'), false)).toEqual({ type: 'action', action: 'no_show' });
    expect(hallIntent(press('h'), false)).toEqual({ type: 'action', action: 'hand_over' });
    expect(hallIntent(press('e'), false)).toEqual({ type: 'action', action: 'dispatch' });
    expect(hallIntent(press('q'), false)).toBeNull();
  });
  it('choose a section with 1–3, search with /, help with ?, and move with the arrows', () => {
    expect(hallIntent(press('2'), false)).toEqual({ type: 'section', section: 'window' });
    expect(hallIntent(press('4'), false)).toBeNull();
    expect(hallIntent(press('/'), false)).toEqual({ type: 'search' });
    expect(hallIntent(press('?'), false)).toEqual({ type: 'help' });
    expect(hallIntent(press('ArrowDown'), false)).toEqual({ type: 'move', by: 1 });
  });
  it('do nothing while typing, with a modifier, or on auto-repeat — except the arrows', () => {
    expect(hallIntent(press('s'), true)).toBeNull();
    expect(hallIntent(press('s', { ctrlKey: true }), false)).toBeNull();
    expect(hallIntent(press('s', { repeat: true }), false)).toBeNull();
    expect(hallIntent(press('ArrowUp', { repeat: true }), false)).toEqual({ type: 'move', by: -1 });
  });
  it('belong to their section', () => {
    expect(sectionOf('serve')).toBe('appointments');
    expect(sectionOf('hand_over')).toBe('window');
    expect(sectionOf('dispatch')).toBe('ems');
  });
});

describe('the selection', () => {
  it('moves within the list, clamped, from the first when none', () => {
    expect(moveSelection(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(moveSelection(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(moveSelection(['a', 'b'], null, 1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
  it('stays on its row after a reload, or takes the row now in its place when it left', () => {
    expect(keepSelection(['a', 'b', 'c'], 'b', ['a', 'b', 'c'])).toBe('b');
    expect(keepSelection(['a', 'c'], 'b', ['a', 'b', 'c'])).toBe('c');
    expect(keepSelection(['a'], 'c', ['a', 'b', 'c'])).toBe('a');
    expect(keepSelection([], 'a', ['a'])).toBeNull();
  });
});
