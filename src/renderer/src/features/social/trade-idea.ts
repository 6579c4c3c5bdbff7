import type { FieldErrors } from '../../api/field-errors';
import type { Timeframe } from '../../../../shared/market/timeframes';
import { roundToStep } from '../../../../shared/numbers/steps';
import { tradeIdeaSchema, type TradeIdea } from '../../../../shared/social/social-types';
import { parseNumber, riskReward } from '../trading/order-math';

/** The composer's trade idea as typed. */
export interface IdeaFields {
  symbol: string;
  side: TradeIdea['side'];
  entry: string;
  stop: string;
  target: string;
  timeframe: Timeframe;
}

/** How far a fresh idea's stop and target sit from the entry (1 : 2, as the ticket's bracket). */
const STOP_OFFSET = 0.01;
const TARGET_OFFSET = 0.02;

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The idea the fields describe, checked by the hub's own schema (levels on the right side of the
 * entry for the side), or the problems by field.
 */
export function ideaFromFields(f: IdeaFields): { idea: TradeIdea | null; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const numbers = { entry: parseNumber(f.entry), stop: parseNumber(f.stop), target: parseNumber(f.target) };
  for (const [k, v] of Object.entries(numbers)) if (v === undefined || !(v > 0)) errors[k] = 'Enter a price above 0';
  if (!f.symbol.trim()) errors.symbol = 'Pick a symbol';
  if (Object.keys(errors).length > 0) return { idea: null, errors };
  const parsed = tradeIdeaSchema.safeParse({ symbol: f.symbol.trim(), side: f.side, timeframe: f.timeframe, ...numbers });
  if (parsed.success) return { idea: parsed.data, errors: {} };
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'idea')] ??= sentence(issue.message);
  return { idea: null, errors };
}

/** Reward over risk of an idea (2 for a 1 : 2 idea); null when its levels make no sense. */
export function ideaRatio(idea: Pick<TradeIdea, 'side' | 'entry' | 'stop' | 'target'>): number | null {
  return riskReward(idea.side === 'long' ? 'buy' : 'sell', idea.entry, idea.stop, idea.target).ratio;
}

/** A fresh idea around `price`: entry at it, stop 1 % against, target 2 % in favour, on the tick grid. */
export function prefillIdea(side: TradeIdea['side'], price: number, tickSize: number, precision: number): Pick<IdeaFields, 'entry' | 'stop' | 'target'> {
  const dir = side === 'long' ? 1 : -1;
  const snap = (v: number): string => Math.max(tickSize, roundToStep(v, tickSize)).toFixed(precision);
  return { entry: snap(price), stop: snap(price * (1 - dir * STOP_OFFSET)), target: snap(price * (1 + dir * TARGET_OFFSET)) };
}
