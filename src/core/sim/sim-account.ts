import { gridRounder } from '../../shared/numbers/steps';
import { applyFillToLots, lotsAvgPrice, lotsQty } from '../../shared/trading/fifo-lots';
import type { Lot } from '../../shared/trading/position';

/** What a member's strategy sees of one holding. */
export interface HoldingView {
  /** Signed, on the lot grid; 0 when flat. */
  qty: number;
  /** FIFO entry of the open lots; null when flat. */
  avgPrice: number | null;
  /** When the position was opened from flat; null when flat. */
  openedAt: number | null;
}

/** A fill as the account books it: price in the quote currency, fee and cash in USD. */
export interface BookedFill {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  fee: number;
  fxRate: number;
  lotStep: number;
  time: number;
}

/** A mark-to-market price of a symbol: quote-currency price and its USD rate. */
export interface Valuation {
  price: number;
  fxRate: number;
}

/**
 * A simulated member's paper account in USD: cash and FIFO lots per symbol (the shared lot
 * matcher, so positions replay exactly as followers' and the hub's metrics replay them).
 */
export interface SimAccount {
  readonly cash: number;
  holding(symbol: string): HoldingView;
  /** Symbols with an open position, in the order they were first traded. */
  openSymbols(): string[];
  /** Books a fill; returns the position after it and the FIFO P&L it realised (before the fee). */
  book(fill: BookedFill): { positionQty: number; realizedPnl: number };
  /** Moves capital in (+) or out (−), or books P&L that is not a fill (swap). */
  adjustCash(amount: number): void;
  /** Cash plus open positions at `value(symbol)`. */
  equity(value: (symbol: string) => Valuation): number;
  /** Σ |qty| × price × rate of open positions, USD. */
  grossExposure(value: (symbol: string) => Valuation): number;
}

interface Book {
  lots: Lot[];
  qty: number;
  openedAt: number | null;
  round: (q: number) => number;
}

export function createSimAccount(initialCash: number): SimAccount {
  let cash = initialCash;
  const books = new Map<string, Book>();

  return {
    get cash() {
      return cash;
    },
    holding(symbol) {
      const b = books.get(symbol);
      if (!b || b.qty === 0) return { qty: 0, avgPrice: null, openedAt: null };
      return { qty: b.qty, avgPrice: lotsAvgPrice(b.lots), openedAt: b.openedAt };
    },
    openSymbols: () => [...books].filter(([, b]) => b.qty !== 0).map(([s]) => s),
    book(fill) {
      let b = books.get(fill.symbol);
      if (!b) books.set(fill.symbol, (b = { lots: [], qty: 0, openedAt: null, round: gridRounder(fill.lotStep) }));
      const signed = fill.side === 'buy' ? fill.qty : -fill.qty;
      const after = applyFillToLots(b.lots, { qty: signed, price: fill.price, fxRate: fill.fxRate, time: fill.time }, b.round);
      const before = b.qty;
      b.lots = after.lots;
      b.qty = lotsQty(b.lots, b.round);
      if (b.qty === 0) b.openedAt = null;
      else if (before === 0 || Math.sign(before) !== Math.sign(b.qty)) b.openedAt = fill.time;
      cash -= signed * fill.price * fill.fxRate + fill.fee;
      return { positionQty: b.qty, realizedPnl: after.realizedPnl };
    },
    adjustCash(amount) {
      cash += amount;
    },
    equity(value) {
      let e = cash;
      for (const [symbol, b] of books) {
        if (b.qty === 0) continue;
        const v = value(symbol);
        e += b.qty * v.price * v.fxRate;
      }
      return e;
    },
    grossExposure(value) {
      let g = 0;
      for (const [symbol, b] of books) {
        if (b.qty === 0) continue;
        const v = value(symbol);
        g += Math.abs(b.qty) * v.price * v.fxRate;
      }
      return g;
    },
  };
}
