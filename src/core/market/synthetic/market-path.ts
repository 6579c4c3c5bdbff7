import { isMarketOpen } from '../../../shared/market/trading-hours';
import { gridRounder } from '../../../shared/numbers/steps';
import { createRng, seedOf } from './prng';
import type { SyntheticSpec } from './synthetic-instruments';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
/** The price path starts here (UTC day index), so history is the same whatever the start date. */
export const ANCHOR_DAY = Date.UTC(2024, 0, 1) / DAY_MS;
const SLOT_MIN = 15;
const SUBSTEPS = 4;

/** The 1m bars of one UTC day (trading minutes only), as parallel arrays. */
export interface DayPath {
  day: number;
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Per-minute log-price standard deviation, for the tick bridge inside a minute. */
  minuteSigma: Float64Array;
}

export interface MarketPath {
  readonly spec: SyntheticSpec;
  /** Minute-of-day indices (0…1439) during which the instrument trades on `day`. */
  tradingMinutes(day: number): Int16Array;
  /** Close of the last trading minute of `day` (carried forward over closed days). */
  dayClose(day: number): number;
  dayPath(day: number): DayPath;
  /** The whole day as one bar (undefined on a closed day); cached, so daily history is cheap. */
  dayBar(day: number): { open: number; high: number; low: number; close: number; volume: number } | undefined;
}

/** Trading minutes per (hours, day), shared by instruments with the same hours. */
const minuteCache = new Map<string, Int16Array>();

function tradingMinutesOf(spec: SyntheticSpec, day: number): Int16Array {
  const hours = spec.instrument.tradingHours;
  if (hours.kind === 'always') return ALL_MINUTES;
  const key = `${JSON.stringify(hours)}|${day}`;
  const hit = minuteCache.get(key);
  if (hit) return hit;
  // Every session boundary we model falls on a quarter hour in UTC, so 96 checks a day suffice.
  const minutes: number[] = [];
  for (let slot = 0; slot < 1440 / SLOT_MIN; slot++) {
    if (!isMarketOpen(hours, day * DAY_MS + slot * SLOT_MIN * MINUTE_MS)) continue;
    for (let m = 0; m < SLOT_MIN; m++) minutes.push(slot * SLOT_MIN + m);
  }
  const result = Int16Array.from(minutes);
  if (minuteCache.size > 20_000) minuteCache.clear();
  minuteCache.set(key, result);
  return result;
}

const ALL_MINUTES = Int16Array.from({ length: 1440 }, (_, i) => i);

/** Activity by UTC minute of day for 24 h markets: Asia, the European open, the US session. */
const DAY_SHAPE = Float64Array.from({ length: 1440 }, (_, m) => {
  const h = m / 60;
  return 0.55 + 0.2 * Math.exp(-(((h - 1.5) / 2) ** 2)) + 0.5 * Math.exp(-(((h - 8.5) / 2.5) ** 2)) + 0.9 * Math.exp(-(((h - 15) / 2.5) ** 2));
});

/** Intraday variance and volume shape: U-shaped over a stock session, by UTC hour otherwise. */
function seasonality(spec: SyntheticSpec, minuteOfDay: number, sessionProgress: number, weekday: number, out: { variance: number; volume: number }): void {
  if (spec.instrument.assetClass === 'stock') {
    const u = (2 * sessionProgress - 1) ** 2;
    out.variance = 0.6 + 1.4 * u;
    out.volume = 0.45 + 2.4 * u * u;
    return;
  }
  const shape = DAY_SHAPE[minuteOfDay]!;
  const weekend = spec.instrument.assetClass === 'crypto' && weekday >= 6 ? 0.7 : 1;
  out.variance = shape * weekend;
  out.volume = shape * shape * weekend;
}

export function createMarketPath(spec: SyntheticSpec, seed: number): MarketPath {
  const symbol = spec.instrument.symbol;
  const closes: number[] = [];
  const logVols: number[] = [];
  const roundPrice = gridRounder(spec.instrument.tickSize);
  const roundLot = gridRounder(spec.instrument.lotStep);
  const cache = new Map<number, DayPath>();
  const dayBars = new Map<number, { open: number; high: number; low: number; close: number; volume: number } | undefined>();

  /** Extends the daily skeleton (closes and volatility regime) up to `day`. */
  const extendTo = (day: number): void => {
    for (let d = ANCHOR_DAY + closes.length; d <= day; d++) {
      const rng = createRng(seedOf(seed, symbol, 'day', d));
      const prevClose = closes.at(-1) ?? spec.referencePrice;
      const prevLogVol = logVols.at(-1) ?? 0;
      const logVol = 0.9 * prevLogVol + spec.volOfVol * Math.sqrt(1 - 0.81) * rng.normal();
      logVols.push(logVol);
      const minutes = tradingMinutesOf(spec, d).length;
      if (minutes === 0) {
        closes.push(prevClose);
        continue;
      }
      const share = minutes / spec.annualMinutes;
      const sigma = spec.vol * Math.exp(logVol - (spec.volOfVol * spec.volOfVol) / 2) * Math.sqrt(share);
      // Mild pull towards the reference level keeps years of history in a plausible range.
      const reversion = -0.8 * Math.log(prevClose / spec.referencePrice) * share;
      const jump = rng.next() < spec.jumpsPerYear * share ? spec.jumpSize * rng.normal() : 0;
      closes.push(prevClose * Math.exp(reversion - (sigma * sigma) / 2 + sigma * rng.normal() + jump));
    }
  };

  const dayClose = (day: number): number => {
    if (day < ANCHOR_DAY) return spec.referencePrice;
    extendTo(day);
    return closes[day - ANCHOR_DAY]!;
  };

  const build = (day: number): DayPath => {
    const minutes = tradingMinutesOf(spec, day);
    const n = minutes.length;
    const out: DayPath = {
      day,
      length: n,
      time: new Float64Array(n),
      open: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      close: new Float64Array(n),
      volume: new Float64Array(n),
      minuteSigma: new Float64Array(n),
    };
    if (n === 0) return out;
    const open = dayClose(day - 1);
    const target = dayClose(day);
    const dayVolFactor = Math.exp((logVols[day - ANCHOR_DAY] ?? 0) - (spec.volOfVol * spec.volOfVol) / 2);
    const sigmaDay = spec.vol * dayVolFactor * Math.sqrt(n / spec.annualMinutes);
    const rng = createRng(seedOf(seed, symbol, 'intraday', day));
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    const hasGap = spec.instrument.tradingHours.kind === 'sessions';

    // Variance weights per substep (plus a leading overnight-gap step for session markets).
    const steps = 1 + n * SUBSTEPS;
    const weight = new Float64Array(steps);
    const volumeShape = new Float64Array(n);
    // Volatility clusters: an AR(1) on log-variance, minute by minute.
    let cluster = 0;
    let sumW = 0;
    const s = { variance: 1, volume: 1 };
    for (let i = 0; i < n; i++) {
      seasonality(spec, minutes[i]!, (i + 0.5) / n, weekday, s);
      volumeShape[i] = s.volume;
      cluster = 0.98 * cluster + 0.08 * rng.normal();
      const w = s.variance * Math.exp(cluster);
      for (let k = 0; k < SUBSTEPS; k++) weight[1 + i * SUBSTEPS + k] = w;
      sumW += w * SUBSTEPS;
    }
    if (hasGap) {
      weight[0] = (0.3 / 0.7) * sumW;
      sumW += weight[0];
    }

    // Brownian path with those variances (and rare jumps), pinned to the day's close (a bridge).
    const x = new Float64Array(steps + 1);
    const cumW = new Float64Array(steps + 1);
    const jumpChance = (spec.jumpsPerYear / spec.annualMinutes) * 0.5;
    for (let k = 0; k < steps; k++) {
      const v = (sigmaDay * sigmaDay * weight[k]!) / sumW;
      let inc = Math.sqrt(v) * rng.normal();
      if (k > 0 && (k - 1) % SUBSTEPS === 0 && rng.next() < jumpChance) inc += spec.jumpSize * 0.4 * rng.normal();
      x[k + 1] = x[k]! + inc;
      cumW[k + 1] = cumW[k]! + weight[k]!;
    }
    const logOpen = Math.log(open);
    const drift = Math.log(target) - logOpen;
    const xN = x[steps]!;
    const prices = new Float64Array(steps + 1);
    for (let k = 0; k <= steps; k++) {
      const f = cumW[k]! / sumW;
      prices[k] = Math.exp(logOpen + f * drift + (x[k]! - f * xN));
    }
    const price = (k: number): number => prices[k]!;

    const minuteVarMean = (sigmaDay * sigmaDay) / n;
    let volumeScale = 0;
    for (let i = 0; i < n; i++) volumeScale += volumeShape[i]!;
    volumeScale = n / volumeScale;
    for (let i = 0; i < n; i++) {
      const first = 1 + i * SUBSTEPS;
      const o = price(first);
      let hi = o;
      let lo = o;
      let c = o;
      for (let k = 1; k <= SUBSTEPS; k++) {
        c = price(first + k);
        if (c > hi) hi = c;
        if (c < lo) lo = c;
      }
      out.time[i] = day * DAY_MS + minutes[i]! * MINUTE_MS;
      out.open[i] = roundPrice(o);
      out.close[i] = roundPrice(c);
      out.high[i] = Math.max(roundPrice(hi), out.open[i]!, out.close[i]!);
      out.low[i] = Math.min(roundPrice(lo), out.open[i]!, out.close[i]!);
      let minuteVar = 0;
      for (let k = 0; k < SUBSTEPS; k++) minuteVar += (sigmaDay * sigmaDay * weight[first + k]!) / sumW;
      out.minuteSigma[i] = Math.sqrt(minuteVar);
      const move = Math.abs(Math.log(c / o)) / Math.sqrt(minuteVarMean);
      const v = spec.minuteVolume * volumeShape[i]! * volumeScale * Math.exp(0.6 * rng.normal() - 0.18) * (0.6 + 0.4 * move);
      out.volume[i] = Math.max(spec.instrument.lotStep, roundLot(v));
    }
    return out;
  };

  return {
    spec,
    tradingMinutes: (day) => tradingMinutesOf(spec, day),
    dayClose,
    dayPath(day) {
      const hit = cache.get(day);
      if (hit) {
        // Least recently used goes first: re-insert on use.
        cache.delete(day);
        cache.set(day, hit);
        return hit;
      }
      const path = build(day);
      // A handful of days is what a live session and a chart scrolling back touch at once.
      if (cache.size >= 12) cache.delete(cache.keys().next().value!);
      cache.set(day, path);
      return path;
    },
    dayBar(day) {
      if (dayBars.has(day)) return dayBars.get(day);
      const p = cache.get(day) ?? build(day);
      let bar: { open: number; high: number; low: number; close: number; volume: number } | undefined;
      if (p.length > 0) {
        bar = { open: p.open[0]!, high: -Infinity, low: Infinity, close: p.close[p.length - 1]!, volume: 0 };
        for (let i = 0; i < p.length; i++) {
          if (p.high[i]! > bar.high) bar.high = p.high[i]!;
          if (p.low[i]! < bar.low) bar.low = p.low[i]!;
          bar.volume += p.volume[i]!;
        }
        bar.volume = roundLot(bar.volume);
      }
      dayBars.set(day, bar);
      return bar;
    },
  };
}
