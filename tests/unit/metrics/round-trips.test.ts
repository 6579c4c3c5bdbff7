import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundTrips, type MetricFill } from '../../../src/shared/metrics';
import { matchFifoInPlace, type FifoMatch } from '../../../src/shared/metrics/fifo-in-place';
import { gridRounder } from '../../../src/shared/numbers/steps';
import { applyFillToLots } from '../../../src/shared/trading/fifo-lots';
import type { Lot } from '../../../src/shared/trading/position';
import { at, fill, HOUR } from './fixtures';

describe('round trips', () => {
  it('runs from flat to flat, realising partial closes FIFO and subtracting every fee', () => {
    const { closed, open } = roundTrips([
      fill('buy', 2, 100, 0, { fee: 1 }),
      fill('buy', 1, 110, 1, { fee: 0.5 }),
      fill('sell', 1.5, 120, 2, { fee: 0.75 }),
      fill('sell', 1.5, 90, 3, { fee: 0.75 }),
    ]);
    expect(open).toEqual([]);
    expect(closed).toHaveLength(1);
    const t = closed[0]!;
    // 1.5 of the 2 @ 100 sold at 120: +30; then 0.5 @ 100 and 1 @ 110 sold at 90: −5 − 20 = −25
    expect(t.closes).toEqual([
      { time: at('2025-01-01', 2), qty: 1.5, price: 120, realizedPnl: 30 },
      { time: at('2025-01-01', 3), qty: 1.5, price: 90, realizedPnl: -25 },
    ]);
    expect(t.realizedPnl).toBe(5);
    expect(t.fees).toBe(3); // 1 + 0.5 + 0.75 + 0.75
    expect(t.pnl).toBe(2); // 5 − 3
    expect(t.entryPrice).toBeCloseTo(310 / 3, 12); // (2 × 100 + 1 × 110) / 3
    expect(t.exitPrice).toBe(105); // (1.5 × 120 + 1.5 × 90) / 3
    expect(t).toMatchObject({ symbol: 'X', side: 'long', openedAt: at('2025-01-01', 0), closedAt: at('2025-01-01', 3), maxQty: 3, openQty: 0, openAvgPrice: null });
  });

  it('opens a short with a sell from flat and gains when it is bought back lower', () => {
    // (50 − 45) × 4 = 20, fees 0.4
    const [t] = roundTrips([fill('sell', 4, 50, 0, { fee: 0.2 }), fill('buy', 4, 45, 5, { fee: 0.2 })]).closed;
    expect(t).toMatchObject({ side: 'short', realizedPnl: 20, entryPrice: 50, exitPrice: 45, maxQty: 4 });
    expect(t!.pnl).toBeCloseTo(19.6, 12);
  });

  it('closes one trip and opens the next at a flip fill, splitting its fee pro rata', () => {
    const { closed, open } = roundTrips([fill('buy', 1, 100, 0, { fee: 0.1 }), fill('sell', 3, 90, 1, { fee: 0.3 }), fill('buy', 2, 80, 2, { fee: 0.2 })]);
    expect(open).toEqual([]);
    const [long, short] = closed;
    // long: −10 realised; fees 0.1 + 0.3 × 1/3 = 0.2 → −10.2
    expect(long).toMatchObject({ side: 'long', openedAt: at('2025-01-01', 0), closedAt: at('2025-01-01', 1), realizedPnl: -10 });
    expect(long!.fees).toBeCloseTo(0.2, 15);
    expect(long!.pnl).toBeCloseTo(-10.2, 12);
    // short: opened by the flip at its time and price, 2 @ 90; fees 0.3 × 2/3 + 0.2 = 0.4; (90 − 80) × 2 − 0.4 = 19.6
    expect(short).toMatchObject({ side: 'short', openedAt: at('2025-01-01', 1), closedAt: at('2025-01-01', 2), entryPrice: 90, realizedPnl: 20, maxQty: 2 });
    expect(short!.fees).toBeCloseTo(0.4, 15);
    expect(short!.pnl).toBeCloseTo(19.6, 12);
  });

  it('adds rebates (negative fees) to the P&L', () => {
    // no price move, two 0.05 rebates: 0 − (−0.1) = +0.1
    const [t] = roundTrips([fill('buy', 1, 100, 0, { fee: -0.05 }), fill('sell', 1, 100, 1, { fee: -0.05 })]).closed;
    expect(t!.pnl).toBeCloseTo(0.1, 15);
  });

  it('realises in the account currency at each fill’s own rate', () => {
    // 1 @ 100 EUR at 1.10, sold @ 100 EUR at 1.20: 120 − 110 = +10 USD
    const [t] = roundTrips([fill('buy', 1, 100, 0, { fxRate: 1.1 }), fill('sell', 1, 100, 1, { fxRate: 1.2 })]).closed;
    expect(t!.pnl).toBeCloseTo(10, 12);
  });

  it('rounds quantities to the lot step, so dust below half a step leaves the position flat', () => {
    // step 0.001: 0.9996 rounds to 1.000 and closes the trip; 0.9994 rounds to 0.999 and leaves 0.001 open
    expect(roundTrips([fill('buy', 1, 10, 0, { lotStep: 0.001 }), fill('sell', 0.9996, 11, 1, { lotStep: 0.001 })]).closed).toHaveLength(1);
    const partly = roundTrips([fill('buy', 1, 10, 0, { lotStep: 0.001 }), fill('sell', 0.9994, 11, 1, { lotStep: 0.001 })]);
    expect(partly.closed).toHaveLength(0);
    expect(partly.open[0]).toMatchObject({ openQty: 0.001, openAvgPrice: 10, pnl: null });
    // the unknown step is 1e-9: 0.1 + 0.1 + 0.1 sold against 0.3 bought is flat, not 5.5e-17 short
    const thirds = roundTrips([fill('buy', 0.3, 10, 0), fill('sell', 0.1, 11, 1), fill('sell', 0.1, 11, 2), fill('sell', 0.1, 11, 3)]);
    expect(thirds.open).toEqual([]);
    expect(thirds.closed[0]!.pnl).toBeCloseTo(0.3, 12);
  });

  it('moves no position with a fill that rounds to nothing, but keeps its fee with the open trip', () => {
    const r = roundTrips([fill('buy', 1e-10, 10, 0, { fee: 1 }), fill('buy', 1, 10, 1), fill('sell', 1e-10, 10, 2, { fee: 0.5 }), fill('sell', 1, 10, 3)]);
    expect(r.closed).toHaveLength(1);
    expect(r.closed[0]).toMatchObject({ openedAt: at('2025-01-01', 1), fees: 0.5, pnl: -0.5 });
  });

  it('takes fills in ascending time, ties in the order recorded', () => {
    // same time: the sell recorded first opens a short, the buy closes it: (110 − 100) × 1 = +10
    const tie = roundTrips([fill('sell', 1, 110, 1), fill('buy', 1, 100, 1)]).closed;
    expect(tie).toMatchObject([{ side: 'short', pnl: 10 }]);
    // out of order input: the buy at hour 0 comes first, then the two tied sells in recorded order
    const sorted = roundTrips([fill('sell', 1, 120, 5), fill('sell', 1, 110, 5), fill('buy', 2, 100, 0)]).closed;
    expect(sorted).toHaveLength(1);
    expect(sorted[0]!.closes.map((c) => c.price)).toEqual([120, 110]);
  });

  it('keeps an open trip out of the closed ones, with what it has realised so far', () => {
    const { closed, open } = roundTrips([fill('buy', 2, 100, 0), fill('buy', 2, 110, 1), fill('sell', 3, 120, 2)]);
    expect(closed).toEqual([]);
    expect(open).toHaveLength(1);
    // FIFO: 2 @ 100 and 1 @ 110 closed: 40 + 10 = 50; 1 @ 110 still open
    expect(open[0]).toMatchObject({ closedAt: null, exitPrice: null, pnl: null, realizedPnl: 50, openQty: 1, openAvgPrice: 110, maxQty: 4, entryPrice: 105 });
  });

  it('keeps symbols apart', () => {
    const r = roundTrips([fill('buy', 1, 100, 0), fill('buy', 1, 50, 1, { symbol: 'Y' }), fill('sell', 1, 101, 2), fill('sell', 1, 49, 3, { symbol: 'Y' })]);
    expect(r.closed.map((t) => [t.symbol, t.pnl])).toEqual([
      ['X', 1],
      ['Y', -1],
    ]);
  });

  it('sums to the cash P&L minus fees when flat at the end (property)', () => {
    const step = fc.record({ buy: fc.boolean(), qty: fc.integer({ min: 1, max: 5 }), price: fc.integer({ min: 50, max: 150 }), fee: fc.double({ min: -0.5, max: 2, noNaN: true }), fx: fc.constantFrom(1, 1.1, 0.9), symbol: fc.constantFrom('A', 'B') });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const fills: MetricFill[] = steps.map((s, i) => ({ symbol: s.symbol, side: s.buy ? 'buy' : 'sell', qty: s.qty, price: s.price, fee: s.fee, fxRate: s.fx, time: i * HOUR, lotStep: 1 }));
        // flatten each symbol at the end
        for (const symbol of ['A', 'B']) {
          const net = fills.filter((f) => f.symbol === symbol).reduce((q, f) => q + (f.side === 'buy' ? f.qty : -f.qty), 0);
          if (net !== 0) fills.push({ symbol, side: net > 0 ? 'sell' : 'buy', qty: Math.abs(net), price: 100, fee: 0.1, time: fills.length * HOUR, lotStep: 1 });
        }
        const { closed, open } = roundTrips(fills);
        expect(open).toEqual([]);
        const cash = fills.reduce((c, f) => c + (f.side === 'sell' ? 1 : -1) * f.qty * f.price * (f.fxRate ?? 1) - f.fee, 0);
        expect(closed.reduce((s, t) => s + t.pnl!, 0)).toBeCloseTo(cash, 8);
        for (const t of closed) expect(t.pnl).toBeCloseTo(t.closes.reduce((s, c) => s + c.realizedPnl, 0) - t.fees, 9);
      }),
    );
  });
});

describe('FIFO matching in place', () => {
  it('gives what applyFillToLots gives (property)', () => {
    const round = gridRounder(0.01);
    const fillArb = fc.record({ qty: fc.integer({ min: -500, max: 500 }).filter((q) => q !== 0), price: fc.integer({ min: 1, max: 1000 }), fx: fc.constantFrom(1, 1.25) });
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 40 }), (fills) => {
        let reference: Lot[] = [];
        const lots: Lot[] = [];
        const match: FifoMatch = { realizedPnl: 0, closedQty: 0 };
        fills.forEach((f, time) => {
          const qty = f.qty / 100;
          const expected = applyFillToLots(reference, { qty, price: f.price, fxRate: f.fx, time }, round);
          matchFifoInPlace(lots, qty, f.price, f.fx, time, round, match);
          reference = expected.lots;
          expect(match).toEqual({ realizedPnl: expected.realizedPnl, closedQty: expected.closedQty });
          expect(lots).toEqual(expected.lots);
        });
      }),
    );
  });
});
