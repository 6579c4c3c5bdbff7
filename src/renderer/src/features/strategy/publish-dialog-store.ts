import { create } from 'zustand';

interface PublishDialogState {
  /** The account to publish (preselected), or null when closed. */
  accountId: string | null;
  open: boolean;
  opened: number;
  show(accountId: string | null): void;
  close(): void;
}

/** The "Publish account as a strategy" dialog, opened from the Account panel or the palette. */
export const usePublishDialog = create<PublishDialogState>()((set) => ({
  accountId: null,
  open: false,
  opened: 0,
  show: (accountId) => set((s) => ({ accountId, open: true, opened: s.opened + 1 })),
  close: () => set({ open: false }),
}));
