import { describe, expect, it } from 'vitest';
import { bindingProblem, comboFromEvent, DEFAULT_HOTKEYS, displayCombo, HOTKEY_ACTIONS, matchHotkey, parseCombo, sanitizeBindings, type KeyEventLike } from '../../../src/renderer/src/features/trading/hotkeys';

const key = (code: string, k: string, mods: Partial<Pick<KeyEventLike, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>> = {}): KeyEventLike => ({ code, key: k, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('hotkey combinations', () => {
  it('reads a key event as a canonical combination, whatever Shift does to the character', () => {
    expect(comboFromEvent(key('KeyB', 'B', { shiftKey: true }))).toBe('Shift+B');
    expect(comboFromEvent(key('Digit1', '!', { shiftKey: true, ctrlKey: true }))).toBe('Ctrl+Shift+1');
    expect(comboFromEvent(key('KeyU', 'u', { altKey: true, shiftKey: true }))).toBe('Alt+Shift+U');
    expect(comboFromEvent(key('F2', 'F2'))).toBe('F2');
  });
  it('ignores modifiers pressed alone', () => {
    expect(comboFromEvent(key('ShiftLeft', 'Shift', { shiftKey: true }))).toBeNull();
    expect(comboFromEvent(key('ControlLeft', 'Control', { ctrlKey: true }))).toBeNull();
  });
  it('parses typed combinations into the canonical order', () => {
    expect(parseCombo('shift+b')).toBe('Shift+B');
    expect(parseCombo('B + Ctrl + Alt')).toBe('Ctrl+Alt+B');
    expect(parseCombo('cmd+f2')).toBe('Meta+F2');
    expect(parseCombo('Shift+A+B')).toBeNull();
    expect(parseCombo('Shift')).toBeNull();
    expect(displayCombo('Ctrl+Shift+B')).toBe('Ctrl Shift B');
  });
  it('matches an event to the action bound to it, and to nothing else', () => {
    expect(matchHotkey(DEFAULT_HOTKEYS, key('KeyB', 'B', { shiftKey: true }))).toBe('buyMarket');
    expect(matchHotkey(DEFAULT_HOTKEYS, key('KeyF', 'F', { shiftKey: true }))).toBe('flattenAll');
    expect(matchHotkey(DEFAULT_HOTKEYS, key('KeyB', 'b'))).toBeNull();
    expect(matchHotkey(DEFAULT_HOTKEYS, key('KeyB', 'B', { shiftKey: true, ctrlKey: true }))).toBeNull();
    expect(matchHotkey({ ...DEFAULT_HOTKEYS, buyMarket: null }, key('KeyB', 'B', { shiftKey: true }))).toBeNull();
  });
  it('does not collide with the app’s own hotkeys by default', () => {
    for (const action of HOTKEY_ACTIONS) expect(bindingProblem(DEFAULT_HOTKEYS, action, DEFAULT_HOTKEYS[action]!)).toBeNull();
  });
  it('refuses bindings that would break typing, the app or another action', () => {
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'B')).toMatch(/add a modifier/);
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'Enter')).toMatch(/add a modifier/);
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'Shift+ArrowUp')).toMatch(/selecting/);
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'Ctrl+K')).toBe('Ctrl K is already used by the app');
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'Alt+3')).toBe('Alt 3 is already used by the app');
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'Shift+S')).toMatch(/already bound to “Sell at market/);
    expect(bindingProblem(DEFAULT_HOTKEYS, 'buyMarket', 'F9')).toBeNull();
  });
  it('repairs stored bindings: unknown keys dropped, broken ones back to default, cleared ones kept', () => {
    expect(sanitizeBindings({ buyMarket: 'ctrl+shift+b', sellMarket: null, cancelAll: 'A+B+C', junk: 'X' })).toEqual({ buyMarket: 'Ctrl+Shift+B', sellMarket: null, cancelAll: 'Shift+C', flattenAll: 'Shift+F' });
    expect(sanitizeBindings('nonsense')).toEqual(DEFAULT_HOTKEYS);
  });
});
