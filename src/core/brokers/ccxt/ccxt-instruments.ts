import type { MarketInterface } from 'ccxt';
import { instrumentSchema, type Instrument } from '../../../shared/market/instrument';
import { stepDecimals } from '../../../shared/numbers/steps';

/** `BINANCE:BTC/USDT` ⇄ (`BINANCE`, `BTC/USDT`). */
export const venueSymbol = (venue: string, exchangeSymbol: string): string => `${venue}:${exchangeSymbol}`;
export function exchangeSymbolOf(venue: string, symbol: string): string | undefined {
  return symbol.startsWith(`${venue}:`) ? symbol.slice(venue.length + 1) : undefined;
}

/**
 * An exchange's spot market as an instrument: tick size and lot step from ccxt's precision (tick
 * sizes in ccxt 4), the minimum from the amount limit. Markets ccxt cannot size are left out.
 */
export function instrumentFromMarket(market: MarketInterface, venue: string, exchangeName: string): Instrument | undefined {
  if (!market.spot || market.active === false) return undefined;
  const tickSize = market.precision.price;
  const lotStep = market.precision.amount;
  if (!(typeof tickSize === 'number' && tickSize > 0 && typeof lotStep === 'number' && lotStep > 0)) return undefined;
  const parsed = instrumentSchema.safeParse({
    symbol: venueSymbol(venue, market.symbol),
    name: `${market.base} / ${market.quote} · ${exchangeName}`,
    assetClass: 'crypto',
    venue,
    quoteCurrency: market.quote,
    tickSize,
    lotStep,
    minQty: Math.max(market.limits.amount?.min ?? lotStep, lotStep),
    pricePrecision: Math.min(12, stepDecimals(tickSize)),
    tradingHours: { kind: 'always' },
  });
  return parsed.success ? parsed.data : undefined;
}
