import type { Timeframe } from '../../../shared/market/timeframes';
import { openReturn, type Decision, type Style } from './style';

export interface MartingaleParams {
  kind: 'martingale';
  symbol: string;
  timeframe: Timeframe;
  /** First bet as a fraction of equity; each loss multiplies the next bet by `factor`… */
  baseWeight: number;
  factor: number;
  /** …up to `maxSteps` doublings, after which the streak is written off and it starts over. */
  maxSteps: number;
  /** Symmetric take-profit and stop, as a price move. */
  takePct: number;
  stopPct: number;
}

/**
 * The reckless martingale: always in the market in the direction of the last bar, doubling the
 * size after every loss to win it all back with one winner. Works until it does not.
 */
export function createMartingale(p: MartingaleParams): Style {
  let steps = 0;
  let prevClose: number | undefined;
  return {
    timeframe: p.timeframe,
    symbols: [p.symbol],
    warmupBars: 2,
    onBars(bars, view) {
      const bar = bars.find((b) => b.symbol === p.symbol);
      if (!bar) return [];
      const out: Decision[] = [];
      const h = view.holding(p.symbol);
      if (h.qty !== 0) {
        const r = openReturn(h, bar.close);
        if (r >= p.takePct) {
          steps = 0;
          out.push({ symbol: p.symbol, weight: 0 });
        } else if (r <= -p.stopPct) {
          steps = steps >= p.maxSteps ? 0 : steps + 1;
          out.push({ symbol: p.symbol, weight: 0 });
        }
      } else if (prevClose !== undefined && bar.close !== prevClose) {
        const direction = bar.close > prevClose ? 1 : -1;
        out.push({ symbol: p.symbol, weight: direction * p.baseWeight * p.factor ** steps });
      }
      prevClose = bar.close;
      return out;
    },
  };
}
