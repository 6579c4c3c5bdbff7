import { floorTo, fromNumber, max, toNumber } from './decimal';
import type { MatchingEngine } from './matching-engine';
import { seededRandom } from './random';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A gentle random walk of prints for demos and end-to-end runs: every interval each symbol
 * trades a little away from its last price (about three times its daily volatility, scaled
 * to the interval, so charts visibly move).
 */
export class Ticker {
  private timer: NodeJS.Timeout | undefined;
  private readonly random: () => number;

  constructor(
    private readonly engine: MatchingEngine,
    seed: number,
  ) {
    this.random = seededRandom(seed ^ 0x5eed);
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.step(intervalMs), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of prints (also what the timer does). */
  step(intervalMs: number): void {
    for (const spec of this.engine.symbols()) {
      const last = toNumber(this.engine.lastPrice(spec.symbol));
      const sigma = spec.dailyVolatility * Math.sqrt(intervalMs / DAY) * 3;
      const next = last * Math.exp(sigma * this.gaussian());
      const qty = max(spec.minQty, floorTo(fromNumber((toNumber(spec.defaultTradeQty) * (0.2 + 2 * this.random()))), spec.stepSize));
      this.engine.marketTrade(spec.symbol, fromNumber(next, spec.tickSize), qty);
    }
  }

  private gaussian(): number {
    const u = Math.max(this.random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }
}
