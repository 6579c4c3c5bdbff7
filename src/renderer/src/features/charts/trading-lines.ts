import { isWorking, type Order } from '../../../../shared/trading/order';
import type { Position } from '../../../../shared/trading/position';
import type { PriceLineSpec } from './price-lines';

export interface LineColors {
  buy: string;
  sell: string;
  position: string;
}

/** What the overlay does with a line's handle. */
export type LineDrag = { orderId: string; field: 'price' | 'stopPrice' };
export type LineClose = { kind: 'order'; order: Order } | { kind: 'position'; symbol: string; qty: number };

export interface TradingLine extends PriceLineSpec {
  /** The handle's text, e.g. "Buy LMT 0.50" or "Long 0.50". */
  label: string;
  /** Open P&L of a position line, in the account currency. */
  pnl: number | null;
  tone: 'buy' | 'sell' | 'position';
  drag: LineDrag | null;
  close: LineClose | null;
}

const ROLE: Record<Order['role'], string> = { entry: '', stop_loss: 'SL', take_profit: 'TP' };
const KIND: Record<Order['type'], string> = { market: 'MKT', limit: 'LMT', stop: 'STP', stop_limit: 'STP LMT' };

/**
 * The lines a pane draws for its symbol: each working order at its limit and/or stop (bracket
 * children as SL/TP), a working entry's bracket still to come, and the open position at its entry.
 * Limits and stops not yet triggered can be dragged; orders and the position can be closed.
 */
export function tradingLines(symbol: string, orders: Iterable<Order>, position: Position | undefined, colors: LineColors, formatQty: (qty: number) => string): TradingLine[] {
  const lines: TradingLine[] = [];
  for (const o of orders) {
    if (o.symbol !== symbol || !isWorking(o.status)) continue;
    const left = formatQty(o.qty - o.filledQty);
    const tone = o.side;
    const color = colors[tone];
    const name = ROLE[o.role] || `${o.side === 'buy' ? 'Buy' : 'Sell'} ${KIND[o.type]}`;
    if (o.stopPrice !== null && !o.triggered) {
      lines.push({ id: `${o.id}:stop`, price: o.stopPrice, color, dashed: true, axisTitle: ROLE[o.role] || 'STP', label: `${name} ${left}`, pnl: null, tone, drag: { orderId: o.id, field: 'stopPrice' }, close: { kind: 'order', order: o } });
    }
    if (o.price !== null) {
      lines.push({ id: `${o.id}:limit`, price: o.price, color, dashed: false, axisTitle: ROLE[o.role] || 'LMT', label: `${name} ${left}${o.type === 'stop_limit' && !o.triggered ? ' (limit)' : ''}`, pnl: null, tone, drag: { orderId: o.id, field: 'price' }, close: { kind: 'order', order: o } });
    }
    if (o.role === 'entry' && o.bracket && o.filledQty === 0) {
      // Attached when the entry fills: shown, not yet an order of their own.
      const exit = o.side === 'buy' ? 'sell' : 'buy';
      if (o.bracket.stopLoss !== null) lines.push({ id: `${o.id}:sl`, price: o.bracket.stopLoss, color: colors[exit], dashed: true, axisTitle: 'SL', label: `SL ${left} (on fill)`, pnl: null, tone: exit, drag: null, close: null });
      if (o.bracket.takeProfit !== null) lines.push({ id: `${o.id}:tp`, price: o.bracket.takeProfit, color: colors[exit], dashed: true, axisTitle: 'TP', label: `TP ${left} (on fill)`, pnl: null, tone: exit, drag: null, close: null });
    }
  }
  if (position && position.qty !== 0 && position.avgPrice !== null) {
    lines.push({
      id: `position:${symbol}`,
      price: position.avgPrice,
      color: colors.position,
      dashed: false,
      axisTitle: position.qty > 0 ? 'LONG' : 'SHORT',
      label: `${position.qty > 0 ? 'Long' : 'Short'} ${formatQty(Math.abs(position.qty))}`,
      pnl: position.unrealizedPnl,
      tone: 'position',
      drag: null,
      close: { kind: 'position', symbol, qty: position.qty },
    });
  }
  return lines;
}
