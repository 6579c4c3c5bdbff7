import { createEma } from '../../../shared/indicators/ema';
import { DAY_MS, HOUR_MS, TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, openReturn, perSymbol, type Decision, type Style } from './style';

export interface ScalpParams {
  kind: 'scalp';
  symbols: string[];
  timeframe: Timeframe;
  /** EMAs that set the short-term trend. */
  fast: number;
  slow: number;
  /** Take profit and stop, in basis points of the entry. */
  targetBps: number;
  stopBps: number;
  maxBars: number;
  /** Trades only from `fromHour` to `toHour` UTC (the liquid hours) and at most this often a day. */
  fromHour: number;
  toHour: number;
  maxTradesPerDay: number;
  weight: number;
  allowShort: boolean;
}

/**
 * Intraday pullback scalper: with the fast EMA above the slow one, buys a bar that dips below the
 * fast EMA and closes back above it (mirrored for shorts); small target, tight stop, a few bars
 * at most, never holds outside its hours.
 */
export function createScalper(p: ScalpParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const state = perSymbol(() => ({ fast: createEma({ period: p.fast }), slow: createEma({ period: p.slow }), day: -1, trades: 0 }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.slow + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const fast = s.fast.push(bar);
        const slow = s.slow.push(bar);
        const day = Math.floor(bar.time / DAY_MS);
        if (day !== s.day) {
          s.day = day;
          s.trades = 0;
        }
        const hour = (bar.closeTime - day * DAY_MS) / HOUR_MS;
        const inHours = hour > p.fromHour && hour <= p.toHour && !bar.lastOfDay;
        const h = view.holding(bar.symbol);
        if (h.qty !== 0) {
          const r = openReturn(h, bar.close) * 10_000;
          if (!inHours || r >= p.targetBps || r <= -p.stopBps || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
          continue;
        }
        if (!inHours || fast === null || slow === null || s.trades >= p.maxTradesPerDay) continue;
        if (fast > slow && bar.low < fast && bar.close > fast && bar.close > bar.open) {
          out.push({ symbol: bar.symbol, weight: p.weight });
          s.trades++;
        } else if (p.allowShort && fast < slow && bar.high > fast && bar.close < fast && bar.close < bar.open) {
          out.push({ symbol: bar.symbol, weight: -p.weight });
          s.trades++;
        }
      }
      return out;
    },
  };
}
