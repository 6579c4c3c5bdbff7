import type { AssetClass } from '../../shared/market/instrument';
import { roundToStep } from '../../shared/numbers/steps';
import type { SyntheticSpec } from '../market/synthetic/synthetic-instruments';

/** A retail account, or a high-volume one with the lower tiers day traders negotiate. */
export type FeeTier = 'retail' | 'pro';

/** Commission per asset class in basis points of the traded value, and a minimum per fill (USD). */
const FEES: Readonly<Record<FeeTier, Readonly<Record<AssetClass, { bps: number; min: number }>>>> = {
  retail: { crypto: { bps: 7.5, min: 0 }, stock: { bps: 0.5, min: 1 }, fx: { bps: 0.25, min: 0 }, index: { bps: 0.5, min: 0 } },
  pro: { crypto: { bps: 1.5, min: 0 }, stock: { bps: 0.2, min: 0.35 }, fx: { bps: 0.1, min: 0 }, index: { bps: 0.2, min: 0 } },
};

/**
 * Overnight swap a long FX position earns per year (a short pays it), from the rate gap between
 * the two currencies. It is P&L, credited at each UTC day end: what FX carry traders live on.
 */
const LONG_SWAP: Readonly<Record<string, number>> = {
  'EUR/USD': -0.018,
  'GBP/USD': 0.006,
};

/**
 * The price a market order at `reference` gets: half the instrument's usual spread plus a little
 * slippage (`slipBps`), against the trader, on the tick grid.
 */
export function executionPrice(spec: SyntheticSpec, side: 'buy' | 'sell', reference: number, slipBps: number): number {
  const away = ((spec.spreadBps / 2 + Math.max(0, slipBps)) / 10_000) * reference;
  const tick = spec.instrument.tickSize;
  const price = side === 'buy' ? roundToStep(reference + away, tick, 'up') : roundToStep(reference - away, tick, 'down');
  return Math.max(tick, price);
}

/** Commission of a fill in the account currency, rounded to the cent. */
export function commission(tier: FeeTier, assetClass: AssetClass, accountValue: number): number {
  const f = FEES[tier][assetClass];
  return roundToStep(Math.max(f.min, (Math.abs(accountValue) * f.bps) / 10_000), 0.01);
}

/** Annual swap rate a long position in `symbol` earns (0 where none applies). */
export function longSwapRate(symbol: string): number {
  return LONG_SWAP[symbol] ?? 0;
}
