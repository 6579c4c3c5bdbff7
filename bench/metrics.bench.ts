import type { Benchmark } from './bench-types';
import { computeStrategyMetrics, DAY_MS, utcDayFromIndex, type DailyPoint, type MetricFill } from '../src/shared/metrics';

const DAYS = 730;
const TRIPS = 10_000;
const SYMBOLS = 20;

/** Deterministic pseudo-random in [0, 1) (mulberry32), so every run measures the same input. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two years of daily points and the fills of 10,000 closed round trips over 20 symbols: each trip
 * scales in with one or two fills and out with one to three, paying fees or taking the odd rebate.
 */
function strategyInput(): { days: DailyPoint[]; fills: MetricFill[] } {
  const rnd = random(7);
  const first = Math.floor(Date.UTC(2024, 0, 1) / DAY_MS);
  const days: DailyPoint[] = [];
  let equity = 100_000;
  for (let d = 0; d <= DAYS; d++) {
    const flow = d > 0 && d % 97 === 0 ? 5_000 : 0;
    equity = equity * (1 + (rnd() - 0.48) * 0.03) + flow;
    days.push({ day: utcDayFromIndex(first + d), equity, flow, grossExposure: equity * rnd() * 6 });
  }
  const fills: MetricFill[] = [];
  const span = DAYS * DAY_MS;
  const start = first * DAY_MS + DAY_MS;
  for (let i = 0; i < TRIPS; i++) {
    const symbol = `SYM${i % SYMBOLS}`;
    // Trips of one symbol follow each other in time: slot i / SYMBOLS of that symbol's timeline.
    const slot = span / (TRIPS / SYMBOLS);
    const t0 = start + Math.floor(i / SYMBOLS) * slot + (i % SYMBOLS);
    const price = 100 + rnd() * 20;
    const long = rnd() < 0.6;
    const open = long ? 'buy' : 'sell';
    const close = long ? 'sell' : 'buy';
    const q1 = 1 + Math.floor(rnd() * 5);
    const q2 = rnd() < 0.5 ? 1 + Math.floor(rnd() * 3) : 0;
    const fee = rnd() < 0.1 ? -0.05 : 0.2;
    fills.push({ symbol, side: open, qty: q1, price, fee, time: t0, lotStep: 1 });
    if (q2 > 0) fills.push({ symbol, side: open, qty: q2, price: price * (1 + (rnd() - 0.5) * 0.01), fee, time: t0 + slot * 0.2, lotStep: 1 });
    let left = q1 + q2;
    let t = t0 + slot * 0.4;
    while (left > 0) {
      const q = left > 1 && rnd() < 0.5 ? Math.ceil(left / 2) : left;
      fills.push({ symbol, side: close, qty: q, price: price * (1 + (rnd() - 0.45) * 0.04), fee, time: Math.floor(t), lotStep: 1 });
      left -= q;
      t += slot * 0.15;
    }
  }
  fills.sort((a, b) => a.time - b.time);
  return { days, fills };
}

/** One strategy's full recomputation as the hub does it: 2 years of days, 10,000 round trips, 5 periods. */
export const metricsRecomputeOne: Benchmark = {
  name: 'metrics.recompute_one',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 10 },
  async run() {
    const input = strategyInput();
    const check = computeStrategyMetrics(input);
    if (check.closedTrips !== TRIPS || check.openTrips !== 0) throw new Error(`expected ${TRIPS} closed trips, got ${check.closedTrips} (+${check.openTrips} open)`);
    for (let i = 0; i < 20; i++) computeStrategyMetrics(input); // warm-up: let the JIT settle
    const samples: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      computeStrategyMetrics(input);
      samples.push(performance.now() - t0);
    }
    return samples;
  },
};
