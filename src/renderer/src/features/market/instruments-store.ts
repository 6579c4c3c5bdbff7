import { create } from 'zustand';
import type { Instrument } from '../../../../shared/market/instrument';

interface InstrumentsState {
  bySymbol: ReadonlyMap<string, Instrument>;
  list: readonly Instrument[];
  set(list: readonly Instrument[]): void;
}

/** The feed's instruments, loaded once per connection; panes read tick size and precision here. */
export const useInstruments = create<InstrumentsState>()((set) => ({
  bySymbol: new Map(),
  list: [],
  set: (list) => set({ list, bySymbol: new Map(list.map((i) => [i.symbol, i])) }),
}));
