import { describe, expect, it } from 'vitest';
import { guardsSchema, type GuardsIn, type Sizing } from '../../../src/shared/copy/copy-settings';
import { planSignal, splitChange, type Plan, type PlanInput } from '../../../src/core/copytrade/copy-plan';
import { openSize } from '../../../src/core/copytrade/copy-sizing';

const btc = { symbol: 'BTC/USD', lotStep: 0.001, minQty: 0.001, tickSize: 0.5 };
const eth = { symbol: 'ETH/USD', lotStep: 0.01, minQty: 0.01, tickSize: 0.01 };

/** The leader (equity 100,000) buys 1 BTC at 50,000 from flat; I copy with 10,000. */
function input(over: { guards?: GuardsIn; sizing?: Sizing; before?: number; after?: number; book?: Partial<PlanInput['book']>; me?: Partial<PlanInput['me']>; instrument?: PlanInput['instrument'] | null; state?: PlanInput['state']; age?: number; price?: number } = {}): PlanInput {
  return {
    sizing: over.sizing ?? { mode: 'proportional' },
    guards: guardsSchema.parse(over.guards ?? {}),
    state: over.state ?? 'active',
    leaderSymbol: 'BTC/USD',
    trade: { before: over.before ?? 0, after: over.after ?? 1, price: over.price ?? 50_000, fxRate: 1, equity: 100_000 },
    signedAt: 1_000_000,
    now: 1_000_000 + (over.age ?? 200),
    instrument: over.instrument === null ? undefined : (over.instrument ?? btc),
    me: { allocationEquity: 10_000, price: 50_000, fxRate: 1, riskScale: 1, ...over.me },
    book: { ideal: 0, actual: 0, openSymbols: 0, grossExposure: 0, ...over.book },
  };
}
const copied = (plan: Plan) => {
  if (plan.outcome !== 'copied') throw new Error(`expected a copy, got ${plan.outcome}: ${plan.message}`);
  return plan;
};

describe('sizing', () => {
  it('gives the same share of my allocation as the trade is of the leader’s equity', () => {
    // 1 BTC × 50,000 = 50 % of 100,000 → 50 % of 10,000 = 5,000 → 0.1 BTC
    expect(openSize({ mode: 'proportional' }, 1, { price: 50_000, fxRate: 1, equity: 100_000 }, { allocationEquity: 10_000, price: 50_000, fxRate: 1, riskScale: 1 })).toBeCloseTo(0.1, 12);
  });
  it('fixed notional buys that value of my instrument', () => {
    expect(openSize({ mode: 'fixed', notional: 2_500 }, 1, { price: 50_000, fxRate: 1, equity: 100_000 }, { allocationEquity: 10_000, price: 50_000, fxRate: 1, riskScale: 1 })).toBeCloseTo(0.05, 12);
  });
  it('splits a flip into a close and an open from flat', () => {
    expect(splitChange(0.3, -0.2)).toEqual({ reduce: -0.3, add: -0.2 });
    expect(splitChange(0.3, 0.1)).toEqual({ reduce: 0.1 - 0.3, add: 0 });
    expect(splitChange(0, 0.5)).toEqual({ reduce: 0, add: 0.5 });
  });
});

describe('planning one leader trade', () => {
  it('copies an opening trade proportionally at market', () => {
    const plan = copied(planSignal(input()));
    expect(plan.orders).toEqual([{ symbol: 'BTC/USD', side: 'buy', qty: 0.1, type: 'market', price: null, reduces: false }]);
  });

  it('mirrors a partial close proportionally', () => {
    const plan = copied(planSignal(input({ before: 1, after: 0.25, book: { ideal: 0.1, actual: 0.1, openSymbols: 1 } })));
    expect(plan.orders).toEqual([{ symbol: 'BTC/USD', side: 'sell', qty: 0.075, type: 'market', price: null, reduces: true }]);
  });

  it('turns a leader’s flip into a close and an open', () => {
    const plan = copied(planSignal(input({ before: 1, after: -0.5, book: { ideal: 0.1, actual: 0.1, openSymbols: 1 } })));
    expect(plan.orders.map((o) => [o.side, o.qty, o.reduces])).toEqual([
      ['sell', 0.1, true],
      ['sell', 0.05, false],
    ]);
  });

  it('trades the other side when reversed', () => {
    expect(copied(planSignal(input({ guards: { reverse: true } }))).orders[0]!.side).toBe('sell');
  });

  it('skips a trade too small after lot rounding, keeping it owed', () => {
    const plan = planSignal(input({ me: { allocationEquity: 5 } }));
    expect(plan).toMatchObject({ outcome: 'skipped', guard: 'lotSize' });
    expect(plan.message).toMatch(/rounds to nothing at lot step 0.001/);
    expect(plan.ideal).toBeCloseTo(0.00005, 12);
  });
});

describe('a signal not acted on (paused, too old)', () => {
  const held = { ideal: 0.1, actual: 0.1, openSymbols: 1 };
  it('still lowers what the copy wants by the leader’s reduction, sending nothing', () => {
    // The leader sells 3/4 of its BTC while I am paused: I still hold 0.1, but want 0.025.
    const plan = planSignal(input({ state: 'paused', before: 1, after: 0.25, book: held }));
    expect(plan).toMatchObject({ outcome: 'skipped', guard: 'paused' });
    expect(plan.ideal).toBeCloseTo(0.025, 12);
    expect(planSignal(input({ guards: { signalTtlSeconds: 5 }, age: 12_000, before: 1, after: 0.25, book: held })).ideal).toBeCloseTo(0.025, 12);
  });
  it('wants nothing after a leader’s close or flip, and no more after an addition', () => {
    expect(planSignal(input({ state: 'paused', before: 1, after: 0, book: held })).ideal).toBe(0);
    expect(planSignal(input({ state: 'paused', before: 1, after: -0.5, book: held })).ideal).toBe(0);
    expect(planSignal(input({ state: 'paused', before: 1, after: 2, book: held })).ideal).toBe(0.1);
    expect(planSignal(input({ state: 'paused', before: 0, after: 1, book: { ideal: 0, actual: 0 } })).ideal).toBe(0);
  });
  it('then mirrors the next close from what the copy wants, not from what the pause left', () => {
    // Resumed: the leader closes half of its remaining 0.25 → I want 0.0125 (0.013 on the lot grid) and sell down to it.
    const plan = copied(planSignal(input({ before: 0.25, after: 0.125, book: { ideal: 0.025, actual: 0.1, openSymbols: 1 } })));
    expect(plan.orders).toEqual([{ symbol: 'BTC/USD', side: 'sell', qty: 0.087, type: 'market', price: null, reduces: true }]);
  });
});

describe('each guard blocks with a reason a trader understands', () => {
  const blocked = (plan: Plan, guard: string, message: RegExp) => {
    expect(plan.outcome === 'blocked' || plan.outcome === 'skipped').toBe(true);
    expect(plan).toMatchObject({ guard });
    expect(plan.message).toMatch(message);
  };
  it('signal time-to-live', () => blocked(planSignal(input({ guards: { signalTtlSeconds: 5 }, age: 12_000 })), 'signalTtl', /12 s old, older than its 5 s time-to-live/));
  it('pause', () => blocked(planSignal(input({ state: 'paused' })), 'paused', /Paused/));
  it('close-only', () => blocked(planSignal(input({ guards: { closeOnly: true } })), 'closeOnly', /Close-only/));
  it('blocked symbols', () => blocked(planSignal(input({ guards: { blockedSymbols: ['BTC/USD'] } })), 'blockedSymbols', /BTC\/USD is on the blocked list/));
  it('allowed symbols', () => blocked(planSignal(input({ guards: { allowedSymbols: ['ETH/USD'] } })), 'allowedSymbols', /not on the allowed list/));
  it('max open positions', () => blocked(planSignal(input({ guards: { maxOpenPositions: 2 }, book: { openSymbols: 2 } })), 'maxOpenPositions', /Already 2 open positions/));
  it('max position value', () => blocked(planSignal(input({ guards: { maxPositionValue: 4_000 } })), 'maxPositionValue', /worth 5,000, above the 4,000 limit/));
  it('max leverage', () => blocked(planSignal(input({ guards: { maxLeverage: 0.4 } })), 'maxLeverage', /Leverage would be 0.50×, above the 0.4× limit/));
  it('max slippage (skip)', () => blocked(planSignal(input({ guards: { maxSlippageBps: 10 }, me: { price: 50_100 } })), 'maxSlippage', /20.0 bps from the leader's 50,000, beyond the 10 bps bound/));
  it('symbol map to a missing instrument', () => blocked(planSignal(input({ guards: { symbolMap: { 'BTC/USD': 'XBT/EUR' } }, instrument: null })), 'symbolMap', /No instrument XBT\/EUR \(mapped from BTC\/USD\)/));
  it('minimum quantity', () => blocked(planSignal(input({ instrument: { ...eth, symbol: 'BTC/USD', lotStep: 0.001, minQty: 0.5 } })), 'lotSize', /below the minimum quantity 0.5/));

  it('never blocks the closing part: a flip under close-only only closes', () => {
    const plan = copied(planSignal(input({ guards: { closeOnly: true }, before: 1, after: -1, book: { ideal: 0.1, actual: 0.1, openSymbols: 1 } })));
    expect(plan.orders).toEqual([{ symbol: 'BTC/USD', side: 'sell', qty: 0.1, type: 'market', price: null, reduces: true }]);
    expect(plan.blockedPart?.guard).toBe('closeOnly');
    expect(plan.ideal).toBe(0);
  });

  it('sends a limit order at the slippage bound when asked to', () => {
    const plan = copied(planSignal(input({ guards: { maxSlippageBps: 10, slippageAction: 'limit' }, me: { price: 50_100 } })));
    expect(plan.orders[0]).toMatchObject({ type: 'limit', price: 50_050, side: 'buy' });
  });
});
