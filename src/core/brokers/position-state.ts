import { applyFillToLots } from '../../shared/trading/fifo-lots';
import type { Side } from '../../shared/trading/order';
import { sideSign } from '../../shared/trading/order';
import type { PositionState } from './broker';

export interface PositionFill {
  side: Side;
  qty: number;
  price: number;
  fxRate: number;
  /** In the account currency. */
  fee: number;
  time: number;
}

/**
 * One fill applied to a position: FIFO lots, realised P&L net of the fee, and when the position's
 * life began (leaving flat, or flipping — then only this fill's lot is left). The ledger books fills
 * with it, and a damaged position is rebuilt with it from the fills alone.
 */
export function applyFillToPosition(prev: PositionState, fill: PositionFill, roundQty: (qty: number) => number): { position: PositionState; realizedPnl: number; closedQty: number } {
  const after = applyFillToLots(prev.lots, { qty: sideSign(fill.side) * fill.qty, price: fill.price, fxRate: fill.fxRate, time: fill.time }, roundQty);
  const flat = after.lots.length === 0;
  const flipped = !flat && after.closedQty > 0 && after.lots.length === 1 && after.lots[0]!.time === fill.time && Math.sign(after.lots[0]!.qty) !== Math.sign(prev.lots[0]!.qty);
  const reopened = prev.lots.length === 0 || flipped;
  return {
    position: {
      symbol: prev.symbol,
      lots: after.lots,
      realizedPnl: prev.realizedPnl + after.realizedPnl - fill.fee,
      openedAt: flat ? null : reopened ? fill.time : prev.openedAt,
      updatedAt: fill.time,
    },
    realizedPnl: after.realizedPnl,
    closedQty: after.closedQty,
  };
}

/** A position with nothing in it yet. */
export const flatPosition = (symbol: string, time: number): PositionState => ({ symbol, lots: [], realizedPnl: 0, openedAt: null, updatedAt: time });
