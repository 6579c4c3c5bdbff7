import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardsSchema, type Sizing } from '../../../src/shared/copy/copy-settings';
import { gridRounder } from '../../../src/shared/numbers/steps';
import { planSignal, type PlanInput } from '../../../src/core/copytrade/copy-plan';

const LOT = 0.01;
const round = gridRounder(LOT);
const guards = guardsSchema.parse({ stopLoss: null });
const instrument = { symbol: 'BTC/USD', lotStep: LOT, minQty: LOT, tickSize: 0.01 };

/** Leader trades as signed quantities in whole lots of 0.1: buys, sells, partial closes and flips. */
const leaderTrades = fc.array(fc.integer({ min: -40, max: 40 }).filter((q) => q !== 0), { minLength: 1, maxLength: 60 });

interface Run {
  leader: number[];
  mine: number[];
}

/** Feeds the leader's trades through the planner, filling every planned order in full. */
function run(sizing: Sizing, trades: number[], opts: { leaderEquity: number; allocation: number; price: number; reverse?: boolean }): Run {
  let leaderPos = 0;
  let ideal = 0;
  let actual = 0;
  const leader: number[] = [];
  const mine: number[] = [];
  let seq = 0;
  for (const lots of trades) {
    const before = leaderPos;
    leaderPos = round(leaderPos + lots / 10);
    const input: PlanInput = {
      sizing,
      guards: { ...guards, reverse: opts.reverse ?? false },
      state: 'active',
      leaderSymbol: 'BTC/USD',
      trade: { before, after: leaderPos, price: opts.price, fxRate: 1, equity: opts.leaderEquity },
      signedAt: 1000 + seq,
      now: 1000 + seq++,
      instrument,
      me: { allocationEquity: opts.allocation, price: opts.price, fxRate: 1, riskScale: 0.5 },
      book: { ideal, actual, openSymbols: actual === 0 ? 0 : 1, grossExposure: Math.abs(actual) * opts.price },
    };
    const plan = planSignal(input);
    if (plan.outcome === 'copied') for (const o of plan.orders) actual = round(actual + (o.side === 'buy' ? o.qty : -o.qty));
    ideal = plan.ideal;
    leader.push(leaderPos);
    mine.push(actual);
  }
  return { leader, mine };
}

const money = { leaderEquity: 100_000, allocation: 25_000, price: 50_000 };

describe('copy sizing keeps the follower proportional to the leader (property)', () => {
  it('proportional: my position is my share of the leader’s, within one lot step, after every trade', () => {
    fc.assert(
      fc.property(leaderTrades, (trades) => {
        const { leader, mine } = run({ mode: 'proportional' }, trades, money);
        const ratio = money.allocation / money.leaderEquity;
        leader.forEach((l, i) => expect(Math.abs(mine[i]! - ratio * l)).toBeLessThanOrEqual(LOT + 1e-9));
      }),
      { numRuns: 300 },
    );
  });

  it('multiplier: my position is the factor times the leader’s, within one lot step', () => {
    fc.assert(
      fc.property(leaderTrades, fc.double({ min: 0.05, max: 5, noNaN: true }), (trades, factor) => {
        const { leader, mine } = run({ mode: 'multiplier', factor }, trades, money);
        leader.forEach((l, i) => expect(Math.abs(mine[i]! - factor * l)).toBeLessThanOrEqual(LOT + 1e-9));
      }),
      { numRuns: 300 },
    );
  });

  it('risk: my position is the proportional one scaled by the risk scale, within one lot step', () => {
    fc.assert(
      fc.property(leaderTrades, (trades) => {
        const { leader, mine } = run({ mode: 'risk', targetVolatility: 0.1, maxScale: 3 }, trades, money);
        const ratio = (money.allocation / money.leaderEquity) * 0.5;
        leader.forEach((l, i) => expect(Math.abs(mine[i]! - ratio * l)).toBeLessThanOrEqual(LOT + 1e-9));
      }),
      { numRuns: 300 },
    );
  });

  it('fixed: I am on the leader’s side or flat with it, and every reduce mirrors the leader’s within one lot step', () => {
    fc.assert(
      fc.property(leaderTrades, fc.integer({ min: 1, max: 50 }), (trades, lots) => {
        const qty = lots * LOT;
        const { leader, mine } = run({ mode: 'fixed', qty }, trades, money);
        let ideal = 0;
        leader.forEach((l, i) => {
          const before = i === 0 ? 0 : leader[i - 1]!;
          // The same rule by hand: opens add `qty`, reduces scale, flat is flat.
          if (l === 0) ideal = 0;
          else if (before === 0 || Math.sign(l) !== Math.sign(before)) ideal = Math.sign(l) * qty;
          else if (Math.abs(l) > Math.abs(before)) ideal += Math.sign(l) * qty;
          else ideal *= l / before;
          expect(Math.abs(mine[i]! - ideal)).toBeLessThanOrEqual(LOT + 1e-9);
          if (l === 0) expect(mine[i]).toBe(0);
          else if (mine[i] !== 0) expect(Math.sign(mine[i]!)).toBe(Math.sign(l));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reverse: my position is the opposite of the proportional one', () => {
    fc.assert(
      fc.property(leaderTrades, (trades) => {
        const { leader, mine } = run({ mode: 'proportional' }, trades, { ...money, reverse: true });
        const ratio = money.allocation / money.leaderEquity;
        leader.forEach((l, i) => expect(Math.abs(mine[i]! + ratio * l)).toBeLessThanOrEqual(LOT + 1e-9));
      }),
      { numRuns: 200 },
    );
  });
});
