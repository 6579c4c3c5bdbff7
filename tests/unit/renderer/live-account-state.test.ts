import { describe, expect, it } from 'vitest';
import type { Account, Connection } from '../../../src/shared/trading/account';
import type { Reconciliation } from '../../../src/shared/trading/reconciliation';
import { applyAccount, applyAccounts, applyConnection, EMPTY_TRADING } from '../../../src/renderer/src/features/trading/trading-reducers';
import { checkedText, MAX_RECONCILIATIONS, mergeReconciliations, unseenDifferences } from '../../../src/renderer/src/features/accounts/reconciliation-reducers';
import { connectionTitle, liveAccounts, sinceText } from '../../../src/renderer/src/features/accounts/connection-status';
import { testLine } from '../../../src/renderer/src/features/accounts/connection-test-store';

const connection = (state: Connection['state'], since: number, detail: string = state): Connection => ({ state, since, detail });
const live = (id: string, over: Partial<Account> = {}): Account => ({
  id, name: id, kind: 'ccxt', exchange: 'binance', venue: 'BINANCE', endpoints: null, hasCredentials: true, connection: connection('connecting', 1),
  type: 'cash', currency: 'USDT', leverage: 1, startingBalance: 0, makerFeeBps: 10, takerFeeBps: 10, maxOrderValue: null,
  balance: 1000, equity: 1000, unrealizedPnl: 0, realizedPnl: 0, marginUsed: 0, buyingPower: 1000, createdAt: 1, resetAt: null, ...over,
});
const run = (time: number, differences = 0, trigger: Reconciliation['trigger'] = 'connect'): Reconciliation => ({
  accountId: 'b', time, trigger, checked: { orders: 2, fills: 1, positions: 1 },
  differences: Array.from({ length: differences }, (_, i) => ({ kind: 'order_gone' as const, symbol: 'BINANCE:BTC/USDT', orderId: `o${i}`, detail: 'working here, gone there', resolution: 'marked cancelled' })),
});

describe('live account connection state', () => {
  const data = applyAccounts(EMPTY_TRADING, [live('b')], null);

  it('takes a newer connection event and ignores an older one that crossed it', () => {
    const liveNow = applyConnection(data, { accountId: 'b', ...connection('live', 5, 'streaming') });
    expect(liveNow.accounts.b!.connection).toEqual(connection('live', 5, 'streaming'));
    expect(applyConnection(liveNow, { accountId: 'b', ...connection('reconnecting', 3) })).toBe(liveNow);
    expect(applyConnection(liveNow, { accountId: 'x', ...connection('down', 9) })).toBe(liveNow);
  });

  it('keeps the newer connection when an account update carries an older one', () => {
    const liveNow = applyConnection(data, { accountId: 'b', ...connection('live', 5) });
    const stale = applyAccount(liveNow, live('b', { balance: 900, connection: connection('connecting', 1) }));
    expect(stale.accounts.b!.balance).toBe(900);
    expect(stale.accounts.b!.connection!.state).toBe('live');
    const down = applyAccount(liveNow, live('b', { connection: connection('down', 8, 'keys refused') }));
    expect(down.accounts.b!.connection!.detail).toBe('keys refused');
  });

  it('lists live accounts oldest first and words their state', () => {
    const paper = { ...live('p', { createdAt: 0 }), kind: 'paper' as const, connection: null };
    expect(liveAccounts({ p: paper, c: live('c', { createdAt: 3 }), b: live('b', { createdAt: 2 }) }).map((a) => a.id)).toEqual(['b', 'c']);
    expect(sinceText(0, 42_000)).toBe('42 s');
    expect(sinceText(0, 5 * 60_000)).toBe('5 min');
    expect(connectionTitle({ name: 'Binance' }, connection('down', 0, 'API key refused'), 7_200_000)).toBe('Binance: down for 2 h — API key refused');
  });
});

describe('reconciliations', () => {
  it('merges newest first, each run once, capped', () => {
    const merged = mergeReconciliations([run(2)], [run(3, 1, 'reconnect'), run(2), run(1)]);
    expect(merged.map((r) => r.time)).toEqual([3, 2, 1]);
    const many = mergeReconciliations([], Array.from({ length: MAX_RECONCILIATIONS + 5 }, (_, i) => run(i)));
    expect(many).toHaveLength(MAX_RECONCILIATIONS);
    expect(many[0]!.time).toBe(MAX_RECONCILIATIONS + 4);
  });

  it('counts the latest run’s differences until it has been seen', () => {
    const list = mergeReconciliations([], [run(5, 2, 'reconnect'), run(4, 3)]);
    expect(unseenDifferences(list, undefined)).toBe(2);
    expect(unseenDifferences(list, 5)).toBe(0);
    expect(unseenDifferences(mergeReconciliations(list, [run(6)]), undefined)).toBe(0);
    expect(unseenDifferences(undefined, undefined)).toBe(0);
    expect(checkedText({ orders: 1, fills: 0, positions: 2 })).toBe('1 order · 0 fills · 2 positions');
  });
});

describe('connection test line', () => {
  it('adds latency and a clock offset worth knowing to the exchange’s summary', () => {
    const result = { ok: true, summary: 'authenticated; balances read; trading permission: yes', authenticated: true, balancesRead: true, canTrade: true, latencyMs: 41.6, clockOffsetMs: 2300, instruments: 3 };
    expect(testLine({ time: 0, result })).toBe('authenticated; balances read; trading permission: yes · 42 ms · clock off by 2.3 s');
    expect(testLine({ time: 0, result: { ...result, latencyMs: null, clockOffsetMs: 120 } })).toBe(result.summary);
    expect(testLine({ time: 0, result: { ...result, summary: 'authenticated; latency 42 ms', clockOffsetMs: 0 } })).toBe('authenticated; latency 42 ms');
    expect(testLine({ time: 0, error: 'timeout' })).toBe('Test failed: timeout');
  });
});
