import type { EventPayload, Handlers, TopicName } from '../../shared/contract';
import type { Timeframe } from '../../shared/market/timeframes';
import type { MarketService } from './market-service';

export type MarketSessionHandlers = Handlers<'market.subscribe' | 'market.unsubscribe'>;

export interface MarketSession {
  readonly handlers: MarketSessionHandlers;
  /** Whether a market event concerns what this connection follows. */
  wants<T extends TopicName>(topic: T, payload: EventPayload<T>): boolean;
  /** Releases everything this connection held. */
  close(): void;
}

/** The symbols (quotes) and timeframes (bars) one connection follows; released when it goes away. */
export function createMarketSession(market: MarketService): MarketSession {
  const held = new Map<string, Set<Timeframe>>();
  const symbols = (): { symbols: string[] } => ({ symbols: [...held.keys()] });
  const dropSymbol = (symbol: string): void => {
    const tfs = held.get(symbol);
    if (!tfs) return;
    for (const tf of tfs) market.release(symbol, tf);
    market.release(symbol, undefined);
    held.delete(symbol);
  };

  return {
    handlers: {
      'market.subscribe': ({ symbols: wanted, timeframes }) => {
        // Validate all first, so a bad symbol subscribes none.
        for (const symbol of wanted) market.instrument(symbol);
        for (const symbol of wanted) {
          let tfs = held.get(symbol);
          if (!tfs) {
            held.set(symbol, (tfs = new Set()));
            market.acquire(symbol, undefined);
          }
          for (const tf of timeframes) {
            if (tfs.has(tf)) continue;
            tfs.add(tf);
            market.acquire(symbol, tf);
          }
        }
        return symbols();
      },
      'market.unsubscribe': ({ symbols: unwanted, timeframes }) => {
        for (const symbol of unwanted) {
          if (!timeframes) {
            dropSymbol(symbol);
            continue;
          }
          const tfs = held.get(symbol);
          for (const tf of timeframes) {
            if (tfs?.delete(tf)) market.release(symbol, tf);
          }
        }
        return symbols();
      },
    },
    wants(topic, payload) {
      if (topic === 'market.quote') return held.has((payload as EventPayload<'market.quote'>).symbol);
      if (topic === 'market.history') return held.has((payload as EventPayload<'market.history'>).symbol);
      if (topic === 'market.bar') {
        const p = payload as EventPayload<'market.bar'>;
        return held.get(p.symbol)?.has(p.timeframe) ?? false;
      }
      return true;
    },
    close() {
      for (const symbol of [...held.keys()]) dropSymbol(symbol);
    },
  };
}
