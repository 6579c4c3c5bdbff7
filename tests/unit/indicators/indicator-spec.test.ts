import { describe, expect, it } from 'vitest';
import {
  computeAll,
  createCalculator,
  createMacd,
  INDICATOR_DEFAULTS,
  type IndicatorKind,
  indicatorLabel,
  indicatorSpecSchema,
  isOverlay,
} from '../../../src/shared/indicators';
import { randomWalkBars } from './fixtures';

// Sorted, so the expectations below do not depend on declaration order.
const KINDS = (Object.keys(INDICATOR_DEFAULTS) as IndicatorKind[]).sort();

describe('indicator specs', () => {
  it('fills in the usual defaults', () => {
    expect(indicatorSpecSchema.parse({ kind: 'sma' })).toEqual({ kind: 'sma', period: 20 });
    expect(indicatorSpecSchema.parse({ kind: 'ema' })).toEqual({ kind: 'ema', period: 50 });
    expect(indicatorSpecSchema.parse({ kind: 'bollinger' })).toEqual({ kind: 'bollinger', period: 20, stdDev: 2 });
    expect(indicatorSpecSchema.parse({ kind: 'rsi' })).toEqual({ kind: 'rsi', period: 14 });
    expect(indicatorSpecSchema.parse({ kind: 'macd' })).toEqual({ kind: 'macd', fast: 12, slow: 26, signal: 9 });
    expect(indicatorSpecSchema.parse({ kind: 'atr' })).toEqual({ kind: 'atr', period: 14 });
    expect(indicatorSpecSchema.parse({ kind: 'vwap' })).toEqual({ kind: 'vwap' });
    expect(indicatorSpecSchema.parse({ kind: 'macd', signal: 5 })).toEqual({ kind: 'macd', fast: 12, slow: 26, signal: 5 });
  });

  it('has a default spec for every kind, equal to parsing the bare kind', () => {
    expect(KINDS).toEqual(['atr', 'bollinger', 'ema', 'macd', 'rsi', 'sma', 'volume', 'vwap']);
    for (const kind of KINDS) expect(INDICATOR_DEFAULTS[kind]).toEqual(indicatorSpecSchema.parse({ kind }));
    expect(Object.isFrozen(INDICATOR_DEFAULTS.sma)).toBe(true);
  });

  it('rejects out-of-range parameters', () => {
    for (const bad of [
      { kind: 'sma', period: 0 },
      { kind: 'sma', period: 501 },
      { kind: 'ema', period: 2.5 },
      { kind: 'rsi', period: -14 },
      { kind: 'atr', period: '14' },
      { kind: 'bollinger', stdDev: 0.05 },
      { kind: 'bollinger', stdDev: 11 },
      { kind: 'macd', fast: 26, slow: 12 },
      { kind: 'macd', signal: 0 },
    ]) {
      expect(indicatorSpecSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(indicatorSpecSchema.safeParse({ kind: 'bollinger', period: 500, stdDev: 0.1 }).success).toBe(true);
  });

  it('rejects unknown or missing kinds', () => {
    expect(indicatorSpecSchema.safeParse({ kind: 'ichimoku' }).success).toBe(false);
    expect(indicatorSpecSchema.safeParse({ period: 20 }).success).toBe(false);
  });

  it('labels specs for the chart legend', () => {
    expect(KINDS.map((kind) => indicatorLabel(INDICATOR_DEFAULTS[kind]))).toEqual(['ATR 14', 'BB 20 2', 'EMA 50', 'MACD 12 26 9', 'RSI 14', 'SMA 20', 'Volume', 'VWAP']);
    expect(indicatorLabel({ kind: 'bollinger', period: 10, stdDev: 2.5 })).toBe('BB 10 2.5');
  });

  it('puts SMA, EMA, Bollinger and VWAP on the price pane and the rest below', () => {
    expect(KINDS.filter(isOverlay)).toEqual(['bollinger', 'ema', 'sma', 'vwap']);
  });

  it('creates the calculator a spec describes', () => {
    const bars = randomWalkBars(100);
    expect(computeAll(createCalculator({ kind: 'macd', fast: 5, slow: 10, signal: 3 }), bars)).toEqual(computeAll(createMacd({ fast: 5, slow: 10, signal: 3 }), bars));
    expect(computeAll(createCalculator(INDICATOR_DEFAULTS.volume), bars)).toEqual(bars.map((bar) => bar.volume));
    for (const kind of KINDS) {
      const values = computeAll(createCalculator(INDICATOR_DEFAULTS[kind]), bars);
      expect(values.some((value) => value !== null), kind).toBe(true);
    }
  });
});
