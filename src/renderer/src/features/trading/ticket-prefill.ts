import type { Quote } from '../../../../shared/contract';
import type { Instrument } from '../../../../shared/market/instrument';
import { roundToStep } from '../../../../shared/numbers/steps';
import { parseNumber, referencePrice } from './order-math';
import type { TicketFields } from './ticket-store';

/** How far from the market a fresh stop starts, and the bracket's default distances (1 : 2). */
const STOP_OFFSET = 0.005;
const SL_OFFSET = 0.01;
const TP_OFFSET = 0.02;

const snap = (v: number, inst: Instrument): string => Math.max(inst.tickSize, roundToStep(v, inst.tickSize)).toFixed(inst.pricePrecision);

/**
 * Prices for the ticket from the live quote: a limit joins the near side of the book (bid to buy,
 * ask to sell), a stop sits 0.5 % beyond the market, a stop-limit's limit at its stop.
 */
export function prefillPrices(t: Pick<TicketFields, 'side' | 'type'>, inst: Instrument, quote: Quote): Pick<TicketFields, 'price' | 'stopPrice'> {
  const buy = t.side === 'buy';
  const near = buy ? quote.bid : quote.ask;
  const far = buy ? quote.ask : quote.bid;
  const touch = (p: number): number => (p > 0 ? p : quote.last);
  const stop = touch(far) * (buy ? 1 + STOP_OFFSET : 1 - STOP_OFFSET);
  switch (t.type) {
    case 'market':
      return { price: '', stopPrice: '' };
    case 'limit':
      return { price: snap(touch(near), inst), stopPrice: '' };
    case 'stop':
      return { price: '', stopPrice: snap(stop, inst) };
    case 'stop_limit':
      return { price: snap(stop, inst), stopPrice: snap(stop, inst) };
  }
}

/** A bracket 1 % against and 2 % in favour of the entry. */
export function prefillBracket(t: Pick<TicketFields, 'side' | 'type' | 'price' | 'stopPrice'>, inst: Instrument, quote: Quote): Pick<TicketFields, 'stopLoss' | 'takeProfit'> {
  const entry = referencePrice(t.type, t.side, parseNumber(t.price), parseNumber(t.stopPrice), quote);
  if (entry === undefined) return { stopLoss: '', takeProfit: '' };
  const dir = t.side === 'buy' ? 1 : -1;
  return { stopLoss: snap(entry * (1 - dir * SL_OFFSET), inst), takeProfit: snap(entry * (1 + dir * TP_OFFSET), inst) };
}
