import type { Instrument, TradingHours } from '../../../shared/market/instrument';

/** Statistical character of one synthetic instrument. Volatilities are annualised fractions. */
export interface SyntheticSpec {
  instrument: Instrument;
  /** Price level the path starts at and loosely reverts to over a year. */
  referencePrice: number;
  vol: number;
  /** Volatility of the daily log-volatility (stochastic volatility). */
  volOfVol: number;
  jumpsPerYear: number;
  /** Standard deviation of a jump's log size. */
  jumpSize: number;
  spreadBps: number;
  /** Average volume per trading minute, in units. */
  minuteVolume: number;
  /** Average top-of-book size, in units. */
  bookSize: number;
  /** Trading minutes in a year, to scale annual volatility to a day. */
  annualMinutes: number;
}

const ALWAYS: TradingHours = { kind: 'always' };
const NYSE: TradingHours = { kind: 'sessions', timeZone: 'America/New_York', sessions: [{ days: [1, 2, 3, 4, 5], open: '09:30', close: '16:00' }] };
// FX: Sunday 17:00 New York to Friday 17:00, one continuous session a day.
const FX: TradingHours = { kind: 'sessions', timeZone: 'America/New_York', sessions: [{ days: [7, 1, 2, 3, 4], open: '17:00', close: '17:00' }] };
// Index CFDs: Sunday 18:00 to Friday 17:00 New York, with the daily 17:00–18:00 break.
const US_INDEX: TradingHours = { kind: 'sessions', timeZone: 'America/New_York', sessions: [{ days: [7, 1, 2, 3, 4], open: '18:00', close: '17:00' }] };
const XETRA_INDEX: TradingHours = { kind: 'sessions', timeZone: 'Europe/Berlin', sessions: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' }] };

const CRYPTO_MIN = 365 * 1440;
const STOCK_MIN = 252 * 390;
const FX_MIN = 260 * 1440;
const US_INDEX_MIN = 260 * 1380;
const DE_INDEX_MIN = 255 * 840;

function crypto(symbol: string, name: string, price: number, tick: number, lot: number, vol: number, minuteVolume: number): SyntheticSpec {
  return {
    instrument: { symbol, name, assetClass: 'crypto', venue: 'SIM', quoteCurrency: 'USDT', tickSize: tick, lotStep: lot, minQty: lot, pricePrecision: decimals(tick), tradingHours: ALWAYS },
    referencePrice: price, vol, volOfVol: 0.35, jumpsPerYear: 12, jumpSize: 0.03, spreadBps: 1.0, minuteVolume, bookSize: minuteVolume / 8, annualMinutes: CRYPTO_MIN,
  };
}

function stock(symbol: string, name: string, venue: string, price: number, vol: number, minuteVolume: number): SyntheticSpec {
  return {
    instrument: { symbol, name, assetClass: 'stock', venue, quoteCurrency: 'USD', tickSize: 0.01, lotStep: 1, minQty: 1, pricePrecision: 2, tradingHours: NYSE },
    referencePrice: price, vol, volOfVol: 0.25, jumpsPerYear: 4, jumpSize: 0.04, spreadBps: 1.5, minuteVolume, bookSize: minuteVolume / 20, annualMinutes: STOCK_MIN,
  };
}

function fx(symbol: string, name: string, price: number, tick: number, vol: number): SyntheticSpec {
  return {
    instrument: { symbol, name, assetClass: 'fx', venue: 'SIM-FX', quoteCurrency: symbol.slice(4), tickSize: tick, lotStep: 1000, minQty: 1000, pricePrecision: decimals(tick), tradingHours: FX },
    referencePrice: price, vol, volOfVol: 0.2, jumpsPerYear: 2, jumpSize: 0.006, spreadBps: 0.4, minuteVolume: 5_000_000, bookSize: 2_000_000, annualMinutes: FX_MIN,
  };
}

function decimals(step: number): number {
  return Math.max(0, Math.round(-Math.log10(step)));
}

/** The synthetic market: crypto (24/7), US stocks (exchange hours), FX (24/5) and index CFDs. */
export const SYNTHETIC_SPECS: readonly SyntheticSpec[] = [
  crypto('BTC/USDT', 'Bitcoin', 65_000, 0.1, 0.00001, 0.55, 40),
  crypto('ETH/USDT', 'Ether', 3_200, 0.01, 0.0001, 0.7, 600),
  crypto('SOL/USDT', 'Solana', 150, 0.01, 0.001, 0.95, 9_000),
  crypto('BNB/USDT', 'BNB', 580, 0.01, 0.001, 0.6, 1_200),
  stock('AAPL', 'Apple Inc.', 'SIM-NASDAQ', 190, 0.27, 60_000),
  stock('MSFT', 'Microsoft Corp.', 'SIM-NASDAQ', 410, 0.25, 25_000),
  stock('NVDA', 'NVIDIA Corp.', 'SIM-NASDAQ', 120, 0.5, 300_000),
  stock('TSLA', 'Tesla Inc.', 'SIM-NASDAQ', 240, 0.6, 120_000),
  stock('JPM', 'JPMorgan Chase & Co.', 'SIM-NYSE', 200, 0.22, 20_000),
  fx('EUR/USD', 'Euro / US Dollar', 1.08, 0.00001, 0.07),
  fx('GBP/USD', 'British Pound / US Dollar', 1.27, 0.00001, 0.08),
  fx('USD/JPY', 'US Dollar / Japanese Yen', 150, 0.001, 0.1),
  {
    instrument: { symbol: 'US500', name: 'US 500 Index', assetClass: 'index', venue: 'SIM-CFD', quoteCurrency: 'USD', tickSize: 0.1, lotStep: 0.1, minQty: 0.1, pricePrecision: 1, tradingHours: US_INDEX },
    referencePrice: 5_200, vol: 0.16, volOfVol: 0.3, jumpsPerYear: 3, jumpSize: 0.015, spreadBps: 0.6, minuteVolume: 400, bookSize: 50, annualMinutes: US_INDEX_MIN,
  },
  {
    instrument: { symbol: 'DE40', name: 'Germany 40 Index', assetClass: 'index', venue: 'SIM-CFD', quoteCurrency: 'EUR', tickSize: 0.1, lotStep: 0.1, minQty: 0.1, pricePrecision: 1, tradingHours: XETRA_INDEX },
    referencePrice: 18_000, vol: 0.18, volOfVol: 0.3, jumpsPerYear: 3, jumpSize: 0.015, spreadBps: 0.8, minuteVolume: 150, bookSize: 20, annualMinutes: DE_INDEX_MIN,
  },
];
