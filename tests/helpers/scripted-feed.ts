import type { MarketFeed, Tick } from '../../src/core/market/market-feed';
import { SYNTHETIC_SPECS } from '../../src/core/market/synthetic/synthetic-instruments';
import type { Instrument } from '../../src/shared/market/instrument';

export interface ScriptedFeed extends MarketFeed {
  /** Delivers a tick to subscribers of its symbol, as a live feed would. */
  push(tick: Partial<Tick> & Pick<Tick, 'symbol' | 'bid' | 'ask'>): void;
  /** Resolves once something follows the symbol (the market service subscribes after seeding). */
  whenSubscribed(symbol: string): Promise<void>;
}

/**
 * A market feed the test drives tick by tick: the synthetic market's instruments, no history,
 * and exactly the quotes the test pushes — so matching is deterministic.
 */
export function createScriptedFeed(now: () => number, instruments: readonly Instrument[] = SYNTHETIC_SPECS.map((s) => s.instrument)): ScriptedFeed {
  const subscribers = new Map<string, Set<(tick: Tick) => void>>();
  const waiting = new Map<string, Array<() => void>>();
  return {
    name: 'scripted',
    instruments: () => instruments,
    history: () => Promise.resolve([]),
    historyStart: () => 0,
    subscribe(symbols, onTick) {
      for (const s of symbols) {
        const set = subscribers.get(s) ?? new Set();
        set.add(onTick);
        subscribers.set(s, set);
        for (const resolve of waiting.get(s) ?? []) resolve();
        waiting.delete(s);
      }
      return () => {
        for (const s of symbols) subscribers.get(s)?.delete(onTick);
      };
    },
    push(t) {
      const tick: Tick = { time: now(), bidSize: 10, askSize: 10, last: (t.bid + t.ask) / 2, lastSize: 1, ...t };
      for (const fn of subscribers.get(tick.symbol) ?? []) fn(tick);
    },
    whenSubscribed(symbol) {
      if ((subscribers.get(symbol)?.size ?? 0) > 0) return Promise.resolve();
      return new Promise((resolve) => waiting.set(symbol, [...(waiting.get(symbol) ?? []), resolve]));
    },
    close() {
      subscribers.clear();
    },
  };
}
