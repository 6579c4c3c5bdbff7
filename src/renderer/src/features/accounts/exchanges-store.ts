import { create } from 'zustand';
import type { ApiCaller } from '../../api/api-client';
import type { Exchange } from './exchange-list';

interface ExchangesState {
  list: readonly Exchange[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(api: ApiCaller): Promise<void>;
}

/** The exchanges a live account can use, asked once per session (the list only changes with the core's ccxt). */
export const useExchanges = create<ExchangesState>()((set, get) => ({
  list: [],
  status: 'idle',
  error: null,
  async load(api) {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading', error: null });
    try {
      set({ list: await api.call('accounts.exchanges'), status: 'ready' });
    } catch (e) {
      set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  },
}));

/** An exchange's display name ("Binance") by ccxt id, when the list is in. */
export function useExchangeName(id: string | null): string | undefined {
  return useExchanges((s) => (id ? s.list.find((e) => e.id === id)?.name : undefined));
}
