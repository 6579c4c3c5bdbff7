import { expect } from 'vitest';
import type { Bar } from '../../../src/shared/market/bar';
import { computeAll, type IndicatorCalculator } from '../../../src/shared/indicators';

const MINUTE = 60_000;

/** A seeded PRNG (mulberry32) so a failing series can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * A random walk of 15-minute bars from 2024-03-09 20:00 UTC, so it crosses several UTC midnights.
 * Prices are whole cents (so closes repeat now and then), about one bar in 20 has no volume.
 */
export function randomWalkBars(count = 500, seed = 42, startPrice = 100): Bar[] {
  const random = seededRandom(seed);
  const bars: Bar[] = [];
  let close = startPrice;
  let time = Date.UTC(2024, 2, 9, 20);
  for (let i = 0; i < count; i++) {
    const open = cents(close + (random() - 0.5) * startPrice * 0.002);
    close = cents(open * (1 + (random() - 0.5) * 0.02));
    const high = cents(Math.max(open, close) + random() * startPrice * 0.005);
    const low = cents(Math.min(open, close) - random() * startPrice * 0.005);
    const volume = random() < 0.05 ? 0 : Math.round(random() * 1000);
    bars.push({ time, open, high, low, close, volume });
    time += 15 * MINUTE;
  }
  return bars;
}

/** Hourly bars with the given closes (open = previous close, high/low = the body). */
export function barsFromCloses(closes: readonly number[]): Bar[] {
  return closes.map((close, i) => {
    const open = closes[i - 1] ?? close;
    return { time: Date.UTC(2024, 0, 1, i), open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 };
  });
}

/**
 * The five states a forming bar goes through before it closes as `final`: it opens flat, wanders,
 * and the fifth update is `final` itself.
 */
export function formingStates(final: Bar, random: () => number): Bar[] {
  const states: Bar[] = [];
  for (let k = 1; k < 5; k++) {
    const close = cents(final.low + (final.high - final.low) * random());
    states.push({
      time: final.time,
      open: final.open,
      high: Math.max(final.open, close),
      low: Math.min(final.open, close),
      close,
      volume: Math.round((final.volume * k) / 5),
    });
  }
  states.push(final);
  return states;
}

/** What a live chart sees: each bar is pushed as it opens, then updated five times until it closes. */
export function replayLive<Out>(calc: IndicatorCalculator<Out>, bars: readonly Bar[], seed = 7): { final: (Out | null)[]; forming: { index: number; bar: Bar; value: Out | null }[] } {
  const random = seededRandom(seed);
  const final: (Out | null)[] = [];
  const forming: { index: number; bar: Bar; value: Out | null }[] = [];
  bars.forEach((bar, index) => {
    const opening: Bar = { ...bar, high: bar.open, low: bar.open, close: bar.open, volume: 0 };
    forming.push({ index, bar: opening, value: calc.push(opening) });
    const states = formingStates(bar, random);
    let value: Out | null = null;
    for (const state of states) {
      value = calc.updateLast(state);
      forming.push({ index, bar: state, value });
    }
    final.push(value);
  });
  return { final, forming };
}

/** Fresh batch computation of the value for `bar` following `history`. */
export function valueAfter<Out>(create: () => IndicatorCalculator<Out>, history: readonly Bar[], bar: Bar): Out | null {
  return computeAll(create(), [...history, bar]).at(-1) ?? null;
}

// Relative, with an absolute floor of 1e-9 where values cross zero (MACD histogram).
const TOLERANCE = 1e-9;

function expectNear(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    const error = Math.abs((actual as number) - expected);
    expect(error, `${where}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual, where).toBeTypeOf('object');
    expect(actual, where).not.toBeNull();
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectNear((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else {
    expect(actual, where).toBe(expected);
  }
}

/** Asserts two series agree bar by bar: the same nulls, numbers within 1e-9 relative. */
export function expectSeriesNear(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expectNear(actual[i], value, `bar ${i}`));
}
