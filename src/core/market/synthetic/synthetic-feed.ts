import type { Bar } from '../../../shared/market/bar';
import { bucketStart, TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { roundToStep } from '../../../shared/numbers/steps';
import type { Clock } from '../../ports';
import type { MarketFeed, Tick } from '../market-feed';
import { createMarketPath, DAY_MS, MINUTE_MS, type DayPath, type MarketPath } from './market-path';
import { minuteTicks, TICKS_PER_MINUTE } from './minute-ticks';
import { createRng, seedOf } from './prng';
import { SYNTHETIC_SPECS, type SyntheticSpec } from './synthetic-instruments';

export interface SyntheticFeedOptions {
  seed: number;
  clock: Clock;
  /** Live ticks per second per instrument (default 20). */
  ticksPerSecond?: number;
  /** Days of history behind now (default 365). */
  historyDays?: number;
  /** Timer hooks, injectable for tests. */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const TICK_MS = 60_000 / TICKS_PER_MINUTE;

/**
 * The embedded market: deterministic for a seed, so history and live ticks agree across restarts.
 * History is generated per day on demand; live ticks follow the same path inside each minute.
 */
export function createSyntheticFeed(options: SyntheticFeedOptions): MarketFeed {
  const { clock, seed } = options;
  const historyDays = options.historyDays ?? 365;
  const ticksPerSecond = options.ticksPerSecond ?? 20;
  // Trade sizes are scaled so a minute's trades add up to its volume at any tick rate.
  const tradesPerMinute = ticksPerSecond * 60;
  const paths = new Map<string, MarketPath>(SYNTHETIC_SPECS.map((s) => [s.instrument.symbol, createMarketPath(s, seed)]));
  const instruments = SYNTHETIC_SPECS.map((s) => s.instrument);
  const startInterval = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stopInterval = options.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));

  const pathOf = (symbol: string): MarketPath => {
    const p = paths.get(symbol);
    if (!p) throw new Error(`Unknown symbol ${symbol}`);
    return p;
  };
  const historyStart = (): number => (Math.floor(clock.now() / DAY_MS) - historyDays) * DAY_MS;

  /** Closed 1m bars in [from, to), plus the minute forming now, as bars built so far. */
  const minuteBars = (path: MarketPath, from: number, to: number, now: number): Bar[] => {
    const out: Bar[] = [];
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
      const dp = path.dayPath(day);
      for (let i = 0; i < dp.length; i++) {
        const t = dp.time[i]!;
        if (t < from || t >= to || t > now) continue;
        out.push(t + MINUTE_MS <= now ? barAt(dp, i) : partialMinute(path.spec, dp, i, now));
      }
    }
    return out;
  };

  const partialMinute = (spec: SyntheticSpec, dp: DayPath, i: number, now: number): Bar => {
    const ticks = minuteTicks(seed, spec.instrument.symbol, dp, i, spec.instrument.tickSize);
    const upto = Math.min(TICKS_PER_MINUTE, Math.floor((now - dp.time[i]!) / TICK_MS));
    let high = ticks[0]!;
    let low = ticks[0]!;
    for (let k = 1; k <= upto; k++) {
      if (ticks[k]! > high) high = ticks[k]!;
      if (ticks[k]! < low) low = ticks[k]!;
    }
    const volume = roundToLot((dp.volume[i]! * upto) / TICKS_PER_MINUTE, spec.instrument.lotStep);
    return { time: dp.time[i]!, open: ticks[0]!, high, low, close: ticks[upto]!, volume };
  };

  const history = async (symbol: string, tf: Timeframe, from: number, to: number): Promise<Bar[]> => {
    const path = pathOf(symbol);
    const now = clock.now();
    const start = Math.max(from, historyStart());
    const end = Math.min(to, now + 1);
    if (end <= start) return [];
    if (tf === '1s') return secondBars(path, start, end, now);
    if (tf === '1D') return dailyBars(path, start, end, now);
    const minutes = minuteBars(path, bucketStart(start, tf), end, now);
    return tf === '1m' ? minutes : aggregate(minutes, tf);
  };

  /** Finished days from the per-day cache; today from its minutes so far. */
  const dailyBars = (path: MarketPath, from: number, to: number, now: number): Bar[] => {
    const out: Bar[] = [];
    const today = Math.floor(now / DAY_MS);
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to && day <= today; day++) {
      if (day < today) {
        const b = path.dayBar(day);
        if (b) out.push({ time: day * DAY_MS, ...b });
      } else {
        out.push(...aggregate(minuteBars(path, day * DAY_MS, (day + 1) * DAY_MS, now), '1D'));
      }
    }
    return out;
  };

  const secondBars = (path: MarketPath, from: number, to: number, now: number): Bar[] => {
    const out: Bar[] = [];
    const spec = path.spec;
    const perSecond = TICKS_PER_MINUTE / 60;
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
      const dp = path.dayPath(day);
      for (let i = 0; i < dp.length; i++) {
        const t = dp.time[i]!;
        if (t + MINUTE_MS <= from || t >= to || t > now) continue;
        const ticks = minuteTicks(seed, spec.instrument.symbol, dp, i, spec.instrument.tickSize);
        for (let s = 0; s < 60; s++) {
          const time = t + s * 1000;
          if (time < from || time >= to || time > now) continue;
          const first = s * perSecond;
          const last = Math.min((s + 1) * perSecond, Math.floor((now - t) / TICK_MS));
          let high = ticks[first]!;
          let low = ticks[first]!;
          for (let k = first + 1; k <= last; k++) {
            if (ticks[k]! > high) high = ticks[k]!;
            if (ticks[k]! < low) low = ticks[k]!;
          }
          out.push({ time, open: ticks[first]!, high, low, close: ticks[Math.max(first, last)]!, volume: roundToLot(dp.volume[i]! / 60, spec.instrument.lotStep) });
        }
      }
    }
    return out;
  };

  // Live ticks: one timer for all subscribed symbols.
  const subscribers = new Map<string, Set<(tick: Tick) => void>>();
  let timer: unknown;
  let lastBeat = -1;

  const emitTicks = (): void => {
    const now = clock.now();
    // Timer jitter can fire twice in one millisecond: one trade per instrument per instant.
    if (now === lastBeat) return;
    lastBeat = now;
    for (const [symbol, listeners] of subscribers) {
      const tick = tickAt(symbol, now);
      if (!tick) continue;
      for (const l of listeners) l(tick);
    }
  };

  let tickCache: { key: string; ticks: Float64Array } | undefined;
  const tickAt = (symbol: string, now: number): Tick | undefined => {
    const path = pathOf(symbol);
    const spec = path.spec;
    const minuteStart = now - (now % MINUTE_MS);
    const day = Math.floor(now / DAY_MS);
    const dp = path.dayPath(day);
    const i = minuteIndex(dp, minuteStart);
    if (i < 0) return undefined; // market closed
    const key = `${symbol}|${minuteStart}`;
    if (tickCache?.key !== key) tickCache = { key, ticks: minuteTicks(seed, symbol, dp, i, spec.instrument.tickSize) };
    const k = Math.min(TICKS_PER_MINUTE, Math.floor((now - minuteStart) / TICK_MS));
    const last = tickCache.ticks[k]!;
    const rng = createRng(seedOf(seed, symbol, 'book', now));
    const tickSize = spec.instrument.tickSize;
    const halfSpread = Math.max(tickSize, (last * spec.spreadBps) / 10_000 / 2 * (0.7 + 0.6 * rng.next()));
    const bid = Math.floor((last - halfSpread) / tickSize + 1e-9) * tickSize;
    const ask = Math.max(bid + tickSize, Math.ceil((last + halfSpread) / tickSize - 1e-9) * tickSize);
    const decimals = spec.instrument.pricePrecision;
    const lot = spec.instrument.lotStep;
    return {
      symbol,
      time: now,
      bid: Number(bid.toFixed(decimals)),
      ask: Number(ask.toFixed(decimals)),
      bidSize: roundToLot(spec.bookSize * Math.exp(0.5 * rng.normal()), lot),
      askSize: roundToLot(spec.bookSize * Math.exp(0.5 * rng.normal()), lot),
      last,
      lastSize: roundToLot((dp.volume[i]! / tradesPerMinute) * Math.exp(0.4 * rng.normal() - 0.08), lot),
    };
  };

  return {
    name: 'synthetic',
    instruments: () => instruments,
    history,
    historyStart: () => historyStart(),
    subscribe(symbols, onTick) {
      for (const symbol of symbols) {
        pathOf(symbol);
        let set = subscribers.get(symbol);
        if (!set) subscribers.set(symbol, (set = new Set()));
        set.add(onTick);
      }
      if (timer === undefined && subscribers.size > 0) timer = startInterval(emitTicks, 1000 / ticksPerSecond);
      return () => {
        for (const symbol of symbols) {
          const set = subscribers.get(symbol);
          set?.delete(onTick);
          if (set?.size === 0) subscribers.delete(symbol);
        }
        if (subscribers.size === 0 && timer !== undefined) {
          stopInterval(timer);
          timer = undefined;
        }
      };
    },
    close() {
      if (timer !== undefined) stopInterval(timer);
      timer = undefined;
      subscribers.clear();
    },
  };
}

function barAt(dp: DayPath, i: number): Bar {
  return { time: dp.time[i]!, open: dp.open[i]!, high: dp.high[i]!, low: dp.low[i]!, close: dp.close[i]!, volume: dp.volume[i]! };
}

/** Binary search of a minute start among a day's trading minutes; -1 when closed. */
function minuteIndex(dp: DayPath, minuteStart: number): number {
  let lo = 0;
  let hi = dp.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = dp.time[mid]!;
    if (t === minuteStart) return mid;
    if (t < minuteStart) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function roundToLot(value: number, lot: number): number {
  return Math.max(lot, roundToStep(value, lot));
}

/** Folds ascending 1m bars into a larger timeframe. */
export function aggregate(minutes: readonly Bar[], tf: Timeframe): Bar[] {
  const out: Bar[] = [];
  const span = TIMEFRAME_MS[tf];
  let current: Bar | undefined;
  for (const m of minutes) {
    const start = m.time - (m.time % span);
    if (!current || current.time !== start) {
      current = { time: start, open: m.open, high: m.high, low: m.low, close: m.close, volume: m.volume };
      out.push(current);
    } else {
      if (m.high > current.high) current.high = m.high;
      if (m.low < current.low) current.low = m.low;
      current.close = m.close;
      current.volume += m.volume;
    }
  }
  return out;
}
