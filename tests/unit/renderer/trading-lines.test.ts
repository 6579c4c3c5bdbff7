import { describe, expect, test } from 'vitest';
import { tradingLines } from '../../../src/renderer/src/features/charts/trading-lines';
import type { Order } from '../../../src/shared/trading/order';
import type { Position } from '../../../src/shared/trading/position';

const colors = { buy: 'green', sell: 'red', position: 'blue' };
const fmt = (q: number): string => String(q);
const order = (o: Partial<Order>): Order => ({
  id: 'o1', accountId: 'a', clientOrderId: 'c1', venueOrderId: null, symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: 1, price: 100, stopPrice: null, tif: 'GTC', reduceOnly: false,
  status: 'new', filledQty: 0, avgFillPrice: null, triggered: false, role: 'entry', parentId: null, bracket: null, reason: null, expiresAt: null, createdAt: 0, updatedAt: 0, ...o,
});

describe('trading lines on a chart', () => {
  test('a working limit is one draggable line with the quantity left; other symbols and final orders draw nothing', () => {
    const lines = tradingLines('BTC/USDT', [order({ filledQty: 0.25 }), order({ id: 'o2', symbol: 'ETH/USDT' }), order({ id: 'o3', status: 'filled' })], undefined, colors, fmt);
    expect(lines).toEqual([expect.objectContaining({ id: 'o1:limit', price: 100, color: 'green', dashed: false, label: 'Buy LMT 0.75', drag: { orderId: 'o1', field: 'price' }, close: expect.objectContaining({ kind: 'order' }) })]);
  });

  test('a stop-limit draws its stop (dashed) until it triggers, and its limit', () => {
    const waiting = tradingLines('BTC/USDT', [order({ type: 'stop_limit', side: 'sell', stopPrice: 95, price: 94 })], undefined, colors, fmt);
    expect(waiting.map((l) => [l.id, l.price, l.dashed, l.drag?.field, l.color])).toEqual([
      ['o1:stop', 95, true, 'stopPrice', 'red'],
      ['o1:limit', 94, false, 'price', 'red'],
    ]);
    const triggered = tradingLines('BTC/USDT', [order({ type: 'stop_limit', side: 'sell', stopPrice: 95, price: 94, triggered: true })], undefined, colors, fmt);
    expect(triggered.map((l) => l.id)).toEqual(['o1:limit']);
  });

  test('bracket children are SL/TP lines; an unfilled entry shows its bracket to come, not draggable', () => {
    const lines = tradingLines(
      'BTC/USDT',
      [order({ bracket: { stopLoss: 90, takeProfit: 120 } }), order({ id: 'sl', role: 'stop_loss', parentId: 'x', type: 'stop', side: 'sell', price: null, stopPrice: 80, reduceOnly: true })],
      undefined,
      colors,
      fmt,
    );
    expect(lines.map((l) => [l.id, l.axisTitle, l.label, l.drag === null])).toEqual([
      ['o1:limit', 'LMT', 'Buy LMT 1', false],
      ['o1:sl', 'SL', 'SL 1 (on fill)', true],
      ['o1:tp', 'TP', 'TP 1 (on fill)', true],
      ['sl:stop', 'SL', 'SL 1', false],
    ]);
  });

  test('an open position is a line at its entry with its open P&L, closable, not draggable', () => {
    const position: Position = { accountId: 'a', symbol: 'BTC/USDT', qty: -2, avgPrice: 101.5, markPrice: 100, unrealizedPnl: 3, realizedPnl: 0, marketValue: -200, openedAt: 0, updatedAt: 0 };
    expect(tradingLines('BTC/USDT', [], position, colors, fmt)).toEqual([
      expect.objectContaining({ id: 'position:BTC/USDT', price: 101.5, axisTitle: 'SHORT', label: 'Short 2', pnl: 3, drag: null, close: { kind: 'position', symbol: 'BTC/USDT', qty: -2 } }),
    ]);
  });
});
