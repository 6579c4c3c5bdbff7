import { create } from 'zustand';

export type HubDialogTab = 'signIn' | 'signUp' | 'hub';

interface HubDialogState {
  tab: HubDialogTab | null;
  /** Why it opened ("Sign in to like posts"), shown on top. */
  reason: string | null;
  /** Counts openings, so each one starts from empty inputs (no password survives closing). */
  opened: number;
  open(tab: HubDialogTab, reason?: string): void;
  setTab(tab: HubDialogTab): void;
  close(): void;
}

/** The hub dialog: sign in, create an account, or choose the hub. Opened from anywhere. */
export const useHubDialog = create<HubDialogState>()((set) => ({
  tab: null,
  reason: null,
  opened: 0,
  open: (tab, reason) => set((s) => ({ tab, reason: reason ?? null, opened: s.opened + 1 })),
  setTab: (tab) => set({ tab }),
  close: () => set({ tab: null, reason: null }),
}));
