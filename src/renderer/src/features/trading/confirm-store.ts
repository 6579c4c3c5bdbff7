import { create } from 'zustand';

export type ConfirmTone = 'buy' | 'sell' | 'danger' | 'neutral';

export interface ConfirmRequest {
  title: string;
  /** One sentence on what happens. */
  message: string;
  /** Label/value lines shown under the message (an order's details). */
  details?: ReadonlyArray<readonly [string, string]>;
  confirmLabel: string;
  tone: ConfirmTone;
}

interface ConfirmState {
  request: ConfirmRequest | null;
  resolve: ((ok: boolean) => void) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

/** One in-app confirmation at a time (window.confirm blocks the event loop and cannot be styled). */
export const useConfirm = create<ConfirmState>()((set, get) => ({
  request: null,
  resolve: null,
  ask(request) {
    // A newer question replaces an unanswered one, which counts as "no".
    get().resolve?.(false);
    return new Promise<boolean>((resolve) => set({ request, resolve }));
  },
  answer(ok) {
    const { resolve } = get();
    set({ request: null, resolve: null });
    resolve?.(ok);
  },
}));

export const askConfirm = (request: ConfirmRequest): Promise<boolean> => useConfirm.getState().ask(request);
