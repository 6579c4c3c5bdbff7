import { create } from 'zustand';

/** What the account dialog shows: a new account (starting on paper or live), or a live account's API keys. */
export type AccountDialogView = { kind: 'create'; start: 'paper' | 'live' } | { kind: 'keys'; accountId: string };

interface AccountDialogState {
  view: AccountDialogView | null;
  /** Counts openings, so each one starts from empty inputs. */
  opened: number;
  openCreate(start: 'paper' | 'live'): void;
  openKeys(accountId: string): void;
  close(): void;
}

/** The account dialog's state (the palette and the account panel open it from anywhere). Never holds keys. */
export const useAccountDialog = create<AccountDialogState>()((set) => ({
  view: null,
  opened: 0,
  openCreate: (start) => set((s) => ({ view: { kind: 'create', start }, opened: s.opened + 1 })),
  openKeys: (accountId) => set((s) => ({ view: { kind: 'keys', accountId }, opened: s.opened + 1 })),
  close: () => set({ view: null }),
}));
