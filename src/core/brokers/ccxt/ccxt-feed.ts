import type { Exchange, OHLCV, Ticker, Trade } from 'ccxt';
import type { Bar } from '../../../shared/market/bar';
import type { Instrument } from '../../../shared/market/instrument';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import type { MarketFeed, Tick } from '../../market/market-feed';
import type { Clock, Logger } from '../../ports';
import type { LiveConnection } from '../live/live-connection';
import { exchangeSymbolOf } from './ccxt-instruments';
import type { StreamCounters } from './guard-messages';
import type { Retrier } from './with-retries';

export interface CcxtFeed extends MarketFeed {
  /** The venue's markets, loaded (again) on every (re)connect. */
  setInstruments(instruments: readonly Instrument[]): void;
  onInstrumentsChanged(listener: (venue: string, count: number) => void): () => void;
  /** Announces that live data of followed symbols was missing in [from, to). */
  announceGap(from: number, to: number): void;
  onHistoryGap(listener: (symbol: string, from: number, to: number) => void): () => void;
  /** Symbols streamed now. */
  followed(): number;
}

const CCXT_TIMEFRAMES: Readonly<Record<Timeframe, string>> = { '1s': '1s', '1m': '1m', '5m': '5m', '15m': '15m', '1h': '1h', '4h': '4h', '1D': '1d' };
const PAGE = 1000;
/** Exchanges list spot markets from about then; earlier requests return nothing. */
const DEFAULT_HISTORY_START = Date.UTC(2017, 6, 1);

interface SymbolState {
  active: boolean;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  last: number;
  lastTradeTime: number;
  lastTradeId: number;
  listeners: Set<(tick: Tick) => void>;
}

export interface CcxtFeedDeps {
  exchange: Exchange;
  venue: string;
  connection: Pick<LiveConnection, 'whenUp' | 'failed' | 'activity'>;
  retry: Retrier;
  counters: StreamCounters;
  clock: Clock;
  log: Logger;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * An exchange's market data through ccxt: history from `fetchOHLCV`, live trades and top of book
 * from `watchTrades` and `watchBidsAsks` (or `watchTicker`). Streams wait while the connection is
 * down and resume — resubscribed — when it is back; late or repeated trades are dropped.
 */
export function createCcxtFeed(deps: CcxtFeedDeps): CcxtFeed {
  const { exchange, venue, connection, counters, log } = deps;
  let instruments: Instrument[] = [];
  const instrumentListeners = new Set<(venue: string, count: number) => void>();
  const gapListeners = new Set<(symbol: string, from: number, to: number) => void>();
  const states = new Map<string, SymbolState>();

  const toExchange = (symbol: string): string => {
    const s = exchangeSymbolOf(venue, symbol);
    if (!s) throw new Error(`${symbol} is not a ${venue} symbol`);
    return s;
  };

  const emit = (symbol: string, st: SymbolState, time: number, lastSize: number): void => {
    if (!(st.last > 0)) return;
    const tick: Tick = { symbol, time, bid: st.bid || st.last, ask: st.ask || st.last, bidSize: st.bidSize, askSize: st.askSize, last: st.last, lastSize };
    for (const l of st.listeners) l(tick);
  };

  const onTrades = (symbol: string, st: SymbolState, trades: readonly Trade[]): void => {
    for (const t of trades) {
      const time = t.timestamp;
      const id = Number(t.id);
      if (!finite(time) || !finite(t.price) || !finite(t.amount) || t.price <= 0 || t.amount <= 0) {
        counters.malformed++;
        continue;
      }
      // Trade ids rise per symbol: one at or below the last seen is late or repeated.
      if ((Number.isFinite(id) && id <= st.lastTradeId) || time < st.lastTradeTime) {
        counters.outOfOrder++;
        continue;
      }
      if (Number.isFinite(id)) st.lastTradeId = id;
      st.lastTradeTime = time;
      st.last = t.price;
      emit(symbol, st, time, t.amount);
    }
  };

  const onBook = (symbol: string, st: SymbolState, t: Ticker): void => {
    if (!finite(t.bid) || !finite(t.ask) || t.bid <= 0 || t.ask < t.bid) {
      counters.malformed++;
      return;
    }
    st.bid = t.bid;
    st.ask = t.ask;
    st.bidSize = finite(t.bidVolume) ? t.bidVolume : 0;
    st.askSize = finite(t.askVolume) ? t.askVolume : 0;
    if (!(st.last > 0)) st.last = (t.bid + t.ask) / 2;
    // Quote only: no trade, so no volume for the bars (lastSize 0).
    emit(symbol, st, finite(t.timestamp) ? t.timestamp : deps.clock.now(), 0);
  };

  /** Runs one watch call after another while the symbol is followed, pausing while disconnected. */
  const loop = async (symbol: string, st: SymbolState, name: string, step: () => Promise<void>): Promise<void> => {
    while (st.active) {
      await connection.whenUp();
      if (!st.active) return;
      try {
        await step();
        connection.activity();
      } catch (error) {
        if (!st.active) return;
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ symbol, stream: name, err: message }, 'market stream failed');
        connection.failed(`${name} ${symbol}: ${message}`);
        // Until the connection manager has reconnected (whenUp waits), no busy loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };

  const start = (symbol: string, st: SymbolState): void => {
    const ex = toExchange(symbol);
    // A quiet market may not trade or move its book for a while: its quote is there at once.
    void connection
      .whenUp()
      .then(() => deps.retry(`ticker of ${symbol}`, () => exchange.fetchTicker(ex)))
      .then(
        (t) => {
          if (!st.active || st.bid > 0) return;
          if (finite(t.last) && t.last > 0 && !(st.last > 0)) st.last = t.last;
          if (finite(t.bid) && finite(t.ask) && t.bid > 0 && t.ask >= t.bid) onBook(symbol, st, t);
          else emit(symbol, st, finite(t.timestamp) ? t.timestamp : deps.clock.now(), 0);
        },
        (error: unknown) => log.warn({ symbol, err: error instanceof Error ? error.message : String(error) }, 'first ticker failed'),
      );
    void loop(symbol, st, 'trades', async () => onTrades(symbol, st, await exchange.watchTrades(ex)));
    // Top of book where the exchange streams it alone, else from its ticker.
    void loop(symbol, st, 'book', async () => {
      if (exchange.has['watchBidsAsks']) {
        const t = (await exchange.watchBidsAsks([ex]))[ex];
        if (t) onBook(symbol, st, t);
      } else onBook(symbol, st, await exchange.watchTicker(ex));
    });
  };

  const stop = (symbol: string, st: SymbolState): void => {
    st.active = false;
    states.delete(symbol);
    const ex = toExchange(symbol);
    // Best effort: ccxt rejects the pending watch with an UnsubscribeError, ending the loops.
    for (const unwatch of [() => exchange.unWatchTrades(ex), () => (exchange.has['watchBidsAsks'] ? exchange.unWatchBidsAsks([ex]) : exchange.unWatchTicker(ex))]) {
      try {
        unwatch().catch(() => undefined);
      } catch {
        // not supported by this exchange: the loop ends on its next message
      }
    }
  };

  return {
    name: venue,
    instruments: () => instruments,
    setInstruments(next) {
      instruments = [...next];
      for (const l of instrumentListeners) l(venue, instruments.length);
    },
    onInstrumentsChanged(listener) {
      instrumentListeners.add(listener);
      return () => instrumentListeners.delete(listener);
    },
    async history(symbol, tf, from, to) {
      const ccxtTf = CCXT_TIMEFRAMES[tf];
      if (!(ccxtTf in (exchange.timeframes ?? {}))) return [];
      const ex = toExchange(symbol);
      const span = TIMEFRAME_MS[tf];
      const bars: Bar[] = [];
      for (let since = from; since < to; ) {
        const rows: OHLCV[] = await deps.retry(`bars of ${symbol}`, () => exchange.fetchOHLCV(ex, ccxtTf, since, PAGE), { idempotent: true });
        let next = since;
        for (const [time, open, high, low, close, volume] of rows) {
          if (!finite(time) || !finite(open) || !finite(high) || !finite(low) || !finite(close) || time < since || time >= to) continue;
          if (bars.length > 0 && time <= bars.at(-1)!.time) continue;
          bars.push({ time, open, high, low, close, volume: finite(volume) && volume >= 0 ? volume : 0 });
          next = time + span;
        }
        if (rows.length < PAGE || next <= since) break;
        since = next;
      }
      return bars;
    },
    historyStart(symbol) {
      let created: unknown;
      try {
        created = exchange.markets?.[toExchange(symbol)]?.created;
      } catch {
        // not connected yet: the default start
      }
      return finite(created) ? created : DEFAULT_HISTORY_START;
    },
    subscribe(symbols, onTick) {
      for (const symbol of symbols) {
        let st = states.get(symbol);
        if (!st) {
          st = { active: true, bid: 0, ask: 0, bidSize: 0, askSize: 0, last: 0, lastTradeTime: 0, lastTradeId: -1, listeners: new Set() };
          states.set(symbol, st);
          start(symbol, st);
        }
        st.listeners.add(onTick);
      }
      return () => {
        for (const symbol of symbols) {
          const st = states.get(symbol);
          if (!st) continue;
          st.listeners.delete(onTick);
          if (st.listeners.size === 0) stop(symbol, st);
        }
      };
    },
    announceGap(from, to) {
      if (to <= from) return;
      for (const symbol of states.keys()) for (const l of gapListeners) l(symbol, from, to);
    },
    onHistoryGap(listener) {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },
    followed: () => states.size,
    close() {
      for (const [symbol, st] of [...states]) stop(symbol, st);
    },
  };
}
