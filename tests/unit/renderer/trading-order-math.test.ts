import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/shared/contract';
import type { Instrument } from '../../../src/shared/market/instrument';
import { fxRate, fxRoute } from '../../../src/renderer/src/features/trading/fx-estimate';
import { estimateFee, notionalToUnits, parseNumber, referencePrice, riskReward, stepPrice } from '../../../src/renderer/src/features/trading/order-math';
import { prefillBracket, prefillPrices } from '../../../src/renderer/src/features/trading/ticket-prefill';
import { ticketOrder } from '../../../src/renderer/src/features/trading/ticket-order';
import type { TicketFields } from '../../../src/renderer/src/features/trading/ticket-store';
import { formatPnl, formatQty, formatQtyShort } from '../../../src/renderer/src/features/trading/trading-format';
import { templateMinWidth } from '../../../src/renderer/src/features/trading/grid-template';

const BTC: Instrument = { symbol: 'BTC/USDT', name: 'Bitcoin', assetClass: 'crypto', venue: 'SIM', quoteCurrency: 'USDT', tickSize: 0.1, lotStep: 0.00001, minQty: 0.00001, pricePrecision: 1, tradingHours: { kind: 'always' } };
const quote = (bid: number, ask: number, last = (bid + ask) / 2, symbol = 'BTC/USDT'): Quote => ({ symbol, time: 0, bid, ask, bidSize: 1, askSize: 1, last, prevClose: null });
const ticket = (over: Partial<TicketFields> = {}): TicketFields => ({
  symbol: 'BTC/USDT', side: 'buy', type: 'market', qtyMode: 'units', qty: '0.5', notional: '1000', price: '', stopPrice: '', tif: 'GTC', bracket: false, stopLoss: '', takeProfit: '', oneClick: false, ...over,
});

describe('notional to units', () => {
  it('rounds down to the lot step so the order never spends more than typed', () => {
    expect(notionalToUnits(1000, 65_000, 0.00001)).toBe(0.01538); // 0.0153846…
    expect(notionalToUnits(999, 190, 1)).toBe(5); // 5.26 shares → 5
    expect(notionalToUnits(0.3, 0.1, 0.1)).toBe(3); // no 2.9999… from binary noise
  });
  it('is 0 without a price or an amount, and below one lot', () => {
    expect(notionalToUnits(1000, 0, 0.001)).toBe(0);
    expect(notionalToUnits(0, 100, 0.001)).toBe(0);
    expect(notionalToUnits(50, 190, 1)).toBe(0);
  });
});

describe('prices and estimates', () => {
  it('steps a price by ticks and snaps it to the grid', () => {
    expect(stepPrice(65_000.1, 0.1, 1)).toBe(65_000.2);
    expect(stepPrice(1.08001, 0.00001, -10)).toBe(1.07991);
    expect(stepPrice(0.1, 0.1, -5)).toBe(0.1);
  });
  it('values an order at its limit, else its stop, else the side of the book it takes', () => {
    const q = quote(99, 101);
    expect(referencePrice('limit', 'buy', 95, undefined, q)).toBe(95);
    expect(referencePrice('stop', 'sell', undefined, 90, q)).toBe(90);
    expect(referencePrice('market', 'buy', undefined, undefined, q)).toBe(101);
    expect(referencePrice('market', 'sell', undefined, undefined, q)).toBe(99);
    expect(referencePrice('market', 'sell', undefined, undefined, undefined)).toBeUndefined();
  });
  it('charges the fee in basis points of the value', () => {
    expect(estimateFee(10_000, 5)).toBe(5);
  });
  it('reads numbers typed with grouping and ignores blanks', () => {
    expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('abc')).toBeUndefined();
  });
});

describe('risk / reward of a bracket', () => {
  it('measures a long bracket below and above the entry', () => {
    expect(riskReward('buy', 100, 95, 110)).toEqual({ risk: 5, reward: 10, ratio: 2, problem: null });
  });
  it('measures a short bracket above and below the entry', () => {
    const rr = riskReward('sell', 100, 104, 92);
    expect(rr.risk).toBe(4);
    expect(rr.reward).toBe(8);
    expect(rr.ratio).toBe(2);
  });
  it('has no ratio with only one leg', () => {
    expect(riskReward('buy', 100, 95, undefined)).toEqual({ risk: 5, reward: null, ratio: null, problem: null });
  });
  it('says when a leg is on the wrong side of the entry', () => {
    expect(riskReward('buy', 100, 101, 110).problem).toBe('Stop loss must be below the entry');
    expect(riskReward('sell', 100, 104, 101).problem).toBe('Take profit must be below the entry');
  });
});

describe('the ticket’s order', () => {
  it('sends the units typed, with the limit price and the bracket', () => {
    const o = ticketOrder(ticket({ type: 'limit', price: '64000', bracket: true, stopLoss: '63000', takeProfit: '66000' }), 'acc', BTC, quote(64_990, 65_010));
    expect(o.errors).toEqual({});
    expect(o.params).toEqual({ accountId: 'acc', symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: 0.5, tif: 'GTC', price: 64_000, bracket: { stopLoss: 63_000, takeProfit: 66_000 } });
    expect(o.value).toBe(32_000);
    expect(o.rr.ratio).toBe(2);
  });
  it('converts an amount at the price it would fill at, rounded down to the lot', () => {
    const o = ticketOrder(ticket({ qtyMode: 'notional', notional: '1000' }), 'acc', BTC, quote(64_990, 65_000));
    expect(o.units).toBe(0.01538);
    expect(o.params?.qty).toBe(0.01538);
  });
  it('names what is missing field by field', () => {
    const o = ticketOrder(ticket({ type: 'stop_limit', qty: '0', bracket: true }), null, undefined, undefined);
    expect(o.params).toBeNull();
    expect(Object.keys(o.errors).sort()).toEqual(['account', 'bracket', 'price', 'qty', 'stopPrice', 'symbol']);
  });
  it('refuses an amount below one lot', () => {
    const o = ticketOrder(ticket({ qtyMode: 'notional', notional: '0.0001' }), 'acc', BTC, quote(64_990, 65_000));
    expect(o.errors.qty).toBe('Less than one lot (0.00001)');
  });
});

describe('prefilled prices', () => {
  it('joins the near side of the book with a limit and sits a stop 0.5 % beyond the market', () => {
    const q = quote(1000, 1001);
    expect(prefillPrices({ side: 'buy', type: 'limit' }, BTC, q)).toEqual({ price: '1000.0', stopPrice: '' });
    expect(prefillPrices({ side: 'sell', type: 'limit' }, BTC, q)).toEqual({ price: '1001.0', stopPrice: '' });
    expect(prefillPrices({ side: 'buy', type: 'stop' }, BTC, q)).toEqual({ price: '', stopPrice: '1006.0' });
    expect(prefillPrices({ side: 'sell', type: 'stop' }, BTC, q)).toEqual({ price: '', stopPrice: '995.0' });
  });
  it('starts a bracket at 1 : 2 around the entry', () => {
    expect(prefillBracket({ side: 'buy', type: 'limit', price: '1000', stopPrice: '' }, BTC, quote(1000, 1001))).toEqual({ stopLoss: '990.0', takeProfit: '1020.0' });
    expect(prefillBracket({ side: 'sell', type: 'limit', price: '1000', stopPrice: '' }, BTC, quote(1000, 1001))).toEqual({ stopLoss: '1010.0', takeProfit: '980.0' });
  });
});

describe('FX estimates', () => {
  const pairs = new Set(['EUR/USD', 'USD/JPY', 'GBP/USD']);
  it('routes directly, inverted, through USD, and treats USDT as USD', () => {
    expect(fxRoute('USDT', 'USD', pairs)).toEqual([]);
    expect(fxRoute('EUR', 'USD', pairs)).toEqual([{ symbol: 'EUR/USD', invert: false }]);
    expect(fxRoute('USD', 'EUR', pairs)).toEqual([{ symbol: 'EUR/USD', invert: true }]);
    expect(fxRoute('JPY', 'EUR', pairs)).toEqual([
      { symbol: 'USD/JPY', invert: true },
      { symbol: 'EUR/USD', invert: true },
    ]);
    expect(fxRoute('CHF', 'USD', pairs)).toBeUndefined();
  });
  it('converts at the mid, and waits for every quote of the route', () => {
    const quotes = { 'EUR/USD': quote(1.0999, 1.1001, 1.1, 'EUR/USD') };
    expect(fxRate(fxRoute('EUR', 'USD', pairs), quotes)).toBeCloseTo(1.1, 10);
    expect(fxRate(fxRoute('USD', 'EUR', pairs), quotes)).toBeCloseTo(1 / 1.1, 10);
    expect(fxRate(fxRoute('JPY', 'EUR', pairs), quotes)).toBeUndefined();
  });
});

describe('trading formats', () => {
  it('pads quantities to the lot in tables and trims them in words', () => {
    expect(formatQty(0.5, BTC)).toBe('0.50000');
    expect(formatQtyShort(0.5, BTC)).toBe('0.5');
    expect(formatQtyShort(100, BTC)).toBe('100');
  });
  it('signs P&L with a true minus', () => {
    expect(formatPnl(1234.5)).toBe('+1,234.50');
    expect(formatPnl(-12)).toBe('−12.00');
    expect(formatPnl(-0.001)).toBe('0.00');
  });
});

describe('blotter grid templates', () => {
  it('adds up the tracks’ minimums, the gaps and the padding', () => {
    expect(templateMinWidth('72px minmax(96px,140px) 1fr')).toBe(72 + 96 + 0 + 2 * 8 + 20);
    expect(templateMinWidth('40px repeat(3,minmax(76px,120px)) minmax(30px,1fr)')).toBe(40 + 3 * 76 + 30 + 4 * 8 + 20);
  });
});
