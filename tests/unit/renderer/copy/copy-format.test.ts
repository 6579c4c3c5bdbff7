import { describe, expect, it } from 'vitest';
import type { CopyLogEntry } from '../../../../src/shared/contract';
import type { Instrument } from '../../../../src/shared/market/instrument';
import { formatBps, formatLatencyPair, formatMs, leaderTradeText, orderText, sizingText, stateReason, stateText } from '../../../../src/renderer/src/features/copy/copy-format';

const BTC: Instrument = { symbol: 'BTC/USDT', name: 'Bitcoin', assetClass: 'crypto', venue: 'SIM', quoteCurrency: 'USDT', tickSize: 0.1, lotStep: 0.00001, minQty: 0.00001, pricePrecision: 1, tradingHours: { kind: 'always' } };
type Order = CopyLogEntry['orders'][number];
const order = (o: Partial<Order> = {}): Order => ({ clientOrderId: 'cp_x', symbol: 'BTC/USDT', side: 'buy', qty: 0.0732, type: 'market', price: null, status: 'filled', filledQty: 0.0732, avgFillPrice: 65_012.3, latencyMs: 14.4, slippageBps: 1.23, ...o });

describe('copy figures as shown', () => {
  it('show basis points signed to one decimal, a dash when unknown', () => {
    expect(formatBps(1.234)).toBe('+1.2');
    expect(formatBps(-0.46)).toBe('−0.5');
    expect(formatBps(0.01)).toBe('0.0');
    expect(formatBps(null)).toBe('—');
  });

  it('show latencies in whole milliseconds and keep a negative one (clock skew)', () => {
    expect(formatMs(14.4)).toBe('14 ms');
    expect(formatMs(-3.2)).toBe('−3 ms');
    expect(formatMs(null)).toBe('—');
    expect(formatLatencyPair(12, 40.6)).toBe('12 / 41 ms');
    expect(formatLatencyPair(null, null)).toBe('—');
  });

  it('describe each sizing mode in a few words', () => {
    expect(sizingText({ mode: 'proportional' })).toBe('Proportional');
    expect(sizingText({ mode: 'fixed', qty: 0.5 })).toBe('Fixed 0.5 per trade');
    expect(sizingText({ mode: 'fixed', notional: 1500 }, 'USD')).toBe('Fixed 1,500.00 USD per trade');
    expect(sizingText({ mode: 'multiplier', factor: 2 })).toBe('× 2 the leader’s qty');
    expect(sizingText({ mode: 'risk', targetVolatility: 0.15, maxScale: 3 })).toBe('Risk: 15 % vol, ≤ 3×');
  });

  it('say a follow’s state with its reason, once', () => {
    expect(stateText({ state: 'active', stateReason: null })).toBe('Active');
    expect(stateText({ state: 'paused', stateReason: 'Paused by you' })).toBe('Paused by you');
    expect(stateText({ state: 'stopped', stateReason: 'Copy stop-loss reached' })).toBe('Stopped: Copy stop-loss reached');
    // Beside the state's badge: the reason without the state's word again.
    expect(stateReason({ state: 'paused', stateReason: 'Paused by you' })).toBe('by you');
    expect(stateReason({ state: 'stopped', stateReason: 'Stopped by you; positions closed' })).toBe('by you; positions closed');
    expect(stateReason({ state: 'stopped', stateReason: 'Copy stop-loss reached' })).toBe('Copy stop-loss reached');
    expect(stateReason({ state: 'active', stateReason: null })).toBe('');
  });

  it('write the leader’s trade at the instrument’s precision, a dash for entries of my own', () => {
    expect(leaderTradeText({ symbol: 'BTC/USDT', side: 'buy', qty: 0.1, price: 65_000, time: 0, positionQty: 0.1 }, BTC)).toBe('Buy 0.1 BTC/USDT @ 65,000.0');
    expect(leaderTradeText(null)).toBe('—');
  });

  it('write my order with its status, fill price, latency and slippage', () => {
    expect(orderText(order(), BTC)).toBe('Buy 0.0732 · Filled @ 65,012.3 · 14 ms · +1.2 bps');
    expect(orderText(order({ side: 'sell', type: 'limit', price: 64_900, status: 'new', filledQty: 0, avgFillPrice: null, latencyMs: null, slippageBps: null }), BTC)).toBe('Sell 0.0732 limit 64,900.0 · Working');
    expect(orderText(order({ status: 'unsent', avgFillPrice: null, latencyMs: null, slippageBps: null }), BTC)).toBe('Buy 0.0732 · Unsent');
  });
});
