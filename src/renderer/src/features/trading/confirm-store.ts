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
  /** A second way to go ahead, beside the confirm button (stop a copy: keep or close its positions); `choose` says which was taken. */
  alternative?: { label: string; tone: ConfirmTone };
}

/** Which button answered a request with an alternative. */
export type ConfirmAnswer = 'confirm' | 'alternative' | 'cancel';

interface ConfirmState {
  request: ConfirmRequest | null;
  resolve: ((answer: ConfirmAnswer) => void) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  choose(request: ConfirmRequest): Promise<ConfirmAnswer>;
  answer(ok: boolean | 'alternative'): void;
}

/** One in-app confirmation at a time (window.confirm blocks the event loop and cannot be styled). */
export const useConfirm = create<ConfirmState>()((set, get) => ({
  request: null,
  resolve: null,
  ask: (request) => get().choose(request).then((answer) => answer === 'confirm'),
  choose(request) {
    // A newer question replaces an unanswered one, which counts as "no".
    get().resolve?.('cancel');
    return new Promise<ConfirmAnswer>((resolve) => set({ request, resolve }));
  },
  answer(ok) {
    const { resolve } = get();
    set({ request: null, resolve: null });
    resolve?.(ok === 'alternative' ? 'alternative' : ok ? 'confirm' : 'cancel');
  },
}));

export const askConfirm = (request: ConfirmRequest): Promise<boolean> => useConfirm.getState().ask(request);
/** Asks with two ways to go ahead (`request.alternative`): resolves with the button taken. */
export const askChoice = (request: ConfirmRequest): Promise<ConfirmAnswer> => useConfirm.getState().choose(request);
