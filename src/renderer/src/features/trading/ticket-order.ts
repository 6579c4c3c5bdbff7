import { takesLimitPrice, takesStopPrice } from '../../../../shared/trading/order';
import type { ParamsIn, Quote } from '../../../../shared/contract';
import type { Instrument } from '../../../../shared/market/instrument';
import { notionalToUnits, parseNumber, referencePrice, riskReward, type RiskReward } from './order-math';
import type { TicketFields } from './ticket-store';
import type { FieldErrors } from '../../api/field-errors';

export type OrderParams = ParamsIn<'orders.place'>;
export type { FieldErrors };

export interface TicketOrder {
  /** The request to send, when the fields make one. */
  params: OrderParams | null;
  errors: FieldErrors;
  /** Units the order is for (notional converted, rounded down to the lot step). */
  units: number | undefined;
  /** Price the order is valued at before it fills. */
  refPrice: number | undefined;
  /** units × refPrice, in the instrument's quote currency. */
  value: number | undefined;
  rr: RiskReward;
}

/** Units the ticket's quantity means for an instrument at a price: typed units, or notional ÷ price rounded down. */
export function ticketUnits(t: Pick<TicketFields, 'qtyMode' | 'qty' | 'notional'>, inst: Instrument | undefined, price: number | undefined): number | undefined {
  if (t.qtyMode === 'units') return parseNumber(t.qty);
  const notional = parseNumber(t.notional);
  if (notional === undefined || !inst || price === undefined) return undefined;
  return notionalToUnits(notional, price, inst.lotStep);
}

/** The order the ticket describes, with what is wrong with it field by field. */
export function ticketOrder(t: TicketFields, accountId: string | null, inst: Instrument | undefined, quote: Quote | undefined): TicketOrder {
  const errors: Record<string, string> = {};
  const needsPrice = takesLimitPrice(t.type);
  const needsStop = takesStopPrice(t.type);
  const price = needsPrice ? parseNumber(t.price) : undefined;
  const stopPrice = needsStop ? parseNumber(t.stopPrice) : undefined;
  const refPrice = referencePrice(t.type, t.side, price, stopPrice, quote);
  const units = ticketUnits(t, inst, refPrice);

  if (!inst) errors.symbol = t.symbol ? `Unknown symbol ${t.symbol}` : 'Choose a symbol';
  if (t.qtyMode === 'notional') {
    const notional = parseNumber(t.notional);
    if (notional === undefined || notional <= 0) errors.qty = 'Enter an amount above 0';
    else if (refPrice === undefined) errors.qty = 'No price yet to convert the amount';
    else if (!units) errors.qty = `Less than one lot (${inst?.lotStep ?? '?'})`;
  } else if (units === undefined || units <= 0) errors.qty = 'Enter a quantity above 0';
  if (needsPrice && (price === undefined || price <= 0)) errors.price = 'Enter a limit price';
  if (needsStop && (stopPrice === undefined || stopPrice <= 0)) errors.stopPrice = 'Enter a stop price';

  const stopLoss = t.bracket ? parseNumber(t.stopLoss) : undefined;
  const takeProfit = t.bracket ? parseNumber(t.takeProfit) : undefined;
  const rr = riskReward(t.side, refPrice, stopLoss, takeProfit);
  if (t.bracket) {
    if (stopLoss === undefined && takeProfit === undefined) errors.bracket = 'Give a stop loss, a take profit or both';
    else if (rr.problem) errors[rr.problem.startsWith('Stop') ? 'bracket.stopLoss' : 'bracket.takeProfit'] = rr.problem;
  }
  if (t.type === 'market' && t.tif === 'DAY') errors.tif = 'A market order executes at once: GTC, IOC or FOK';
  if (!accountId) errors.account = 'No trading account';

  const value = units !== undefined && refPrice !== undefined ? units * refPrice : undefined;
  const ok = Object.keys(errors).length === 0 && inst && units && accountId;
  const params: OrderParams | null = ok
    ? {
        accountId,
        symbol: inst.symbol,
        side: t.side,
        type: t.type,
        qty: units,
        tif: t.tif,
        ...(price !== undefined ? { price } : {}),
        ...(stopPrice !== undefined ? { stopPrice } : {}),
        ...(t.bracket ? { bracket: { ...(stopLoss !== undefined ? { stopLoss } : {}), ...(takeProfit !== undefined ? { takeProfit } : {}) } } : {}),
      }
    : null;
  return { params, errors, units, refPrice, value, rr };
}
