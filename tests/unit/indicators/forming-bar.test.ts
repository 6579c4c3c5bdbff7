import { describe, expect, it } from 'vitest';
import {
  computeAll,
  createAtr,
  createBollinger,
  createCalculator,
  createEma,
  createHeikinAshi,
  createMacd,
  createRsi,
  createSma,
  createVolume,
  createVwap,
  type IndicatorCalculator,
} from '../../../src/shared/indicators';
import { randomWalkBars, replayLive, valueAfter } from './fixtures';

const cases: { name: string; create: () => IndicatorCalculator<unknown> }[] = [
  { name: 'SMA 20', create: () => createSma({ period: 20 }) },
  { name: 'SMA 1', create: () => createSma({ period: 1 }) },
  { name: 'EMA 50', create: () => createEma({ period: 50 }) },
  { name: 'Bollinger 20 2', create: () => createBollinger({ period: 20, stdDev: 2 }) },
  { name: 'VWAP', create: () => createVwap() },
  { name: 'RSI 14', create: () => createRsi({ period: 14 }) },
  { name: 'MACD 12 26 9', create: () => createMacd({ fast: 12, slow: 26, signal: 9 }) },
  { name: 'ATR 14', create: () => createAtr({ period: 14 }) },
  { name: 'Heikin-Ashi', create: () => createHeikinAshi() },
  { name: 'Volume', create: () => createVolume() },
];

describe.each(cases)('$name while a bar forms', ({ create }) => {
  const bars = randomWalkBars();

  it('ends every bar exactly where pushing its final values would', () => {
    expect(replayLive(create(), bars).final).toEqual(computeAll(create(), bars));
  });

  it('gives for each intermediate state exactly what a fresh computation gives', () => {
    const { forming } = replayLive(create(), bars);
    // Every 13th state, so opening bars and all five updates are covered without an O(n²) run.
    for (const { index, bar, value } of forming.filter((_, i) => i % 13 === 0)) {
      expect(value, `bar ${index}`).toEqual(valueAfter(create, bars.slice(0, index), bar));
    }
  });
});

describe('the calculator contract', () => {
  it('treats updateLast before any push as a push', () => {
    const [first, second] = randomWalkBars(2);
    const calc = createSma({ period: 2 });
    expect(calc.updateLast(first!)).toBeNull();
    expect(calc.push(second!)).toBe((first!.close + second!.close) / 2);
  });

  it('is not affected when the caller mutates a bar it has pushed', () => {
    const bars = randomWalkBars(30);
    const calc = createEma({ period: 5 });
    const values = structuredClone(bars).map((bar) => {
      const value = calc.push(bar);
      bar.close += 1_000; // a caller recycling its bar object
      return value;
    });
    expect(values).toEqual(computeAll(createEma({ period: 5 }), bars));
  });

  it('computeAll gives one value per bar', () => {
    const bars = randomWalkBars(40);
    expect(computeAll(createCalculator({ kind: 'rsi', period: 14 }), bars)).toHaveLength(40);
  });
});
