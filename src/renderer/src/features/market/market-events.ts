import type { ApiClient } from '../../api/api-client';
import type { EventPayload, Quote } from '../../../../shared/contract';
import type { Bar } from '../../../../shared/market/bar';
import type { Timeframe } from '../../../../shared/market/timeframes';
import { tickProbe } from '../../perf/perf-probe';
import { useQuotes } from './quotes-store';

type BarListener = (bar: Bar) => void;
type HistoryListener = (span: { from: number; to: number }) => void;

const QUOTE_INTERVAL_MS = 250;

export interface MarketEvents {
  /** Live bars of one symbol and timeframe: every final bar, then the latest forming bar per frame. */
  onBar(symbol: string, tf: Timeframe, listener: BarListener): () => void;
  /** Bars of a symbol in [from, to) were replaced (backfilled after a live venue reconnected): charts reload them. */
  onHistory(symbol: string, listener: HistoryListener): () => void;
}

/**
 * One subscription to `market.bar` and `market.quote` for the whole UI. Updates are held until
 * the next animation frame and only the latest per (symbol, timeframe) is delivered — never a
 * render per message.
 */
export function createMarketEvents(api: ApiClient, schedule: (fn: () => void) => void = (fn) => void requestAnimationFrame(fn)): MarketEvents {
  const listeners = new Map<string, Set<BarListener>>();
  const historyListeners = new Map<string, Set<HistoryListener>>();
  const pendingBars = new Map<string, Bar[]>();
  const pendingQuotes = new Map<string, Quote>();
  const probing = tickProbe.enabled();
  const arrivals: number[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    for (const [key, bars] of pendingBars) for (const l of listeners.get(key) ?? []) for (const b of bars) l(b);
    pendingBars.clear();
    if (probing) {
      // The frame paints right after this callback: arrival → drawn.
      const done = performance.now();
      for (const t of arrivals) tickProbe.record(done - t);
      arrivals.length = 0;
    }
  };
  const later = (): void => {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };

  // Quotes feed tables that people read: 4 refreshes a second is all the eye takes in, and
  // re-rendering them every frame would take frames from the charts.
  let quoteTimer: ReturnType<typeof setTimeout> | undefined;
  const flushQuotes = (): void => {
    quoteTimer = undefined;
    useQuotes.getState().apply([...pendingQuotes.values()]);
    pendingQuotes.clear();
  };

  api.on('market.bar', (e: EventPayload<'market.bar'>) => {
    const key = `${e.symbol}|${e.timeframe}`;
    if (!listeners.has(key)) return;
    const list = pendingBars.get(key) ?? [];
    // Keep final bars; of forming updates to the same bar keep only the newest.
    const last = list.at(-1);
    if (last && last.time === e.bar.time) list[list.length - 1] = e.bar;
    else list.push(e.bar);
    pendingBars.set(key, list);
    if (probing) arrivals.push(performance.now());
    later();
  });
  api.on('market.quote', (q) => {
    pendingQuotes.set(q.symbol, q);
    quoteTimer ??= setTimeout(flushQuotes, QUOTE_INTERVAL_MS);
  });

  api.on('market.history', (e) => {
    for (const l of historyListeners.get(e.symbol) ?? []) l({ from: e.from, to: e.to });
  });

  return {
    onHistory(symbol, listener) {
      let set = historyListeners.get(symbol);
      if (!set) historyListeners.set(symbol, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) historyListeners.delete(symbol);
      };
    },
    onBar(symbol, tf, listener) {
      const key = `${symbol}|${tf}`;
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },
  };
}
