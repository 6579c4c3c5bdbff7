import { create } from 'zustand';

/** Whether the "New paper account" dialog is open (the palette opens it from anywhere). */
export const useAccountDialog = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
