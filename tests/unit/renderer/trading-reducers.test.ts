import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/shared/trading/account';
import type { Fill } from '../../../src/shared/trading/fill';
import type { Order } from '../../../src/shared/trading/order';
import type { Position } from '../../../src/shared/trading/position';
import { applyAccount, applyAccounts, applyFill, applyOrder, applyPosition, applySnapshot, EMPTY_TRADING, MAX_FINAL_ORDERS, orderHistory, pickAccountId, selectAccount, workingOrders, type TradingData } from '../../../src/renderer/src/features/trading/trading-reducers';

const account = (id: string, createdAt: number, over: Partial<Account> = {}): Account => ({
  id, name: id, kind: 'paper', exchange: null, venue: null, endpoints: null, hasCredentials: false, connection: null, type: 'margin', currency: 'USD', leverage: 2, startingBalance: 100_000, makerFeeBps: 1, takerFeeBps: 5, maxOrderValue: null,
  balance: 100_000, equity: 100_000, unrealizedPnl: 0, realizedPnl: 0, marginUsed: 0, buyingPower: 200_000, createdAt, resetAt: null, ...over,
});
const order = (id: string, over: Partial<Order> = {}): Order => ({
  id, accountId: 'a', clientOrderId: `c-${id}`, venueOrderId: null, symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: 1, price: 100, stopPrice: null, tif: 'GTC', reduceOnly: false,
  status: 'new', filledQty: 0, avgFillPrice: null, triggered: false, role: 'entry', parentId: null, bracket: null, reason: null, expiresAt: null, createdAt: 1, updatedAt: 1, ...over,
});
const position = (symbol: string, qty: number, over: Partial<Position> = {}): Position => ({
  accountId: 'a', symbol, qty, avgPrice: 100, markPrice: 101, unrealizedPnl: qty, realizedPnl: 0, marketValue: qty * 101, openedAt: 1, updatedAt: 1, ...over,
});
const fill = (id: string, seq: number, over: Partial<Fill> = {}): Fill => ({
  id, seq, accountId: 'a', orderId: 'o', clientOrderId: 'c', symbol: 'BTC/USDT', side: 'buy', qty: 1, price: 100, fee: 0.05, liquidity: 'taker', fxRate: 1, realizedPnl: 0, time: seq, ...over,
});
const onA: TradingData = { ...EMPTY_TRADING, accounts: { a: account('a', 1) }, accountId: 'a' };

describe('accounts', () => {
  it('keeps the remembered account when it still exists, else takes the oldest', () => {
    const list = [account('new', 5), account('old', 1)];
    expect(pickAccountId(list, 'new')).toBe('new');
    expect(pickAccountId(list, 'gone')).toBe('old');
    expect(pickAccountId([], 'gone')).toBeNull();
  });
  it('selects an account from the list and empties the lists when the selection changes', () => {
    const loaded = applyAccounts({ ...onA, orders: { x: order('x') } }, [account('b', 2)], null);
    expect(loaded.accountId).toBe('b');
    expect(loaded.orders).toEqual({});
    const same = applyAccounts({ ...onA, orders: { x: order('x') } }, [account('a', 1, { balance: 5 })], null);
    expect(same.orders).toHaveProperty('x');
    expect(same.accounts.a!.balance).toBe(5);
  });
  it('applies an account update and switching accounts clears the old account’s rows', () => {
    const updated = applyAccount(onA, account('a', 1, { equity: 123 }));
    expect(updated.accounts.a!.equity).toBe(123);
    const switched = selectAccount({ ...updated, positions: { X: position('X', 1) } }, 'b');
    expect(switched.accountId).toBe('b');
    expect(switched.positions).toEqual({});
    expect(selectAccount(switched, 'b')).toBe(switched);
  });
});

describe('orders.update', () => {
  it('keys orders by id and replaces a working order with its new state', () => {
    let d = applyOrder(onA, order('1'));
    d = applyOrder(d, order('1', { status: 'partially_filled', filledQty: 0.4, updatedAt: 2 }));
    expect(Object.keys(d.orders)).toEqual(['1']);
    expect(d.orders['1']!.filledQty).toBe(0.4);
  });
  it('keeps a rejected order with its reason in the history, not among the working ones', () => {
    const d = applyOrder(onA, order('r', { status: 'rejected', reason: 'Insufficient buying power', updatedAt: 3 }));
    expect(workingOrders(d.orders)).toEqual([]);
    expect(orderHistory(d.orders).map((o) => [o.id, o.reason])).toEqual([['r', 'Insufficient buying power']]);
  });
  it('ignores other accounts, older states, and a final order turning working again', () => {
    expect(applyOrder(onA, order('1', { accountId: 'other' }))).toBe(onA);
    const filled = applyOrder(onA, order('1', { status: 'filled', updatedAt: 5 }));
    expect(applyOrder(filled, order('1', { status: 'new', updatedAt: 4 }))).toBe(filled);
    expect(applyOrder(filled, order('1', { status: 'new', updatedAt: 6 }))).toBe(filled);
  });
  it('trims old final orders but never a working one', () => {
    let d = applyOrder(onA, order('w', { updatedAt: 0 }));
    for (let i = 0; i < MAX_FINAL_ORDERS + 5; i++) d = applyOrder(d, order(`f${i}`, { status: 'cancelled', updatedAt: 10 + i }));
    expect(Object.keys(d.orders)).toHaveLength(MAX_FINAL_ORDERS + 1);
    expect(d.orders.w).toBeDefined();
    expect(d.orders.f0).toBeUndefined();
  });
});

describe('positions.update and fills.new', () => {
  it('adds, re-marks and drops a position when it goes flat', () => {
    let d = applyPosition(onA, position('BTC/USDT', 0.5));
    d = applyPosition(d, position('BTC/USDT', 0.5, { markPrice: 110, unrealizedPnl: 5 }));
    expect(d.positions['BTC/USDT']!.unrealizedPnl).toBe(5);
    d = applyPosition(d, position('BTC/USDT', 0));
    expect(d.positions).toEqual({});
    expect(applyPosition(d, position('ETH/USDT', 0))).toBe(d);
  });
  it('keeps fills newest first, once each', () => {
    let d = applyFill(onA, fill('f1', 1));
    d = applyFill(d, fill('f3', 3));
    d = applyFill(d, fill('f2', 2));
    expect(applyFill(d, fill('f2', 2))).toBe(d);
    expect(d.fills.map((f) => f.id)).toEqual(['f3', 'f2', 'f1']);
    expect(applyFill(d, fill('x', 9, { accountId: 'other' }))).toBe(d);
  });
});

describe('a loaded snapshot', () => {
  it('replaces the selected account’s lists, dropping flat positions and foreign rows', () => {
    const before = applyPosition(applyOrder(onA, order('stale')), position('OLD', 1));
    const d = applySnapshot(before, 'a', {
      orders: [order('1'), order('2', { accountId: 'b' })],
      positions: [position('BTC/USDT', 1), position('ETH/USDT', 0)],
      fills: [fill('f1', 1), fill('f2', 2)],
    });
    expect(Object.keys(d.orders)).toEqual(['1']);
    expect(Object.keys(d.positions)).toEqual(['BTC/USDT']);
    expect(d.fills.map((f) => f.id)).toEqual(['f2', 'f1']);
  });
  it('is ignored when another account was selected meanwhile', () => {
    expect(applySnapshot(onA, 'b', { orders: [order('1')], positions: [], fills: [] })).toBe(onA);
  });
});
