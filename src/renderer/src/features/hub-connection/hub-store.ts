import { create } from 'zustand';
import type { HubStatus } from '../../../../shared/contract';

interface HubState {
  /** The core's hub status; null until the first answer. */
  status: HubStatus | null;
  set(status: HubStatus): void;
}

/** The social hub as the core sees it (connection, signed-in member, community), fed by the hub feed. */
export const useHub = create<HubState>()((set) => ({
  status: null,
  set: (status) => set({ status }),
}));

/** The signed-in member's user id, or null. */
export const signedInUserId = (): string | null => useHub.getState().status?.user?.userId ?? null;
