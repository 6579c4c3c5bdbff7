import type { Quote } from '../../../../shared/contract';
import { roundToStep } from '../../../../shared/numbers/steps';
import { takesLimitPrice, takesStopPrice, type OrderType, type Side } from '../../../../shared/trading/order';

/**
 * Units an amount of money buys at `price`, rounded DOWN to the lot step so the order never
 * spends more than the trader typed. 0 when the price is unknown.
 */
export function notionalToUnits(notional: number, price: number, lotStep: number): number {
  if (!(notional > 0) || !(price > 0) || !Number.isFinite(notional) || !Number.isFinite(price)) return 0;
  return roundToStep(notional / price, lotStep, 'down');
}

/** A price moved by `ticks` ticks, snapped to the tick grid (arrow keys in price fields). */
export function stepPrice(value: number, tickSize: number, ticks: number): number {
  const next = roundToStep(value + ticks * tickSize, tickSize);
  return next > 0 ? next : tickSize;
}

/**
 * The price an order is valued at before it fills, as the core's risk check values it: its limit,
 * else its stop, else the side of the book a market order would take.
 */
export function referencePrice(type: OrderType, side: Side, price: number | undefined, stopPrice: number | undefined, quote: Quote | undefined): number | undefined {
  if (takesLimitPrice(type) && price !== undefined) return price;
  if (takesStopPrice(type) && stopPrice !== undefined) return stopPrice;
  if (!quote) return undefined;
  const touch = side === 'buy' ? quote.ask : quote.bid;
  return touch > 0 ? touch : quote.last;
}

/** Fee in the value's currency for a rate in basis points. */
export function estimateFee(value: number, feeBps: number): number {
  return (value * feeBps) / 10_000;
}

export interface RiskReward {
  /** Loss per unit if the stop loss fills (positive), or null without a stop loss. */
  risk: number | null;
  /** Gain per unit if the take profit fills (positive), or null without one. */
  reward: number | null;
  /** reward ÷ risk, or null when either is missing. */
  ratio: number | null;
  /** Why the bracket cannot work as given (a stop loss on the wrong side of the entry…). */
  problem: string | null;
}

/** Risk and reward per unit of a bracket around `entry`, and their ratio. */
export function riskReward(side: Side, entry: number | undefined, stopLoss: number | undefined, takeProfit: number | undefined): RiskReward {
  const none: RiskReward = { risk: null, reward: null, ratio: null, problem: null };
  if (entry === undefined || !(entry > 0)) return none;
  const dir = side === 'buy' ? 1 : -1;
  const risk = stopLoss === undefined ? null : dir * (entry - stopLoss);
  const reward = takeProfit === undefined ? null : dir * (takeProfit - entry);
  if (risk !== null && risk <= 0) return { ...none, problem: side === 'buy' ? 'Stop loss must be below the entry' : 'Stop loss must be above the entry' };
  if (reward !== null && reward <= 0) return { ...none, problem: side === 'buy' ? 'Take profit must be above the entry' : 'Take profit must be below the entry' };
  return { risk, reward, ratio: risk !== null && reward !== null ? reward / risk : null, problem: null };
}

/** A number typed in a field, or undefined for blank or nonsense. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
