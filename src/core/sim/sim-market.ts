import type { Bar } from '../../shared/market/bar';
import type { Instrument } from '../../shared/market/instrument';
import { DAY_MS, MINUTE_MS, TIMEFRAME_MS, type Timeframe } from '../../shared/market/timeframes';
import { gridRounder } from '../../shared/numbers/steps';
import { createMarketPath, type MarketPath } from '../market/synthetic/market-path';
import { SYNTHETIC_SPECS, type SyntheticSpec } from '../market/synthetic/synthetic-instruments';

/** A closed bar as members see it: when it closed and when a fill at its close is stamped. */
export interface SimBar extends Bar {
  symbol: string;
  /** The end of the bar's last trading minute: the bar is final from then on. */
  closeTime: number;
  /** One second before `closeTime`, inside the session: fills at the bar's close carry this time. */
  fillTime: number;
  /** The last bar of the instrument's trading on this UTC day (a session close for stocks). */
  lastOfDay: boolean;
}

/** Bars simulated members trade on: the same deterministic paths as the core's synthetic feed. */
export interface SimMarket {
  readonly seed: number;
  instrument(symbol: string): Instrument;
  spec(symbol: string): SyntheticSpec;
  /** Whether the instrument trades at all on UTC day `day`. */
  isTradingDay(symbol: string, day: number): boolean;
  /** Close of the last trading minute of `day` on the tick grid, carried forward over closed days. */
  dayClose(symbol: string, day: number): number;
  /**
   * Bars of `tf` whose last trading minute falls on UTC day `day`, ascending. Daily bars are built
   * from closes alone (open = previous close), so years of them cost no intraday path.
   */
  bars(symbol: string, tf: Timeframe, day: number): readonly SimBar[];
  /** The last trade price at `time` (the minute's close while open, else the last close before). */
  priceAt(symbol: string, time: number): number;
  /** Account currency (USD) per unit of `currency` at the close of `day`, from the FX paths. */
  fxRate(currency: string, day: number): number;
}

const USD_LIKE = new Set(['USD', 'USDT', 'USDC']);
/** How each quote currency converts into USD through a synthetic pair. */
const FX_ROUTES: Readonly<Record<string, { pair: string; invert: boolean }>> = {
  EUR: { pair: 'EUR/USD', invert: false },
  GBP: { pair: 'GBP/USD', invert: false },
  JPY: { pair: 'USD/JPY', invert: true },
};

const BAR_CACHE = 96;

/**
 * Opens the synthetic market for the simulation with the feed's seed. It keeps its own paths
 * (history far older than the feed's window stays reproducible) and caches intraday bars, since
 * several members trade the same instrument on the same day.
 */
export function createSimMarket(seed: number): SimMarket {
  const specs = new Map<string, SyntheticSpec>(SYNTHETIC_SPECS.map((s) => [s.instrument.symbol, s]));
  const paths = new Map<string, MarketPath>();
  const rounders = new Map<string, (x: number) => number>();
  const barCache = new Map<string, readonly SimBar[]>();

  const specOf = (symbol: string): SyntheticSpec => {
    const s = specs.get(symbol);
    if (!s) throw new Error(`the synthetic market has no ${symbol}`);
    return s;
  };
  const pathOf = (symbol: string): MarketPath => {
    let p = paths.get(symbol);
    if (!p) paths.set(symbol, (p = createMarketPath(specOf(symbol), seed)));
    return p;
  };
  const roundOf = (symbol: string): ((x: number) => number) => {
    let r = rounders.get(symbol);
    if (!r) rounders.set(symbol, (r = gridRounder(specOf(symbol).instrument.tickSize)));
    return r;
  };

  const dayClose = (symbol: string, day: number): number => roundOf(symbol)(pathOf(symbol).dayClose(day));

  const dailyBar = (symbol: string, day: number): SimBar[] => {
    const minutes = pathOf(symbol).tradingMinutes(day);
    if (minutes.length === 0) return [];
    const closeTime = day * DAY_MS + (minutes[minutes.length - 1]! + 1) * MINUTE_MS;
    const open = dayClose(symbol, day - 1);
    const close = dayClose(symbol, day);
    return [{ symbol, time: day * DAY_MS, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 0, closeTime, fillTime: closeTime - 1000, lastOfDay: true }];
  };

  const intradayBars = (symbol: string, tf: Timeframe, day: number): SimBar[] => {
    const path = pathOf(symbol).dayPath(day);
    const span = TIMEFRAME_MS[tf];
    const out: SimBar[] = [];
    let current: SimBar | undefined;
    for (let i = 0; i < path.length; i++) {
      const t = path.time[i]!;
      const start = t - (t % span);
      if (!current || current.time !== start) {
        current = { symbol, time: start, open: path.open[i]!, high: path.high[i]!, low: path.low[i]!, close: path.close[i]!, volume: path.volume[i]!, closeTime: 0, fillTime: 0, lastOfDay: false };
        out.push(current);
      } else {
        if (path.high[i]! > current.high) current.high = path.high[i]!;
        if (path.low[i]! < current.low) current.low = path.low[i]!;
        current.close = path.close[i]!;
        current.volume += path.volume[i]!;
      }
      current.closeTime = t + MINUTE_MS;
      current.fillTime = current.closeTime - 1000;
    }
    if (current) current.lastOfDay = true;
    return out;
  };

  return {
    seed,
    instrument: (symbol) => specOf(symbol).instrument,
    spec: specOf,
    isTradingDay: (symbol, day) => pathOf(symbol).tradingMinutes(day).length > 0,
    dayClose,
    bars(symbol, tf, day) {
      const key = `${symbol}|${tf}|${day}`;
      const hit = barCache.get(key);
      if (hit) return hit;
      const bars = tf === '1D' ? dailyBar(symbol, day) : intradayBars(symbol, tf, day);
      if (barCache.size >= BAR_CACHE) barCache.delete(barCache.keys().next().value!);
      barCache.set(key, bars);
      return bars;
    },
    priceAt(symbol, time) {
      const day = Math.floor(time / DAY_MS);
      const minutes = pathOf(symbol).tradingMinutes(day);
      const minuteOfDay = Math.floor((time - day * DAY_MS) / MINUTE_MS);
      if (minutes.length === 0 || minutes[0]! > minuteOfDay) return dayClose(symbol, day - 1);
      const path = pathOf(symbol).dayPath(day);
      let i = path.length - 1;
      while (i > 0 && path.time[i]! > time) i--;
      return path.close[i]!;
    },
    fxRate(currency, day) {
      if (USD_LIKE.has(currency)) return 1;
      const route = FX_ROUTES[currency];
      if (!route) throw new Error(`no synthetic FX route from ${currency} to USD`);
      const rate = dayClose(route.pair, day);
      return route.invert ? 1 / rate : rate;
    },
  };
}

/** Trading minutes in a stock session: the fewest bars of a timeframe a trading day can hold. */
export function minBarsPerDay(tf: Timeframe): number {
  return tf === '1D' ? 1 : Math.max(1, Math.floor((390 * MINUTE_MS) / TIMEFRAME_MS[tf]));
}
