import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_HOTKEYS, sanitizeBindings, type HotkeyAction, type HotkeyBindings } from './hotkeys';

interface HotkeyState {
  bindings: HotkeyBindings;
  /** The action being rebound: key presses go to the settings UI, not to trading. */
  capturing: HotkeyAction | null;
  bind(action: HotkeyAction, combo: string | null): void;
  setCapturing(action: HotkeyAction | null): void;
  reset(): void;
}

/** Trading hotkeys of this window, persisted in localStorage. */
export const useHotkeys = create<HotkeyState>()(
  persist(
    (set, get) => ({
      bindings: DEFAULT_HOTKEYS,
      capturing: null,
      bind: (action, combo) => set({ bindings: { ...get().bindings, [action]: combo } }),
      setCapturing: (capturing) => set({ capturing }),
      reset: () => set({ bindings: DEFAULT_HOTKEYS }),
    }),
    {
      name: 'ist.trading.hotkeys',
      version: 1,
      partialize: (s) => ({ bindings: s.bindings }),
      merge: (persisted, current) => ({ ...current, bindings: sanitizeBindings((persisted as { bindings?: unknown } | undefined)?.bindings) }),
    },
  ),
);
