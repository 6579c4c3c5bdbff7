import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import type { Core } from '../../../src/core/create-core';
import { ApiError } from '../../../src/shared/contract';
import type { Account } from '../../../src/shared/trading/account';
import type { Order } from '../../../src/shared/trading/order';
import { tempDir } from '../../helpers/temp-dir';
import { createTestCore, recordingLogger } from '../../helpers/test-core';
import { createScriptedFeed, type ScriptedFeed } from '../../helpers/scripted-feed';
import { MARKET_OPEN } from '../../helpers/paper-harness';

const BTC = 'BTC/USDT';

interface Rig {
  core: Core;
  feed: ScriptedFeed;
  clock: { now: () => number };
  account: Account;
  events: Array<{ topic: string; payload: unknown }>;
}

function open(dir: string): Rig {
  let now = MARKET_OPEN;
  const clock = { now: () => now++ };
  const feed = createScriptedFeed(clock.now);
  const core = createTestCore(dir, { feed, clock });
  const events: Rig['events'] = [];
  core.onAny((topic, payload) => events.push({ topic, payload }));
  const account = core.trading.accounts()[0]!;
  return { core, feed, clock, account, events };
}

/** Starts a call that waits for the symbol's first quote, then gives it one. */
async function withQuote<T>(rig: Rig, symbol: string, call: Promise<T>, quote = { bid: 50_000, ask: 50_001, bidSize: 5, askSize: 5 }): Promise<T> {
  await rig.feed.whenSubscribed(symbol);
  rig.feed.push({ symbol, ...quote });
  return call;
}

/** Resolves with the first event of `topic` that satisfies `match` (events are published after they are stored). */
function nextEvent<T>(core: Core, topic: 'orders.update' | 'fills.new', match: (payload: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = core.on(topic, (payload) => {
      if (match(payload as T)) {
        off();
        resolve(payload as T);
      }
    });
  });
}

const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('trading API', () => {
  test('a new profile has a paper account; accounts are created, configured and reset through the API', async () => {
    const rig = open(tempDir());
    try {
      expect(await rig.core.call('accounts.list', {})).toEqual([expect.objectContaining({ name: 'Paper', kind: 'paper', type: 'margin', currency: 'USD', leverage: 2, balance: 100_000, equity: 100_000, buyingPower: 200_000 })]);
      const cash = (await rig.core.call('accounts.create', { name: 'Cash', kind: 'paper', currency: 'EUR', balance: 5000 })) as Account;
      expect(cash).toMatchObject({ type: 'cash', leverage: 1, currency: 'EUR', balance: 5000, makerFeeBps: 1, takerFeeBps: 5 });
      expect(await rig.core.call('accounts.configure', { accountId: cash.id, maxOrderValue: 1000, takerFeeBps: 7 })).toMatchObject({ maxOrderValue: 1000, takerFeeBps: 7 });
      expect((await failure(rig.core.call('accounts.configure', { accountId: cash.id, leverage: 3 }))).code).toBe('INVALID_PARAMS');
      expect((await failure(rig.core.call('accounts.reset', { accountId: 'nope' }))).code).toBe('NOT_FOUND');
      expect(await rig.core.call('accounts.reset', { accountId: cash.id, balance: 7000 })).toMatchObject({ balance: 7000, startingBalance: 7000, resetAt: expect.any(Number) });
      expect(rig.events.filter((e) => e.topic === 'accounts.update').length).toBeGreaterThanOrEqual(3);
    } finally {
      await rig.core.close();
    }
  });

  test('orders place, fill, list, modify and cancel; events carry every change; the same client order id is one order', async () => {
    const rig = open(tempDir());
    const accountId = rig.account.id;
    try {
      const bought = (await withQuote(rig, BTC, rig.core.call('orders.place', { accountId, clientOrderId: 'buy-1', symbol: BTC, side: 'buy', type: 'market', qty: 0.5 }))) as Order;
      expect(bought).toMatchObject({ status: 'filled', filledQty: 0.5, avgFillPrice: 50_001 });
      expect(await rig.core.call('orders.place', { accountId, clientOrderId: 'buy-1', symbol: BTC, side: 'buy', type: 'market', qty: 0.5 })).toEqual(bought);
      expect(await rig.core.call('positions.list', { accountId })).toEqual([expect.objectContaining({ symbol: BTC, qty: 0.5, avgPrice: 50_001 })]);
      const topics = rig.events.map((e) => e.topic);
      expect(topics).toEqual(expect.arrayContaining(['orders.update', 'fills.new', 'positions.update', 'accounts.update']));
      // The acknowledgement (new) is sent before the fill.
      const orderEvents = rig.events.filter((e) => e.topic === 'orders.update').map((e) => (e.payload as Order).status);
      expect(orderEvents).toEqual(['new', 'filled']);

      const limit = (await rig.core.call('orders.place', { accountId, symbol: BTC, side: 'sell', type: 'limit', qty: 0.2, price: 60_000, tif: 'GTC' })) as Order;
      expect(await rig.core.call('orders.list', { accountId, status: 'working' })).toEqual([expect.objectContaining({ id: limit.id, status: 'new' })]);
      expect(await rig.core.call('orders.modify', { accountId, orderId: limit.id, price: 59_000.5 })).toMatchObject({ price: 59_000.5 });
      expect(await rig.core.call('orders.cancel', { accountId, orderId: limit.id })).toMatchObject({ status: 'cancelled' });
      expect((await failure(rig.core.call('orders.cancel', { accountId, orderId: limit.id }))).code).toBe('CONFLICT');
      expect((await failure(rig.core.call('orders.cancel', { accountId, orderId: 'missing' }))).code).toBe('NOT_FOUND');
      expect(await rig.core.call('orders.list', { accountId })).toHaveLength(2);
    } finally {
      await rig.core.close();
    }
  });

  test('bad input names the field; risk limits and broker refusals give the reason and keep the rejected order', async () => {
    const rig = open(tempDir());
    const accountId = rig.account.id;
    try {
      const offLot = await failure(rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'limit', qty: 0.000015, price: 40_000.05 }));
      expect(offLot.code).toBe('INVALID_PARAMS');
      expect(offLot.data).toEqual({
        fields: [
          { path: 'qty', message: expect.stringMatching(/not a multiple of the lot step 0.00001/) },
          { path: 'price', message: expect.stringMatching(/not a multiple of the tick size 0.1/) },
        ],
      });
      expect((await failure(rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'limit', qty: 1 }))).data).toMatchObject({ fields: [{ path: 'price' }] });
      expect((await failure(rig.core.call('orders.place', { accountId, symbol: 'NOPE', side: 'buy', type: 'market', qty: 1 }))).code).toBe('INVALID_PARAMS');

      const tooBig = await failure(withQuote(rig, BTC, rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'market', qty: 10 })));
      expect(tooBig.code).toBe('RISK_BLOCKED');
      expect(tooBig.message).toMatch(/Insufficient buying power: the order adds 500,010\.00 USD of exposure; 200,000\.00 USD is available/);
      expect((tooBig.data as { order: Order }).order).toMatchObject({ status: 'rejected', reason: tooBig.message });

      await rig.core.call('accounts.configure', { accountId, maxOrderValue: 10_000 });
      const capped = await failure(withQuote(rig, BTC, rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'market', qty: 1 })));
      expect(capped.message).toMatch(/above this account's maximum of 10,000\.00 USD/);

      const wrongStop = await failure(withQuote(rig, BTC, rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'stop', qty: 0.1, stopPrice: 40_000 })));
      expect(wrongStop.code).toBe('BROKER_REJECTED');
      expect((wrongStop.data as { order: Order }).order.reason).toMatch(/above the ask/);
      const rejected = (await rig.core.call('orders.list', { accountId, status: 'rejected' })) as Order[];
      expect(rejected.map((o) => o.reason)).toEqual([wrongStop.message, capped.message, tooBig.message]);
    } finally {
      await rig.core.close();
    }
  });

  test('positions close and flatten with reduce-only market orders; fills page by cursor', async () => {
    const rig = open(tempDir());
    const accountId = rig.account.id;
    try {
      await withQuote(rig, BTC, rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'market', qty: 1 }));
      rig.feed.push({ symbol: 'ETH/USDT', bid: 3000, ask: 3000.01 });
      await withQuote(rig, 'ETH/USDT', rig.core.call('orders.place', { accountId, symbol: 'ETH/USDT', side: 'sell', type: 'market', qty: 2 }), { bid: 3000, ask: 3000.01, bidSize: 50, askSize: 50 });
      await rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'limit', qty: 0.1, price: 40_000 });
      expect(await rig.core.call('positions.close', { accountId, symbol: BTC, qty: 0.4 })).toMatchObject({ side: 'sell', reduceOnly: true, status: 'filled', filledQty: 0.4 });
      const flat = (await rig.core.call('positions.closeAll', { accountId })) as { cancelled: Order[]; closing: Order[]; failed: unknown[] };
      expect(flat.cancelled).toHaveLength(1);
      expect(flat.closing.map((o) => [o.symbol, o.side, o.filledQty])).toEqual([
        [BTC, 'sell', 0.6],
        ['ETH/USDT', 'buy', 2],
      ]);
      expect(flat.failed).toEqual([]);
      expect(await rig.core.call('positions.list', { accountId })).toEqual([]);
      expect((await failure(rig.core.call('positions.close', { accountId, symbol: BTC }))).code).toBe('NOT_FOUND');

      const page1 = (await rig.core.call('fills.list', { accountId, limit: 2 })) as { fills: Array<{ seq: number }>; nextCursor: string | null };
      expect(page1.fills.map((f) => f.seq)).toEqual([1, 2]);
      const page2 = (await rig.core.call('fills.list', { accountId, cursor: page1.nextCursor!, limit: 2 })) as { fills: Array<{ seq: number }>; nextCursor: string | null };
      expect(page2.fills.map((f) => f.seq)).toEqual([3, 4]);
      // Newest first, paging backwards.
      const newest = (await rig.core.call('fills.list', { accountId, order: 'desc', limit: 3 })) as { fills: Array<{ seq: number }>; nextCursor: string | null };
      expect(newest.fills.map((f) => f.seq)).toEqual([5, 4, 3]);
      expect(((await rig.core.call('fills.list', { accountId, order: 'desc', cursor: newest.nextCursor!, limit: 5 })) as { fills: Array<{ seq: number }> }).fills.map((f) => f.seq)).toEqual([2, 1]);
      expect(await rig.core.call('fills.list', { accountId, symbol: 'ETH/USDT' })).toMatchObject({ fills: [{ symbol: 'ETH/USDT' }, { symbol: 'ETH/USDT' }], nextCursor: null });
    } finally {
      await rig.core.close();
    }
  });

  test('a restart restores accounts, positions and working orders exactly, and working orders keep working', async () => {
    const dir = tempDir();
    const first = open(dir);
    const accountId = first.account.id;
    let before: unknown[];
    try {
      await withQuote(first, BTC, first.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'market', qty: 0.3, bracket: { stopLoss: 45_000, takeProfit: 55_000 } }));
      await first.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'limit', qty: 0.1, price: 49_000 });
      before = [await first.core.call('accounts.list', {}), await first.core.call('positions.list', { accountId }), await first.core.call('orders.list', { accountId }), await first.core.call('fills.list', { accountId })];
    } finally {
      await first.core.close();
    }

    const second = open(dir);
    try {
      // The same market as before the restart, so marks (and what depends on them) match too.
      await second.feed.whenSubscribed(BTC);
      second.feed.push({ symbol: BTC, bid: 50_000, ask: 50_001, bidSize: 5, askSize: 5 });
      const after = [await second.core.call('accounts.list', {}), await second.core.call('positions.list', { accountId }), await second.core.call('orders.list', { accountId }), await second.core.call('fills.list', { accountId })];
      expect(after).toEqual(before);
      // The restored limit and take-profit are live: the market comes to them.
      const takeProfitFilled = nextEvent<Order>(second.core, 'orders.update', (o) => o.role === 'take_profit' && o.status === 'filled');
      second.feed.push({ symbol: BTC, bid: 48_900, ask: 48_950, askSize: 5 });
      second.feed.push({ symbol: BTC, bid: 55_000, ask: 55_001, bidSize: 5 });
      await takeProfitFilled;
      const orders = (await second.core.call('orders.list', { accountId })) as Order[];
      expect(orders.filter((o) => o.status === 'filled').map((o) => o.role)).toEqual(['entry', 'take_profit', 'entry']);
      expect(orders.find((o) => o.role === 'stop_loss')).toMatchObject({ status: 'cancelled' });
      expect(await second.core.call('positions.list', { accountId })).toEqual([expect.objectContaining({ qty: 0.1 })]);
    } finally {
      await second.core.close();
    }
  });

  test('review regressions: re-bracketed entries persist, 0.1 + 0.2 is 0.3, a new currency pair still meets the limits, and FX survives a restart', async () => {
    const dir = tempDir();
    const rig = open(dir);
    const accountId = rig.account.id;
    try {
      // An entry whose first bracket closed fills again: the new children store fine (unique ids).
      const entry = (await withQuote(rig, BTC, rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'limit', qty: 2, price: 49_990, bracket: { stopLoss: 49_000, takeProfit: 50_500 } }))) as Order;
      const reBracketed = nextEvent<Order>(rig.core, 'orders.update', (o) => o.id === entry.id && o.status === 'filled');
      rig.feed.push({ symbol: BTC, bid: 49_980, ask: 49_985, askSize: 1, bidSize: 1 });
      rig.feed.push({ symbol: BTC, bid: 50_600, ask: 50_601, bidSize: 5, askSize: 5 });
      rig.feed.push({ symbol: BTC, bid: 49_980, ask: 49_985, askSize: 1, bidSize: 1 });
      await reBracketed;
      const stored = (await rig.core.call('orders.list', { accountId })) as Order[];
      expect(stored.filter((o) => o.parentId === entry.id && o.status === 'new').map((o) => o.role).sort()).toEqual(['stop_loss', 'take_profit']);
      expect(await rig.core.call('positions.list', { accountId })).toEqual([expect.objectContaining({ qty: 1 })]);

      // A quantity on the lot step within binary noise is the exact decimal.
      const noisy = (await rig.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'limit', qty: 0.1 + 0.2, price: 40_000 })) as Order;
      expect(noisy.qty).toBe(0.3);

      // The first order in another currency waits for its rate and then meets the account's limits.
      await rig.core.call('accounts.configure', { accountId, maxOrderValue: 1000 });
      const de40 = rig.core.call('orders.place', { accountId, symbol: 'DE40', side: 'buy', type: 'limit', qty: 1, price: 17_000 });
      await rig.feed.whenSubscribed('DE40');
      rig.feed.push({ symbol: 'DE40', bid: 18_000, ask: 18_000.5 });
      await rig.feed.whenSubscribed('EUR/USD');
      rig.feed.push({ symbol: 'EUR/USD', bid: 1.1, ask: 1.1 });
      expect((await failure(de40)).code).toBe('RISK_BLOCKED');
      await rig.core.call('accounts.configure', { accountId, maxOrderValue: null });
      await withQuote(rig, 'DE40', rig.core.call('orders.place', { accountId, symbol: 'DE40', side: 'buy', type: 'limit', qty: 1, price: 17_000 }), { bid: 18_000, ask: 18_000.5, bidSize: 5, askSize: 5 });
    } finally {
      await rig.core.close();
    }

    // After a restart the DE40 limit fills at the EUR/USD rate of the moment, never at 1.
    const again = open(dir);
    try {
      const filled = nextEvent<{ fxRate: number; symbol: string }>(again.core, 'fills.new', (f) => f.symbol === 'DE40');
      await again.feed.whenSubscribed('DE40');
      await again.feed.whenSubscribed('EUR/USD');
      again.feed.push({ symbol: 'DE40', bid: 17_100, ask: 17_101 });
      again.feed.push({ symbol: 'EUR/USD', bid: 1.2, ask: 1.2 });
      again.feed.push({ symbol: 'DE40', bid: 16_990, ask: 16_995, askSize: 5 });
      expect((await filled).fxRate).toBe(1.2);
    } finally {
      await again.core.close();
    }
  });

  test('damaged rows do not stop the profile opening: they are skipped and logged, and a damaged position is rebuilt from its fills', async () => {
    const dir = tempDir();
    const first = open(dir);
    const accountId = first.account.id;
    let before: unknown;
    try {
      await withQuote(first, BTC, first.core.call('orders.place', { accountId, symbol: BTC, side: 'buy', type: 'market', qty: 0.3 }));
      await first.core.call('orders.place', { accountId, symbol: BTC, side: 'sell', type: 'market', qty: 0.1 });
      before = await first.core.call('positions.list', { accountId });
      await first.core.call('accounts.create', { name: 'Spare', kind: 'paper', currency: 'USD', balance: 1000 });
    } finally {
      await first.core.close();
    }
    const db = new BetterSqlite3(path.join(dir, 'profile.db'));
    db.prepare("UPDATE positions SET data = '{\"lots\": \"garbled\"}' WHERE account_id = ?").run(accountId);
    db.prepare("UPDATE accounts SET data = json_object('id', id, 'name', 'broken') WHERE id != ?").run(accountId);
    db.close();

    const logger = recordingLogger();
    let now = MARKET_OPEN;
    const clock = { now: () => now++ };
    const feed = createScriptedFeed(clock.now);
    const second = createTestCore(dir, { feed, clock, logger });
    try {
      expect((await second.call('accounts.list', {})) as Account[]).toEqual([expect.objectContaining({ id: accountId })]);
      await feed.whenSubscribed(BTC);
      feed.push({ symbol: BTC, bid: 50_000, ask: 50_001, bidSize: 5, askSize: 5 });
      expect(await second.call('positions.list', { accountId })).toEqual(before);
      expect(logger.records.filter((r) => r.level === 'error').map((r) => r.fields.what).sort()).toEqual(['account', 'position']);
      expect(logger.records.some((r) => r.msg === 'a damaged position was rebuilt from its fills')).toBe(true);
    } finally {
      await second.close();
    }
  });
});
