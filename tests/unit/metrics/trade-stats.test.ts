import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profitFactor, roundTrips, tradeOutcome, tradeStats, winRate } from '../../../src/shared/metrics';
import { closedTrip, fill, HOUR } from './fixtures';

describe('trade figures', () => {
  it('judges a trip to the cent: P&L that rounds to 0.00 is break-even', () => {
    expect(tradeOutcome(0)).toBe('breakEven');
    expect(tradeOutcome(0.004)).toBe('breakEven');
    expect(tradeOutcome(-0.004)).toBe('breakEven');
    expect(tradeOutcome(0.005)).toBe('win');
    expect(tradeOutcome(-0.005)).toBe('loss');
    expect(tradeOutcome(0.01)).toBe('win');
    expect(tradeOutcome(-250)).toBe('loss');
  });

  it('counts wins, losses and break-evens, with the win rate over all closed trips', () => {
    // P&L 10, −5, 0.001, 20, −15: 2 wins, 2 losses, 1 break-even; win rate 2/5 = 0.4
    // profit factor (10 + 20) / |−5 − 15| = 1.5; expectancy (10 − 5 + 0.001 + 20 − 15) / 5 = 2.0002
    const s = tradeStats([10, -5, 0.001, 20, -15].map((p) => closedTrip(p)));
    expect(s).toMatchObject({ trades: 5, wins: 2, losses: 2, breakEvens: 1, winRate: 0.4, profitFactor: 1.5 });
    expect(s.expectancy).toBeCloseTo(2.0002, 12);
  });

  it('averages the holding time from the opening fill to the closing fill, in seconds', () => {
    // 1 h and 3 h: (3600 + 10800) / 2 = 7200 s
    const s = tradeStats([closedTrip(1, 0, HOUR), closedTrip(1, HOUR, 4 * HOUR)]);
    expect(s.avgHoldingSeconds).toBe(7200);
  });

  it('is null in every ratio without a closed trip', () => {
    expect(tradeStats([])).toEqual({ trades: 0, wins: 0, losses: 0, breakEvens: 0, winRate: null, profitFactor: null, avgHoldingSeconds: null, expectancy: null });
  });

  it('has no profit factor without a loss and 0 with losses but no win', () => {
    expect(tradeStats([closedTrip(5), closedTrip(0)])).toMatchObject({ winRate: 0.5, profitFactor: null });
    expect(tradeStats([closedTrip(-5), closedTrip(0)])).toMatchObject({ winRate: 0, profitFactor: 0 });
    expect(profitFactor(0, 0, 0)).toBeNull();
    expect(winRate(0, 0)).toBeNull();
  });

  it('leaves break-evens out of the profit factor', () => {
    // (3) / |−2|; the −0.003 break-even adds to neither side
    expect(tradeStats([closedTrip(3), closedTrip(-2), closedTrip(-0.003)]).profitFactor).toBe(1.5);
  });

  it('counts open round trips in no figure', () => {
    const { closed } = roundTrips([fill('buy', 1, 100, 0), fill('sell', 1, 110, 1), fill('buy', 1, 100, 2)]);
    expect(tradeStats(closed)).toMatchObject({ trades: 1, wins: 1, expectancy: 10, avgHoldingSeconds: 3600 });
  });

  it('splits every trip into exactly one outcome (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true })), (pnls) => {
        const s = tradeStats(pnls.map((p) => closedTrip(p)));
        expect(s.wins + s.losses + s.breakEvens).toBe(pnls.length);
        if (s.winRate !== null) expect(s.winRate).toBeLessThanOrEqual(1);
        if (s.profitFactor !== null) expect(s.profitFactor).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
