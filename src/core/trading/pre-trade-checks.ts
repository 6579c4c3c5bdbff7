import { ApiError, type FieldError, type Quote } from '../../shared/contract';
import type { Instrument } from '../../shared/market/instrument';
import { isOnStep, roundToStep } from '../../shared/numbers/steps';
import { sideSign, type OrderRequest } from '../../shared/trading/order';
import type { AccountMoney } from '../brokers/broker';
import { formatMoney } from './format-money';

/** Quantity against the lot step and minimum, prices against the tick size: INVALID_PARAMS naming each field. */
export function checkSteps(request: Pick<OrderRequest, 'qty' | 'price' | 'stopPrice' | 'bracket'>, inst: Instrument): void {
  const fields: FieldError[] = [];
  if (!isOnStep(request.qty, inst.lotStep)) fields.push({ path: 'qty', message: `${request.qty} is not a multiple of the lot step ${inst.lotStep} of ${inst.symbol}` });
  else if (request.qty < inst.minQty) fields.push({ path: 'qty', message: `${request.qty} is below the minimum quantity ${inst.minQty} of ${inst.symbol}` });
  const prices: Array<[string, number | undefined]> = [
    ['price', request.price],
    ['stopPrice', request.stopPrice],
    ['bracket.stopLoss', request.bracket?.stopLoss],
    ['bracket.takeProfit', request.bracket?.takeProfit],
  ];
  for (const [path, value] of prices) {
    if (value !== undefined && !isOnStep(value, inst.tickSize)) fields.push({ path, message: `${value} is not a multiple of the tick size ${inst.tickSize} of ${inst.symbol}` });
  }
  if (fields.length > 0) throw new ApiError('INVALID_PARAMS', `Invalid order — ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, { fields });
}

/** The request with quantity and prices snapped to their steps (already checked to be on them). */
export function snapToSteps<T extends Pick<OrderRequest, 'qty' | 'price' | 'stopPrice' | 'bracket'>>(request: T, inst: Instrument): T {
  const px = (v: number | undefined): number | undefined => (v === undefined ? undefined : roundToStep(v, inst.tickSize));
  const out: T = { ...request, qty: roundToStep(request.qty, inst.lotStep) };
  if (request.price !== undefined) out.price = px(request.price);
  if (request.stopPrice !== undefined) out.stopPrice = px(request.stopPrice);
  if (request.bracket) {
    out.bracket = { ...request.bracket };
    if (request.bracket.stopLoss !== undefined) out.bracket.stopLoss = px(request.bracket.stopLoss);
    if (request.bracket.takeProfit !== undefined) out.bracket.takeProfit = px(request.bracket.takeProfit);
  }
  return out;
}

export interface RiskContext {
  currency: string;
  maxOrderValue: number | null;
  money: AccountMoney;
  /** Signed open quantity of the symbol now. */
  position: number;
  quote: Quote;
  /** Account currency per unit of the instrument's quote currency. */
  fxRate: number;
}

/**
 * The account's own limits before anything reaches a broker: the maximum order value, and buying
 * power for what the order would add to the position. Returns the reason it is blocked, or null.
 */
export function riskBlock(request: OrderRequest, ctx: RiskContext): string | null {
  // Reducing a position is always allowed: a limit must never keep a trader from getting out.
  if (request.reduceOnly) return null;
  const ref = request.price ?? request.stopPrice ?? (request.side === 'buy' ? ctx.quote.ask : ctx.quote.bid);
  const value = request.qty * ref * ctx.fxRate;
  if (ctx.maxOrderValue !== null && value > ctx.maxOrderValue) {
    return `Order value ${formatMoney(value, ctx.currency)} is above this account's maximum of ${formatMoney(ctx.maxOrderValue, ctx.currency)}`;
  }
  const opening = Math.max(0, Math.abs(ctx.position + sideSign(request.side) * request.qty) - Math.abs(ctx.position));
  const openingValue = opening * ref * ctx.fxRate;
  if (openingValue > ctx.money.buyingPower + 1e-9) {
    return `Insufficient buying power: the order adds ${formatMoney(openingValue, ctx.currency)} of exposure; ${formatMoney(ctx.money.buyingPower, ctx.currency)} is available`;
  }
  return null;
}
