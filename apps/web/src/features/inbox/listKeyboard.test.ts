import { describe, expect, it } from 'vitest';
import { listCommand, moveActive } from './listKeyboard';

const key = (
  k: string,
  target: Partial<HTMLElement> | null = { tagName: 'BODY' },
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
  target: target as EventTarget | null,
});

describe('listCommand', () => {
  it('maps j/k/x/Enter and / to list commands', () => {
    expect(listCommand(key('j'))).toBe('next');
    expect(listCommand(key('k'))).toBe('previous');
    expect(listCommand(key('x'))).toBe('toggle');
    expect(listCommand(key('Enter'))).toBe('open');
    expect(listCommand(key('/'))).toBe('search');
    expect(listCommand(key('q'))).toBeNull();
  });

  it('leaves keys alone while typing in a field', () => {
    expect(listCommand(key('j', { tagName: 'INPUT' }))).toBeNull();
    expect(listCommand(key('x', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(listCommand(key('k', { tagName: 'DIV', isContentEditable: true }))).toBeNull();
  });

  it('leaves Enter to links and buttons, and ignores modified keys', () => {
    expect(listCommand(key('Enter', { tagName: 'A' }))).toBeNull();
    expect(listCommand(key('Enter', { tagName: 'BUTTON' }))).toBeNull();
    expect(listCommand(key('j', undefined, { ctrlKey: true }))).toBeNull();
    expect(listCommand(key('x', undefined, { metaKey: true }))).toBeNull();
  });
});

describe('moveActive', () => {
  const ids = ['a', 'b', 'c'];

  it('starts at the first row and stops at both ends', () => {
    expect(moveActive(ids, null, 1)).toBe('a');
    expect(moveActive(ids, 'a', 1)).toBe('b');
    expect(moveActive(ids, 'c', 1)).toBe('c');
    expect(moveActive(ids, 'a', -1)).toBe('a');
  });

  it('recovers when the active row left the list (live update) and handles an empty list', () => {
    expect(moveActive(ids, 'gone', 1)).toBe('a');
    expect(moveActive([], 'a', 1)).toBeNull();
  });
});
