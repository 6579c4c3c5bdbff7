import { describe, expect, test, vi } from 'vitest';
import { InsufficientFundsError, InvalidOrderError, MarketClosedError, OrderFinalError } from '../../../src/core/brokers/broker-errors';
import { MARKET_OPEN, paperHarness } from '../../helpers/paper-harness';

const BTC = 'BTC/USDT';

describe('paper broker: market orders', () => {
  test('a market buy walks the modelled book: bigger orders pay more, taker fees in the account currency', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 1 });
    const order = await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 2.5 });
    // Levels a spread (1.0) apart: 1 at the ask, then 1.5 one level behind it.
    expect(h.fills.map((f) => [f.qty, f.price, f.liquidity])).toEqual([
      [1, 50_001, 'taker'],
      [1.5, 50_002, 'taker'],
    ]);
    expect(order).toMatchObject({ status: 'filled', filledQty: 2.5 });
    expect(order.avgFillPrice).toBeCloseTo(50_001.6, 8);
    const value = 50_001 + 1.5 * 50_002;
    expect(h.fills.reduce((s, f) => s + f.fee, 0)).toBeCloseTo(value * 0.0005, 8);
    expect(h.broker.account().balance).toBeCloseTo(100_000 - value - value * 0.0005, 6);
  });

  test('what the modelled depth cannot absorb is cancelled with the reason', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 0.01 });
    const order = await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1.5 });
    expect(order.status).toBe('cancelled');
    expect(order.filledQty).toBeCloseTo(1.15, 8); // 20 levels of 0.01 × (1 + k/2)
    expect(order.reason).toMatch(/no liquidity/);
  });

  test('market orders are refused while the market is closed; limits wait for the open', async () => {
    const h = paperHarness();
    h.clock.set(Date.UTC(2026, 10, 28, 15, 0)); // a Saturday
    h.board.set('AAPL', { bid: 190, ask: 190.02 });
    await expect(h.place({ symbol: 'AAPL', side: 'buy', type: 'market', qty: 10 })).rejects.toThrow(MarketClosedError);
    const limit = await h.place({ symbol: 'AAPL', side: 'buy', type: 'limit', qty: 10, price: 191 });
    expect(limit.status).toBe('new');
    expect(h.fills).toHaveLength(0);
    // Monday's open: the first quote fills it at its price.
    h.clock.set(Date.UTC(2026, 10, 30, 14, 31));
    h.board.set('AAPL', { bid: 190.5, ask: 190.6, askSize: 100 });
    expect(h.fills.map((f) => [f.qty, f.price, f.liquidity])).toEqual([[10, 191, 'maker']]);
  });
});

describe('paper broker: limit, stop and time in force', () => {
  test('a resting limit fills at its price, up to the size shown, as the quote reaches it', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const order = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 0.5, price: 49_990 });
    expect(order.status).toBe('new');
    h.board.set(BTC, { bid: 49_980, ask: 49_985, askSize: 0.3 });
    expect(h.orders.get(order.id)).toMatchObject({ status: 'partially_filled', filledQty: 0.3 });
    h.board.set(BTC, { bid: 49_980, ask: 49_989, askSize: 1 });
    expect(h.orders.get(order.id)).toMatchObject({ status: 'filled', filledQty: 0.5, avgFillPrice: 49_990 });
    expect(h.fills.every((f) => f.liquidity === 'maker' && f.price === 49_990)).toBe(true);
    expect(h.fills[0]!.fee).toBeCloseTo(0.3 * 49_990 * 0.0001, 8);
  });

  test('a marketable limit takes what is within its price and rests the rest (GTC) or cancels it (IOC)', async () => {
    const h = paperHarness({ balance: 500_000 });
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 1 });
    const gtc = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 2, price: 50_001.5 });
    expect(gtc).toMatchObject({ status: 'partially_filled', filledQty: 1 });
    const ioc = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 2, price: 50_001.5, tif: 'IOC' });
    expect(ioc).toMatchObject({ status: 'cancelled', filledQty: 1 });
    expect(ioc.reason).toMatch(/Immediate-or-cancel/);
  });

  test('fill-or-kill fills everything at once or nothing', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 1 });
    const killed = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 2, price: 50_001.5, tif: 'FOK' });
    expect(killed.status).toBe('cancelled');
    expect(h.fills).toHaveLength(0);
    const filled = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 2, price: 50_002, tif: 'FOK' });
    expect(filled).toMatchObject({ status: 'filled', filledQty: 2 });
  });

  test('a stop triggers on the quote and then trades as a market order; a stop on the wrong side is refused', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    await expect(h.place({ symbol: BTC, side: 'buy', type: 'stop', qty: 0.1, stopPrice: 49_000 })).rejects.toThrow(/above the ask/);
    const stop = await h.place({ symbol: BTC, side: 'buy', type: 'stop', qty: 0.1, stopPrice: 50_100 });
    h.board.set(BTC, { bid: 50_050, ask: 50_051 });
    expect(h.orders.get(stop.id)).toMatchObject({ status: 'new', triggered: false });
    h.board.set(BTC, { bid: 50_100, ask: 50_101 });
    expect(h.orders.get(stop.id)).toMatchObject({ status: 'filled', triggered: true, avgFillPrice: 50_101 });
  });

  test('a stop-limit becomes a limit when triggered and rests if the market ran past it', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const order = await h.place({ symbol: BTC, side: 'sell', type: 'stop_limit', qty: 0.2, stopPrice: 49_900, price: 49_880 });
    h.board.set(BTC, { bid: 49_850, ask: 49_851 });
    expect(h.orders.get(order.id)).toMatchObject({ status: 'new', triggered: true, filledQty: 0 });
    h.board.set(BTC, { bid: 49_890, ask: 49_891 });
    expect(h.orders.get(order.id)).toMatchObject({ status: 'filled', avgFillPrice: 49_880 });
  });

  test('DAY orders expire when the trading day ends (UTC midnight for crypto)', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const order = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 0.1, price: 40_000, tif: 'DAY' });
    expect(order.expiresAt).toBe(Date.UTC(2026, 10, 25));
    h.broker.housekeeping(Date.UTC(2026, 10, 24, 23, 59));
    expect(h.orders.get(order.id)!.status).toBe('new');
    h.broker.housekeeping(Date.UTC(2026, 10, 25));
    expect(h.orders.get(order.id)).toMatchObject({ status: 'expired', reason: expect.stringMatching(/trading day ended/) });
  });

  test('a DAY stock order expires at the session close', async () => {
    const h = paperHarness();
    h.board.set('AAPL', { bid: 190, ask: 190.02 });
    const order = await h.place({ symbol: 'AAPL', side: 'buy', type: 'limit', qty: 1, price: 150, tif: 'DAY' });
    expect(order.expiresAt).toBe(Date.UTC(2026, 10, 24, 21, 0)); // 16:00 New York
  });
});

describe('paper broker: brackets, reduce-only, modify, cancel', () => {
  test('a bracket entry creates an OCO stop-loss and take-profit; one filling cancels the other and the position is flat', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const entry = await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1, bracket: { stopLoss: 49_000, takeProfit: 52_000 } });
    const children = h.broker.openOrders();
    expect(children.map((c) => [c.role, c.type, c.side, c.qty, c.stopPrice ?? c.price, c.reduceOnly, c.parentId])).toEqual([
      ['stop_loss', 'stop', 'sell', 1, 49_000, true, entry.id],
      ['take_profit', 'limit', 'sell', 1, 52_000, true, entry.id],
    ]);
    h.board.set(BTC, { bid: 52_000, ask: 52_001, bidSize: 5 });
    const [sl, tp] = children.map((c) => h.orders.get(c.id)!);
    expect(tp).toMatchObject({ status: 'filled' });
    expect(sl).toMatchObject({ status: 'cancelled', reason: expect.stringMatching(/OCO/) });
    expect(h.broker.positions()).toEqual([]);
  });

  test('a bracket with the stop-loss on the wrong side is refused with the reason', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    await expect(h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1, bracket: { stopLoss: 51_000 } })).rejects.toThrow(/stop-loss must be below/);
  });

  test('reduce-only needs a position to reduce and never flips it', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, bidSize: 10 });
    await expect(h.place({ symbol: BTC, side: 'sell', type: 'market', qty: 1, reduceOnly: true })).rejects.toThrow(/no long BTC\/USDT position/);
    await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 0.5 });
    const close = await h.place({ symbol: BTC, side: 'sell', type: 'market', qty: 2, reduceOnly: true });
    expect(close.filledQty).toBe(0.5);
    expect(h.broker.positions()).toEqual([]);
  });

  test('orders beyond buying power are refused with amounts, and recorded as rejected', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 100 });
    const error = await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect((error as Error).message).toMatch(/needs 125,127\.50 USD of margin; 100,000\.00 USD is available/);
    expect((error as InsufficientFundsError).order).toMatchObject({ status: 'rejected', reason: (error as Error).message });
    expect([...h.orders.values()].map((o) => o.status)).toEqual(['rejected']);
  });

  test('a cash account cannot sell short', async () => {
    const h = paperHarness({ type: 'cash', leverage: 1 });
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    await expect(h.place({ symbol: BTC, side: 'sell', type: 'market', qty: 0.1 })).rejects.toThrow(/cannot sell short/);
  });

  test('the same client order id twice returns the first order, never a second one', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const [a, b] = await Promise.all([
      h.place({ clientOrderId: 'same', symbol: BTC, side: 'buy', type: 'market', qty: 0.1 }),
      h.place({ clientOrderId: 'same', symbol: BTC, side: 'buy', type: 'market', qty: 0.1 }),
    ]);
    expect(b.id).toBe(a.id);
    expect(h.fills).toHaveLength(1);
  });

  test('ended orders leave memory, bounded: a retry of an old one is answered from history, a recent one from memory; none trades twice', async () => {
    const h = paperHarness({}, { recentEnded: 3 });
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const placed = [];
    for (let i = 1; i <= 5; i++) placed.push(await h.place({ clientOrderId: `o${i}`, symbol: BTC, side: 'buy', type: 'market', qty: 0.01 }));
    const rejected = await h.place({ clientOrderId: 'big', symbol: BTC, side: 'buy', type: 'market', qty: 1000 }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(InsufficientFundsError);
    h.historyLookups.length = 0;

    const again = (cid: string) => h.place({ clientOrderId: cid, symbol: BTC, side: 'buy', type: 'market', qty: 0.01 });
    // The three newest ended orders (o4, o5 and the rejection) are still in memory.
    expect((await again('o5')).id).toBe(placed[4]!.id);
    expect((await again('big')).status).toBe('rejected');
    expect(h.historyLookups).toEqual([]);
    // o1 was dropped from memory: history answers, and the broker does not trade it again.
    const old = await again('o1');
    expect(old.id).toBe(placed[0]!.id);
    expect(old.status).toBe('filled');
    expect(h.historyLookups).toEqual(['o1']);
    expect(h.fills).toHaveLength(5);
  });

  test('modify: a limit moved through the market trades at once; a quantity below what filled is refused', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 0.3 });
    const order = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 1, price: 49_000 });
    const moved = await h.broker.modifyOrder(order.id, { price: 50_001 });
    expect(moved).toMatchObject({ status: 'partially_filled', filledQty: 0.3, price: 50_001 });
    await expect(h.broker.modifyOrder(order.id, { qty: 0.3 })).rejects.toThrow(InvalidOrderError);
    await expect(h.broker.modifyOrder(order.id, { stopPrice: 1 })).rejects.toThrow(/no stop price/);
  });

  test('cancel ends a working order; cancelling it again says it is final', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const order = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 1, price: 49_000 });
    expect(await h.broker.cancelOrder(order.id)).toMatchObject({ status: 'cancelled', reason: 'Cancelled by you' });
    await expect(h.broker.cancelOrder(order.id)).rejects.toThrow(OrderFinalError);
  });
});

describe('paper broker: money', () => {
  test('instruments quoted in another currency convert at the market’s FX rate, recorded on the fill', async () => {
    const h = paperHarness();
    h.board.set('EUR/USD', { bid: 1.1, ask: 1.1 });
    h.board.set('DE40', { bid: 18_000, ask: 18_000.5, askSize: 5 });
    await h.place({ symbol: 'DE40', side: 'buy', type: 'market', qty: 1 });
    expect(h.fills[0]).toMatchObject({ price: 18_000.5, fxRate: 1.1 });
    h.board.set('EUR/USD', { bid: 1.2, ask: 1.2 });
    h.board.set('DE40', { bid: 18_000.5, ask: 18_001, last: 18_000.5 });
    // Same euro price, a dearer euro: the position gained in dollars.
    expect(h.broker.account().unrealizedPnl).toBeCloseTo(18_000.5 * 0.1, 6);
  });

  test('equity is cash plus marked positions; margin is gross exposure over leverage', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 10 });
    await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1 });
    h.board.set(BTC, { bid: 51_000, ask: 51_001, last: 51_000 });
    const m = h.broker.account();
    expect(m.equity).toBeCloseTo(m.balance + 51_000, 6);
    expect(m.marginUsed).toBeCloseTo(25_500, 6);
    expect(m.unrealizedPnl).toBeCloseTo(51_000 - 50_001, 6);
    expect(m.buyingPower).toBeCloseTo((m.equity - m.marginUsed) * 2, 6);
  });

  test('reset cancels working orders, drops positions and restores the balance', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 0.1 });
    const limit = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 0.1, price: 40_000 });
    h.broker.reset(25_000);
    expect(h.orders.get(limit.id)!.status).toBe('cancelled');
    expect(h.broker.positions()).toEqual([]);
    expect(h.broker.account()).toMatchObject({ balance: 25_000, equity: 25_000, realizedPnl: 0 });
    expect(h.lastPosition(BTC)!.lots).toEqual([]);
    expect(MARKET_OPEN).toBeGreaterThan(0);
  });
});

describe('paper broker: edge cases found in review', () => {
  test('an entry that fills again after its first bracket closed gets a fresh, uniquely named pair', async () => {
    const h = paperHarness({ balance: 500_000 });
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const entry = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 2, price: 49_990, bracket: { stopLoss: 49_000, takeProfit: 50_500 } });
    h.board.set(BTC, { bid: 49_980, ask: 49_985, askSize: 1 });
    h.board.set(BTC, { bid: 50_600, ask: 50_601, bidSize: 5 });
    expect(h.broker.positions()).toEqual([]);
    h.board.set(BTC, { bid: 49_980, ask: 49_985, askSize: 1 });
    const children = [...h.orders.values()].filter((o) => o.parentId === entry.id);
    expect(new Set(children.map((c) => c.clientOrderId)).size).toBe(children.length);
    expect(children.filter((c) => c.status === 'new').map((c) => [c.role, c.qty])).toEqual([
      ['stop_loss', 1],
      ['take_profit', 1],
    ]);
  });

  test('a reduce-only order cut back by the position is cancelled, and a flip cancels the protection', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, bidSize: 5, askSize: 5 });
    await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1, bracket: { stopLoss: 49_000, takeProfit: 51_000 } });
    await h.place({ symbol: BTC, side: 'sell', type: 'market', qty: 0.4 });
    h.board.set(BTC, { bid: 51_000, ask: 51_001, bidSize: 5 });
    const tp = [...h.orders.values()].find((o) => o.role === 'take_profit')!;
    expect(tp).toMatchObject({ filledQty: 0.6 });
    expect(tp.status === 'filled' || tp.status === 'cancelled').toBe(true);
    expect(h.broker.openOrders()).toEqual([]);

    const g = paperHarness();
    g.board.set(BTC, { bid: 50_000, ask: 50_001, bidSize: 5, askSize: 5 });
    await g.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1, bracket: { stopLoss: 49_000, takeProfit: 51_000 } });
    await g.place({ symbol: BTC, side: 'sell', type: 'market', qty: 2 });
    expect(g.broker.openOrders()).toEqual([]);
    expect([...g.orders.values()].filter((o) => o.role !== 'entry').map((o) => o.reason)).toEqual(['The position it protected was reversed', 'The position it protected was reversed']);
  });

  test('a higher limit price needs the margin for it', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const o = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 5, price: 1000 });
    await expect(h.broker.modifyOrder(o.id, { price: 50_001 })).rejects.toThrow(InsufficientFundsError);
    expect(h.fills).toEqual([]);
  });

  test('a cash account cannot go short through several resting sells, nor into negative cash by walking the book', async () => {
    const h = paperHarness({ type: 'cash', leverage: 1 });
    h.board.set(BTC, { bid: 50_000, ask: 50_001, askSize: 10 });
    await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1 });
    await h.place({ symbol: BTC, side: 'sell', type: 'limit', qty: 1, price: 51_000 });
    await expect(h.place({ symbol: BTC, side: 'sell', type: 'limit', qty: 1, price: 51_000 })).rejects.toThrow(/cannot sell short.*already offered/);

    const c = paperHarness({ type: 'cash', leverage: 1 });
    c.board.set(BTC, { bid: 50_000, ask: 50_100, askSize: 1 });
    await c.place({ symbol: BTC, side: 'buy', type: 'market', qty: 1.99 }).catch(() => undefined);
    expect(c.broker.account().balance).toBeGreaterThanOrEqual(0);
  });

  test('a DAY order past its end never fills, even before housekeeping runs', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    const o = await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 0.1, price: 49_000, tif: 'DAY' });
    h.clock.set(o.expiresAt! + 500);
    h.board.set(BTC, { bid: 48_000, ask: 48_001 });
    expect(h.orders.get(o.id)!.status).toBe('expired');
    expect(h.fills).toEqual([]);
  });

  test('a reduce-only fill-or-kill larger than the position fills nothing', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001, bidSize: 5, askSize: 5 });
    await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 0.5 });
    const o = await h.place({ symbol: BTC, side: 'sell', type: 'market', qty: 1, tif: 'FOK', reduceOnly: true });
    expect(o).toMatchObject({ status: 'cancelled', filledQty: 0, reason: expect.stringMatching(/can be reduced/) });
  });

  test('resting orders share the size a quote shows', async () => {
    const h = paperHarness();
    h.board.set(BTC, { bid: 50_000, ask: 50_001 });
    await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 1, price: 49_990 });
    await h.place({ symbol: BTC, side: 'buy', type: 'limit', qty: 1, price: 49_990 });
    h.board.set(BTC, { bid: 49_980, ask: 49_985, askSize: 1.2 });
    expect(h.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(1.2, 9);
  });

  test('a refused order does not keep its symbol followed after the linger time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const h = paperHarness();
      h.board.set(BTC, { bid: 50_000, ask: 50_001 });
      await h.place({ symbol: BTC, side: 'buy', type: 'market', qty: 100 }).catch(() => undefined);
      expect(h.board.watched(BTC)).toBe(1);
      vi.advanceTimersByTime(60_000);
      expect(h.board.watched(BTC)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
