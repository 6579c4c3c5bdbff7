import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'dark' | 'light';
export type ClockMode = 'utc' | 'local';

interface PreferencesState {
  theme: Theme;
  clock: ClockMode;
  toggleTheme(): void;
  toggleClock(): void;
}

/** UI preferences of this window (per browser profile); trading state never lives here. */
export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'dark',
      clock: 'utc',
      toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
      toggleClock: () => set((s) => ({ clock: s.clock === 'utc' ? 'local' : 'utc' })),
    }),
    { name: 'ist.preferences', version: 1 },
  ),
);
