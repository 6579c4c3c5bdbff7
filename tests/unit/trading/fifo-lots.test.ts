import { describe, expect, test } from 'vitest';
import { applyFillToLots, lotsAvgPrice, lotsQty } from '../../../src/shared/trading/fifo-lots';
import { gridRounder } from '../../../src/shared/numbers/steps';

const round = gridRounder(0.001);
const fill = (qty: number, price: number, fxRate = 1, time = 0) => ({ qty, price, fxRate, time });

describe('FIFO lots', () => {
  test('a sell closes the oldest lots first and realises against their prices', () => {
    let lots = applyFillToLots([], fill(2, 100), round).lots;
    lots = applyFillToLots(lots, fill(1, 110), round).lots;
    const after = applyFillToLots(lots, fill(-2.5, 120), round);
    // 2 × (120 − 100) + 0.5 × (120 − 110)
    expect(after.realizedPnl).toBeCloseTo(45, 10);
    expect(after.closedQty).toBe(2.5);
    expect(after.lots).toEqual([{ qty: 0.5, price: 110, fxRate: 1, time: 0 }]);
  });

  test('a fill larger than the position flips it at the fill price', () => {
    const long = applyFillToLots([], fill(1, 100), round).lots;
    const after = applyFillToLots(long, fill(-3, 90, 1, 5), round);
    expect(after.realizedPnl).toBeCloseTo(-10, 10);
    expect(after.lots).toEqual([{ qty: -2, price: 90, fxRate: 1, time: 5 }]);
    expect(lotsQty(after.lots, round)).toBe(-2);
  });

  test('a short gains when it is bought back lower', () => {
    const short = applyFillToLots([], fill(-4, 50), round).lots;
    const after = applyFillToLots(short, fill(4, 45), round);
    expect(after.realizedPnl).toBeCloseTo(20, 10);
    expect(after.lots).toEqual([]);
    expect(lotsAvgPrice(after.lots)).toBeNull();
  });

  test('P&L is in the account currency at each side’s own rate, so it includes the currency move', () => {
    // Bought 1 at 100 EUR when EUR/USD was 1.10, sold at 100 EUR when it was 1.20: +10 USD.
    const lots = applyFillToLots([], fill(1, 100, 1.1), round).lots;
    expect(applyFillToLots(lots, fill(-1, 100, 1.2), round).realizedPnl).toBeCloseTo(10, 10);
  });

  test('repeated partial closes leave no dust', () => {
    let lots = applyFillToLots([], fill(0.3, 10), round).lots;
    for (let i = 0; i < 3; i++) lots = applyFillToLots(lots, fill(-0.1, 11), round).lots;
    expect(lots).toEqual([]);
  });
});
