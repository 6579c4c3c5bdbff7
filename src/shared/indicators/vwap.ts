import type { Bar } from '../market/bar';
import { DAY_MS } from '../market/timeframes';
import type { IndicatorCalculator } from './indicator';
import { calculatorFromSteps } from './steps';

const utcDay = (time: number): number => Math.floor(time / DAY_MS);
const typicalPrice = (bar: Bar): number => (bar.high + bar.low + bar.close) / 3;

/**
 * Volume-weighted average of the typical price (h + l + c) / 3, anchored to the UTC day: a bar
 * starting at or after 00:00:00.000 UTC starts a new sum. While the day has traded no volume the
 * value is the bar's typical price.
 */
export function createVwap(): IndicatorCalculator<number> {
  // Sums over the committed bars of UTC day `day`.
  let day = Number.NaN;
  let priceVolume = 0;
  let volume = 0;
  return calculatorFromSteps({
    evaluate(bar) {
      const sameDay = utcDay(bar.time) === day;
      const price = typicalPrice(bar);
      const totalVolume = (sameDay ? volume : 0) + bar.volume;
      return totalVolume > 0 ? ((sameDay ? priceVolume : 0) + price * bar.volume) / totalVolume : price;
    },
    commit(bar) {
      if (utcDay(bar.time) !== day) {
        day = utcDay(bar.time);
        priceVolume = 0;
        volume = 0;
      }
      priceVolume += typicalPrice(bar) * bar.volume;
      volume += bar.volume;
    },
  });
}
