/**
 * Trading hotkeys as canonical strings ("Ctrl+Alt+Shift+Meta+Key", modifiers in that order), so
 * a binding read from storage, typed by the user or taken from a key event compares by equality.
 */

export const HOTKEY_ACTIONS = ['buyMarket', 'sellMarket', 'cancelAll', 'flattenAll'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];
export type HotkeyBindings = Readonly<Record<HotkeyAction, string | null>>;

export const HOTKEY_LABELS: Readonly<Record<HotkeyAction, string>> = {
  buyMarket: 'Buy at market',
  sellMarket: 'Sell at market',
  cancelAll: 'Cancel all orders',
  flattenAll: 'Flatten all',
};

/** Shift+letter: one hand on the mouse, one on the keys; free of the app's Ctrl+K and Alt+1…6. */
export const DEFAULT_HOTKEYS: HotkeyBindings = { buyMarket: 'Shift+B', sellMarket: 'Shift+S', cancelAll: 'Shift+C', flattenAll: 'Shift+F' };

/** Combinations the rest of the app already uses. */
export const RESERVED_HOTKEYS: readonly string[] = ['Ctrl+K', 'Meta+K', ...['1', '2', '3', '4', '5', '6'].map((d) => `Alt+${d}`)];

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof MODIFIERS)[number];
const MODIFIER_ALIASES: Readonly<Record<string, Modifier>> = { ctrl: 'Ctrl', control: 'Ctrl', alt: 'Alt', option: 'Alt', shift: 'Shift', meta: 'Meta', cmd: 'Meta', command: 'Meta', super: 'Meta' };
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'CapsLock', 'OS']);
/** Keys that must keep their meaning in forms and dialogs when pressed alone. */
const BARE_FORBIDDEN = new Set(['Enter', 'Escape', 'Tab', 'Space', 'Backspace', 'Delete', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/** The parts of a KeyboardEvent a combination is read from (plain fields, so the logic is testable anywhere). */
export interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** The key's name independent of Shift and the keyboard layout's symbols: "B", "7", "F2", "ArrowUp". */
function keyName(e: Pick<KeyEventLike, 'key' | 'code'>): string | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3);
  if (/^Digit\d$/.test(e.code)) return e.code.slice(5);
  if (/^Numpad\d$/.test(e.code)) return e.code.slice(6);
  if (e.key === ' ') return 'Space';
  if (e.key.length === 1) return e.key.toUpperCase();
  return e.key || null;
}

/** The canonical combination of a key event; null while only modifiers are down. */
export function comboFromEvent(e: KeyEventLike): string | null {
  const key = keyName(e);
  if (!key) return null;
  const held: Record<Modifier, boolean> = { Ctrl: e.ctrlKey, Alt: e.altKey, Shift: e.shiftKey, Meta: e.metaKey };
  return [...MODIFIERS.filter((m) => held[m]), key].join('+');
}

/** Canonical form of a typed combination ("shift+b", "B + Ctrl") or null when it is not one. */
export function parseCombo(text: string): string | null {
  const parts = text.split('+').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const mods = new Set<Modifier>();
  let key: string | null = null;
  for (const p of parts) {
    const mod = MODIFIER_ALIASES[p.toLowerCase()];
    if (mod) mods.add(mod);
    else if (key !== null) return null;
    else key = p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1);
  }
  if (key === null) return null;
  return [...MODIFIERS.filter((m) => mods.has(m)), key].join('+');
}

/** As shown on key caps in the app: "Shift B". */
export function displayCombo(combo: string | null): string {
  return combo ? combo.split('+').join(' ') : '—';
}

/** The action a key event triggers, if any. */
export function matchHotkey(bindings: HotkeyBindings, e: KeyEventLike): HotkeyAction | null {
  const combo = comboFromEvent(e);
  if (!combo) return null;
  return HOTKEY_ACTIONS.find((a) => bindings[a] === combo) ?? null;
}

/** Why `combo` cannot be bound to `action`, or null when it can. */
export function bindingProblem(bindings: HotkeyBindings, action: HotkeyAction, combo: string): string | null {
  const parts = combo.split('+');
  const key = parts.at(-1)!;
  const bare = parts.length === 1;
  const shiftOnly = parts.length === 2 && parts[0] === 'Shift';
  if (bare && (BARE_FORBIDDEN.has(key) || key.length === 1)) return `${key} alone is needed for typing and navigating; add a modifier`;
  if (shiftOnly && BARE_FORBIDDEN.has(key)) return `${displayCombo(combo)} is needed for selecting; choose another key`;
  if (RESERVED_HOTKEYS.includes(combo)) return `${displayCombo(combo)} is already used by the app`;
  const taken = HOTKEY_ACTIONS.find((a) => a !== action && bindings[a] === combo);
  if (taken) return `${displayCombo(combo)} is already bound to “${HOTKEY_LABELS[taken]}”`;
  return null;
}

/** Bindings read from storage, with anything unknown or broken replaced by the default. */
export function sanitizeBindings(raw: unknown): Record<HotkeyAction, string | null> {
  const out: Record<HotkeyAction, string | null> = { ...DEFAULT_HOTKEYS };
  if (!raw || typeof raw !== 'object') return out;
  const rec = raw as Record<string, unknown>;
  for (const a of HOTKEY_ACTIONS) {
    const v = rec[a];
    if (v === null) out[a] = null;
    else if (typeof v === 'string') out[a] = parseCombo(v) ?? DEFAULT_HOTKEYS[a];
  }
  return out;
}
