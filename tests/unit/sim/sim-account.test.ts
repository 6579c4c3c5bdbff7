import { describe, expect, it } from 'vitest';
import { SYNTHETIC_SPECS } from '../../../src/core/market/synthetic/synthetic-instruments';
import { createSimAccount } from '../../../src/core/sim/sim-account';
import { commission, executionPrice } from '../../../src/core/sim/trading-costs';
import { isOnStep } from '../../../src/shared/numbers/steps';

const spec = (symbol: string) => SYNTHETIC_SPECS.find((s) => s.instrument.symbol === symbol)!;
const fill = (symbol: string, side: 'buy' | 'sell', qty: number, price: number, extra: { fee?: number; fxRate?: number; lotStep?: number; time?: number } = {}) => ({
  symbol,
  side,
  qty,
  price,
  fee: extra.fee ?? 0,
  fxRate: extra.fxRate ?? 1,
  lotStep: extra.lotStep ?? 1,
  time: extra.time ?? 0,
});

describe('simulated paper account', () => {
  it('matches lots FIFO and books realised P&L and fees into cash', () => {
    const a = createSimAccount(10_000);
    a.book(fill('AAPL', 'buy', 10, 100, { fee: 1 }));
    a.book(fill('AAPL', 'buy', 10, 110, { fee: 1, time: 1 }));
    const r = a.book(fill('AAPL', 'sell', 15, 120, { fee: 1, time: 2 }));
    // FIFO: 10 from 100 and 5 from 110 → (20 × 10) + (10 × 5).
    expect(r.realizedPnl).toBeCloseTo(250, 9);
    expect(r.positionQty).toBe(5);
    expect(a.holding('AAPL')).toEqual({ qty: 5, avgPrice: 110, openedAt: 0 });
    expect(a.cash).toBeCloseTo(10_000 - 1000 - 1100 + 1800 - 3, 9);
    expect(a.equity(() => ({ price: 120, fxRate: 1 }))).toBeCloseTo(10_000 + 250 + 50 - 3, 9);
  });

  it('flips from long to short in one fill and dates the new position from it', () => {
    const a = createSimAccount(5_000);
    a.book(fill('BTC/USDT', 'buy', 0.1, 60_000, { lotStep: 0.00001 }));
    const r = a.book(fill('BTC/USDT', 'sell', 0.25, 61_000, { lotStep: 0.00001, time: 5 }));
    expect(r.positionQty).toBe(-0.15);
    expect(a.holding('BTC/USDT').openedAt).toBe(5);
    expect(a.grossExposure(() => ({ price: 62_000, fxRate: 1 }))).toBeCloseTo(0.15 * 62_000, 6);
    expect(a.equity(() => ({ price: 61_000, fxRate: 1 }))).toBeCloseTo(5_000 + 100, 6);
  });

  it('values positions quoted in another currency at their rate', () => {
    const a = createSimAccount(50_000);
    a.book(fill('DE40', 'buy', 1, 18_000, { fxRate: 1.1, lotStep: 0.1 }));
    expect(a.cash).toBeCloseTo(50_000 - 19_800, 9);
    expect(a.equity(() => ({ price: 18_100, fxRate: 1.1 }))).toBeCloseTo(50_110, 9);
    expect(a.equity(() => ({ price: 18_000, fxRate: 1.2 }))).toBeCloseTo(51_800, 9);
  });

  it('leaves no dust after repeated partial closes on a fractional lot step', () => {
    const a = createSimAccount(1_000);
    a.book(fill('ETH/USDT', 'buy', 0.3, 3000, { lotStep: 0.0001 }));
    for (let i = 0; i < 3; i++) a.book(fill('ETH/USDT', 'sell', 0.1, 3000, { lotStep: 0.0001, time: i + 1 }));
    expect(a.holding('ETH/USDT').qty).toBe(0);
    expect(a.openSymbols()).toEqual([]);
  });
});

describe('trading costs', () => {
  it('fills market orders half a spread plus slippage away, on the tick grid, against the trader', () => {
    const s = spec('EUR/USD');
    const buy = executionPrice(s, 'buy', 1.08, 0.2);
    const sell = executionPrice(s, 'sell', 1.08, 0.2);
    expect(buy).toBeGreaterThan(1.08);
    expect(sell).toBeLessThan(1.08);
    expect(isOnStep(buy, s.instrument.tickSize)).toBe(true);
    expect(isOnStep(sell, s.instrument.tickSize)).toBe(true);
  });

  it('charges commission in basis points with a per-fill minimum for stocks, to the cent', () => {
    expect(commission('retail', 'crypto', 10_000)).toBe(7.5);
    expect(commission('pro', 'crypto', 10_000)).toBe(1.5);
    expect(commission('retail', 'stock', 1_000)).toBe(1);
    expect(commission('retail', 'stock', 1_000_000)).toBe(50);
  });
});
