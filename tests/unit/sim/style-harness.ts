import { createRng } from '../../../src/core/market/synthetic/prng';
import type { HoldingView } from '../../../src/core/sim/sim-account';
import type { SimBar } from '../../../src/core/sim/sim-market';
import type { Decision, Style } from '../../../src/core/sim/styles/style';
import { TIMEFRAME_MS, type Timeframe } from '../../../src/shared/market/timeframes';

/** 2026-03-02 00:00 UTC, a Monday. */
export const START = Date.UTC(2026, 2, 2);

export interface BarInput {
  close: number;
  open?: number;
  high?: number;
  low?: number;
  lastOfDay?: boolean;
}

/** Hand-made bars of one symbol, one per timeframe period from `start`. */
export function makeBars(symbol: string, inputs: ReadonlyArray<number | BarInput>, tf: Timeframe = '1D', start = START): SimBar[] {
  const span = TIMEFRAME_MS[tf];
  let prev: number | undefined;
  return inputs.map((raw, i) => {
    const b = typeof raw === 'number' ? { close: raw } : raw;
    const open = b.open ?? prev ?? b.close;
    prev = b.close;
    const time = start + i * span;
    return {
      symbol,
      time,
      open,
      high: b.high ?? Math.max(open, b.close),
      low: b.low ?? Math.min(open, b.close),
      close: b.close,
      volume: 1,
      closeTime: time + span,
      fillTime: time + span - 1000,
      lastOfDay: b.lastOfDay ?? tf === '1D',
    };
  });
}

/** What a style did at one moment, and the weights held after it. */
export interface Step {
  bars: SimBar[];
  decisions: Decision[];
  held: Record<string, number>;
}

/**
 * Feeds bars to a style one moment at a time and keeps its holdings as a perfect executor would
 * (fills at the close, the whole weight, flips and closes as decided), so decision logic can be
 * checked on its own.
 */
export function drive(style: Style, ...series: ReadonlyArray<readonly SimBar[]>): Step[] {
  const holdings = new Map<string, HoldingView>();
  const holding = (s: string): HoldingView => holdings.get(s) ?? { qty: 0, avgPrice: null, openedAt: null };
  const steps: Step[] = [];
  const length = Math.max(...series.map((s) => s.length));
  for (let i = 0; i < length; i++) {
    const bars = series.map((s) => s[i]).filter((b): b is SimBar => b !== undefined);
    const decisions = style.onBars(bars, { holding, rng: createRng(i + 1) });
    for (const d of decisions) {
      const bar = bars.find((b) => b.symbol === d.symbol)!;
      const want = Math.sign(d.weight);
      if (want === Math.sign(holding(d.symbol).qty)) continue;
      holdings.set(d.symbol, want === 0 ? { qty: 0, avgPrice: null, openedAt: null } : { qty: d.weight, avgPrice: bar.close, openedAt: bar.fillTime });
    }
    steps.push({ bars, decisions, held: Object.fromEntries([...holdings].map(([s, h]) => [s, h.qty])) });
  }
  return steps;
}

/** The weight held in `symbol` after each moment. */
export const heldSeries = (steps: readonly Step[], symbol: string): number[] => steps.map((s) => s.held[symbol] ?? 0);
