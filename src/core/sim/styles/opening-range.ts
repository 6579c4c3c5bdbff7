import { DAY_MS, type Timeframe } from '../../../shared/market/timeframes';
import { openReturn, perSymbol, type Decision, type Style } from './style';

export interface OpeningRangeParams {
  kind: 'orb';
  /** Session instruments (stocks): the range is the session's first bars. */
  symbols: string[];
  timeframe: Timeframe;
  /** Bars that make the opening range. */
  rangeBars: number;
  /** Target as a multiple of the range's height. */
  targetR: number;
  /** Skip days whose range is wider than this fraction of the price (too wild to trade). */
  maxRangePct: number;
  weight: number;
  allowShort: boolean;
}

/**
 * Opening-range breakout day trading: marks the high and low of the first bars of the session,
 * trades a close beyond them once a day, stops at the other side, and is flat by the close.
 */
export function createOpeningRange(p: OpeningRangeParams): Style {
  const state = perSymbol(() => ({ day: -1, bars: 0, high: 0, low: 0, traded: false }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.rangeBars,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const day = Math.floor(bar.time / DAY_MS);
        if (day !== s.day) Object.assign(s, { day, bars: 0, high: bar.high, low: bar.low, traded: false });
        s.bars++;
        const h = view.holding(bar.symbol);
        if (s.bars <= p.rangeBars) {
          s.high = Math.max(s.high, bar.high);
          s.low = Math.min(s.low, bar.low);
          if (h.qty !== 0) out.push({ symbol: bar.symbol, weight: 0 });
          continue;
        }
        const height = s.high - s.low;
        if (h.qty !== 0) {
          const stopped = h.qty > 0 ? bar.close < s.low : bar.close > s.high;
          const done = openReturn(h, bar.close) * (h.avgPrice ?? bar.close) >= p.targetR * height;
          if (bar.lastOfDay || stopped || done) out.push({ symbol: bar.symbol, weight: 0 });
          continue;
        }
        if (s.traded || bar.lastOfDay || height <= 0 || height / bar.close > p.maxRangePct) continue;
        if (bar.close > s.high) {
          out.push({ symbol: bar.symbol, weight: p.weight });
          s.traded = true;
        } else if (p.allowShort && bar.close < s.low) {
          out.push({ symbol: bar.symbol, weight: -p.weight });
          s.traded = true;
        }
      }
      return out;
    },
  };
}
