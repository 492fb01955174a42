import { describe, expect, it } from 'vitest';
import { keyIntent, type KeyPress } from '../../../../../renderer/features/workspace/keys';

const ACTIONS = [
  { id: 'claim', shortcut: 'C' },
  { id: 'approve', shortcut: 'A' },
  { id: 'next', shortcut: 'N' },
];
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, ...mods });
const intent = (key: string, mods: Partial<KeyPress> = {}, typing = false) => keyIntent(press(key, mods), typing, ACTIONS, 6);

describe('workspace keys', () => {
  it('open the shortcut list with ?, quick search with /', () => {
    expect(intent('?')).toEqual({ type: 'help' });
    expect(intent('/')).toEqual({ type: 'search' });
  });

  it('switch views with 1 to the number of views, and no further', () => {
    expect(intent('1')).toEqual({ type: 'view', index: 0 });
    expect(intent('6')).toEqual({ type: 'view', index: 5 });
    expect(intent('7')).toBeNull();
  });

  it('go to the next item with N and run actions by their letter, in either case', () => {
    expect(intent('n')).toEqual({ type: 'next' });
    expect(intent('N')).toEqual({ type: 'next' });
    expect(intent('a')).toEqual({ type: 'action', id: 'approve' });
    expect(intent('C')).toEqual({ type: 'action', id: 'claim' });
    expect(intent('q')).toBeNull();
  });

  it('zoom and page the attachment viewer', () => {
    expect(intent('+')).toEqual({ type: 'viewer', command: 'zoomIn' });
    expect(intent('=')).toEqual({ type: 'viewer', command: 'zoomIn' });
    expect(intent('-')).toEqual({ type: 'viewer', command: 'zoomOut' });
    expect(intent('0')).toEqual({ type: 'viewer', command: 'zoomReset' });
    expect(intent(']')).toEqual({ type: 'viewer', command: 'next' });
  });

  it('never fire while the officer types in a text field', () => {
    for (const key of ['a', 'n', '1', '/', '?', '+']) expect(intent(key, {}, true), key).toBeNull();
  });

  it('leave keys with a modifier to the browser and the OS, and ignore auto-repeat', () => {
    expect(intent('a', { ctrlKey: true })).toBeNull();
    expect(intent('1', { altKey: true })).toBeNull();
    expect(intent('n', { metaKey: true })).toBeNull();
    expect(intent('a', { repeat: true })).toBeNull();
  });

  it('leave the arrow keys, Enter and Escape to the grid and the dialogs', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'Enter', 'Escape', 'Tab', ' ']) expect(intent(key), key).toBeNull();
  });
});
