import { gridRounder } from '../../../shared/numbers/steps';
import { createRng, seedOf } from './prng';
import type { DayPath } from './market-path';

export const TICKS_PER_MINUTE = 1200;

/**
 * Trade prices inside one minute: a Brownian bridge from the minute's open to its close with the
 * minute's volatility, so live ticks land exactly on the history's closes. Prices on the tick grid.
 */
export function minuteTicks(seed: number, symbol: string, path: DayPath, index: number, tickSize: number): Float64Array {
  const n = TICKS_PER_MINUTE;
  const rng = createRng(seedOf(seed, symbol, 'ticks', path.day, index));
  const sigma = path.minuteSigma[index]! / Math.sqrt(n);
  const walk = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) walk[k] = walk[k - 1]! + sigma * rng.normal();
  const logOpen = Math.log(path.open[index]!);
  const drift = Math.log(path.close[index]!) - logOpen;
  const end = walk[n]!;
  const round = gridRounder(tickSize);
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    const f = k / n;
    out[k] = round(Math.exp(logOpen + f * drift + walk[k]! - f * end));
  }
  return out;
}
