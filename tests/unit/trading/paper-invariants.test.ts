import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SYNTHETIC_SPECS } from '../../../src/core/market/synthetic/synthetic-instruments';
import { gridRounder, isOnStep } from '../../../src/shared/numbers/steps';
import { applyFillToLots } from '../../../src/shared/trading/fifo-lots';
import type { Lot } from '../../../src/shared/trading/position';
import { isWorking, sideSign } from '../../../src/shared/trading/order';
import { paperHarness, type PaperHarness } from '../../helpers/paper-harness';

const SYMBOLS = ['ETH/USDT', 'AAPL', 'DE40'] as const;
const inst = (symbol: string) => SYNTHETIC_SPECS.find((s) => s.instrument.symbol === symbol)!.instrument;
const BASE: Record<string, number> = { 'ETH/USDT': 3000, AAPL: 190, DE40: 18_000 };

type Action =
  | { kind: 'quote'; symbol: number; move: number; spreadTicks: number; size: number }
  | { kind: 'fx'; rate: number }
  | { kind: 'place'; symbol: number; side: 'buy' | 'sell'; type: 'market' | 'limit' | 'stop' | 'stop_limit'; lots: number; offsetTicks: number; tif: 'GTC' | 'IOC' | 'FOK' | 'DAY'; reduceOnly: boolean; bracket: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'modify'; pick: number; offsetTicks: number }
  | { kind: 'expire' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('quote' as const), symbol: fc.nat(2), move: fc.double({ min: -0.02, max: 0.02, noNaN: true }), spreadTicks: fc.integer({ min: 1, max: 5 }), size: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fx' as const), rate: fc.double({ min: 1.0, max: 1.2, noNaN: true }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      symbol: fc.nat(2),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'stop_limit' as const),
      lots: fc.integer({ min: 1, max: 40 }),
      offsetTicks: fc.integer({ min: -30, max: 30 }),
      tif: fc.constantFrom('GTC' as const, 'IOC' as const, 'FOK' as const, 'DAY' as const),
      reduceOnly: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      bracket: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('modify' as const), pick: fc.nat(), offsetTicks: fc.integer({ min: -30, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const) }) },
);

async function run(h: PaperHarness, a: Action, mids: Map<string, number>): Promise<void> {
  if (a.kind === 'quote') {
    const symbol = SYMBOLS[a.symbol]!;
    const i = inst(symbol);
    const round = gridRounder(i.tickSize);
    const mid = round(mids.get(symbol)! * (1 + a.move));
    mids.set(symbol, mid);
    const half = a.spreadTicks * i.tickSize;
    h.board.set(symbol, { bid: round(mid - half), ask: round(mid + half), bidSize: a.size * i.lotStep * 4, askSize: a.size * i.lotStep * 4, last: mid });
  } else if (a.kind === 'fx') {
    h.board.set('EUR/USD', { bid: a.rate, ask: a.rate });
  } else if (a.kind === 'place') {
    const symbol = SYMBOLS[a.symbol]!;
    const i = inst(symbol);
    const q = h.board.lastQuote(symbol)!;
    const px = gridRounder(i.tickSize)(Math.max(i.tickSize, (q.bid + q.ask) / 2 + a.offsetTicks * i.tickSize * 10));
    const stop = gridRounder(i.tickSize)(a.side === 'buy' ? q.ask + Math.abs(a.offsetTicks + 1) * i.tickSize * 10 : Math.max(i.tickSize, q.bid - Math.abs(a.offsetTicks + 1) * i.tickSize * 10));
    const ref = a.type === 'market' ? (a.side === 'buy' ? q.ask : q.bid) : a.type === 'stop' ? stop : px;
    const far = 50 * i.tickSize * 10;
    await h
      .place({
        symbol,
        side: a.side,
        type: a.type,
        qty: gridRounder(i.lotStep)(a.lots * i.lotStep * (symbol === 'AAPL' ? 1 : 10)),
        ...(a.type === 'limit' || a.type === 'stop_limit' ? { price: px } : {}),
        ...(a.type === 'stop' || a.type === 'stop_limit' ? { stopPrice: stop } : {}),
        tif: a.type === 'market' && a.tif === 'DAY' ? 'GTC' : a.tif,
        reduceOnly: a.reduceOnly && !a.bracket,
        ...(a.bracket && !a.reduceOnly ? { bracket: a.side === 'buy' ? { stopLoss: gridRounder(i.tickSize)(ref - far), takeProfit: gridRounder(i.tickSize)(ref + far) } : { stopLoss: gridRounder(i.tickSize)(ref + far), takeProfit: gridRounder(i.tickSize)(ref - far) } } : {}),
      })
      .catch((e: unknown) => {
        // Refusals are part of trading; anything else is a bug.
        if (!(e instanceof Error) || !/Rejected|Insufficient|Invalid|MarketClosed/.test(e.name)) throw e;
      });
  } else if (a.kind === 'cancel' || a.kind === 'modify') {
    const open = h.broker.openOrders();
    if (open.length === 0) return;
    const o = open[a.pick % open.length]!;
    const i = inst(o.symbol);
    const changes = a.kind === 'modify' && o.price !== null ? { price: gridRounder(i.tickSize)(Math.max(i.tickSize, o.price + a.offsetTicks * i.tickSize)) } : undefined;
    await (changes ? h.broker.modifyOrder(o.id, changes) : h.broker.cancelOrder(o.id)).catch((e: unknown) => {
      if (!(e instanceof Error) || !/Invalid|Insufficient|Final/.test(e.name)) throw e;
    });
  } else {
    h.broker.housekeeping(h.clock.now() + 86_400_000);
  }
}

function checkInvariants(h: PaperHarness, startingBalance: number): void {
  const m = h.broker.account();
  // Cash + marked positions = equity = start + realised (net of fees) + unrealised.
  expect(m.equity).toBeCloseTo(startingBalance + m.realizedPnl + m.unrealizedPnl, 4);
  let cash = startingBalance;
  for (const f of h.fills) cash -= sideSign(f.side) * f.qty * f.price * f.fxRate + f.fee;
  expect(m.balance).toBeCloseTo(cash, 4);

  const orders = h.orders;
  const filledByOrder = new Map<string, number>();
  for (const f of h.fills) {
    const o = orders.get(f.orderId);
    expect(o, `fill ${f.id} has an order`).toBeDefined();
    expect(f.clientOrderId).toBe(o!.clientOrderId);
    expect(f.qty).toBeGreaterThan(0);
    expect(isOnStep(f.qty, inst(f.symbol).lotStep)).toBe(true);
    filledByOrder.set(f.orderId, (filledByOrder.get(f.orderId) ?? 0) + f.qty);
  }
  for (const o of orders.values()) {
    const i = inst(o.symbol);
    expect(o.filledQty).toBeGreaterThanOrEqual(0);
    expect(o.filledQty).toBeLessThanOrEqual(o.qty + 1e-12);
    expect(isOnStep(o.qty, i.lotStep) && isOnStep(o.filledQty, i.lotStep)).toBe(true);
    expect(o.filledQty).toBeCloseTo(filledByOrder.get(o.id) ?? 0, 9);
    if (o.status === 'filled') expect(o.filledQty).toBeCloseTo(o.qty, 9);
  }
  expect(h.fills.map((f) => f.seq)).toEqual(h.fills.map((_, k) => k + 1));

  // Replaying the fills alone reproduces every position and the realised P&L exactly.
  const replay = new Map<string, { lots: Lot[]; realized: number }>();
  let realized = 0;
  for (const f of h.fills) {
    const p = replay.get(f.symbol) ?? { lots: [], realized: 0 };
    const after = applyFillToLots(p.lots, { qty: sideSign(f.side) * f.qty, price: f.price, fxRate: f.fxRate, time: f.time }, gridRounder(inst(f.symbol).lotStep));
    expect(after.realizedPnl).toBe(f.realizedPnl);
    replay.set(f.symbol, { lots: after.lots, realized: p.realized + after.realizedPnl - f.fee });
    realized += after.realizedPnl - f.fee;
  }
  expect(m.realizedPnl).toBeCloseTo(realized, 6);
  for (const symbol of SYMBOLS) {
    const live = h.broker.positions().find((p) => p.symbol === symbol);
    const replayed = replay.get(symbol);
    expect(live?.lots ?? []).toEqual(replayed?.lots ?? []);
    for (const lot of live?.lots ?? []) expect(isOnStep(Math.abs(lot.qty), inst(symbol).lotStep) && lot.qty !== 0).toBe(true);
    if (live) expect(live.realizedPnl).toBeCloseTo(replayed!.realized, 6);
  }
  // Working orders are exactly the orders whose last state is working.
  expect(new Set(h.broker.openOrders().map((o) => o.id))).toEqual(new Set([...orders.values()].filter((o) => isWorking(o.status)).map((o) => o.id)));
}

describe('paper broker invariants over random order sequences', () => {
  test.each([
    ['margin', { type: 'margin' as const, leverage: 3 }],
    ['cash', { type: 'cash' as const, leverage: 1 }],
  ])('%s account: money adds up, quantities stay on lots, fills belong to orders, replay reproduces positions', async (_name, config) => {
    const seen = { fills: 0, rejected: 0, brackets: 0, expired: 0, partial: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 20, maxLength: 80, size: 'max' }), async (actions) => {
        const h = paperHarness({ ...config, balance: 1_000_000 });
        const mids = new Map(Object.entries(BASE));
        h.board.set('EUR/USD', { bid: 1.1, ask: 1.1 });
        for (const symbol of SYMBOLS) await run(h, { kind: 'quote', symbol: SYMBOLS.indexOf(symbol), move: 0, spreadTicks: 1, size: 10 }, mids);
        for (const a of actions) {
          await run(h, a, mids);
          checkInvariants(h, 1_000_000);
        }
        seen.fills += h.fills.length;
        for (const o of h.orders.values()) {
          if (o.status === 'rejected') seen.rejected++;
          if (o.role !== 'entry') seen.brackets++;
          if (o.status === 'expired') seen.expired++;
          if (o.filledQty > 0 && o.filledQty < o.qty) seen.partial++;
        }
      }),
      { numRuns: 150 },
    );
    // The sequences must exercise what the invariants are about, not pass vacuously.
    expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
  });
});
