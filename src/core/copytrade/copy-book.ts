import { applyFillToLots } from '../../shared/trading/fifo-lots';
import type { Lot } from '../../shared/trading/position';
import type { Book } from './copy-repository';

export const emptyBook = (symbol: string): Book => ({ symbol, ideal: 0, qty: 0, lots: [], realized: 0, fees: 0 });

/** A fill of a copy order applied to the copy's FIFO lots (returns a new book). */
export function applyCopyFill(book: Book, fill: { side: 'buy' | 'sell'; qty: number; price: number; fxRate: number; fee: number; time: number }, round: (q: number) => number): Book {
  const signed = fill.side === 'buy' ? fill.qty : -fill.qty;
  const after = applyFillToLots(book.lots, { qty: signed, price: fill.price, fxRate: fill.fxRate, time: fill.time }, round);
  return { ...book, lots: after.lots, qty: round(book.qty + signed), realized: book.realized + after.realizedPnl, fees: book.fees + fill.fee };
}

/** Unrealised P&L of lots at `mark`, account currency at today's rate `fxRate`. */
export function unrealized(lots: readonly Lot[], mark: number, fxRate: number): number {
  let pnl = 0;
  for (const l of lots) pnl += l.qty * (mark * fxRate - l.price * l.fxRate);
  return pnl;
}

export interface BookValue {
  /** Realised − fees + unrealised. */
  pnl: number;
  /** |qty| × mark, account currency. */
  gross: number;
}

/** What a book is worth at a price; a book without a price is held at cost. */
export function valueBook(book: Book, mark: { price: number; fxRate: number } | undefined): BookValue {
  if (!mark) {
    let cost = 0;
    for (const l of book.lots) cost += Math.abs(l.qty) * l.price * l.fxRate;
    return { pnl: book.realized - book.fees, gross: cost };
  }
  return { pnl: book.realized - book.fees + unrealized(book.lots, mark.price, mark.fxRate), gross: Math.abs(book.qty) * mark.price * mark.fxRate };
}
