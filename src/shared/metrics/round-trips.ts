import { gridRounder } from '../numbers/steps';
import { lotsAvgPrice } from '../trading/fifo-lots';
import type { Lot } from '../trading/position';
import { byTime } from './by-time';
import { matchFifoInPlace, type FifoMatch } from './fifo-in-place';
import { DEFAULT_LOT_STEP, isFlat } from './zero-tests';

/** A verified fill, as the metrics take it. */
export interface MetricFill {
  symbol: string;
  side: 'buy' | 'sell';
  /** Absolute quantity. */
  qty: number;
  /** Quote currency. */
  price: number;
  /** Account currency; negative = rebate. */
  fee: number;
  /** Account currency per unit of quote currency; default 1. */
  fxRate?: number;
  /** ms since the epoch. */
  time: number;
  /** The instrument's lot step; 1e-9 when unknown. */
  lotStep?: number;
}

/** One fill's closing part, FIFO-matched. */
export interface PartialClose {
  time: number;
  /** Absolute quantity closed. */
  qty: number;
  price: number;
  /** Account-currency P&L of the FIFO matches, before fees. */
  realizedPnl: number;
}

/** A round trip: from a flat position to the next flat position in one symbol. */
export interface RoundTrip {
  symbol: string;
  side: 'long' | 'short';
  /** Time of the fill that opened it from flat (or flipped into it). */
  openedAt: number;
  /** Time of the fill that made it flat (or flipped out of it); null while open. */
  closedAt: number | null;
  /** VWAP of the quantity opened (added to the position), quote currency. */
  entryPrice: number;
  /** VWAP of closing fills, null while open. */
  exitPrice: number | null;
  /** Largest absolute position during the trip. */
  maxQty: number;
  /** Fees of its fills (a flip fill's pro-rata share), account currency; rebates negative. */
  fees: number;
  /** Realised P&L of its closes before fees, account currency. */
  realizedPnl: number;
  /** Realised P&L minus fees (METRICS.md), null while open. */
  pnl: number | null;
  closes: PartialClose[];
  /** Absolute quantity still open; 0 once closed. */
  openQty: number;
  /** FIFO entry price of what is still open; null once closed. */
  openAvgPrice: number | null;
}

/**
 * One symbol's position while walking the fills, and the trip it is in as plain numbers. The
 * `RoundTrip` and its closes are built once, when the trip closes, never written to afterwards: V8
 * soon pretenures objects that outlive a scavenge, and every young value later written into an old
 * object must be remembered and rescanned — growing trips in place made the 10,000-trip benchmark
 * several times slower.
 */
interface Book {
  symbol: string;
  lots: Lot[];
  /** Signed, on the lot grid; 0 when flat (no trip). */
  qty: number;
  side: 'long' | 'short';
  openedAt: number;
  entryQty: number;
  entryValue: number;
  exitQty: number;
  exitValue: number;
  maxQty: number;
  fees: number;
  realizedPnl: number;
  /** How many partial closes the trip has so far. */
  closeCount: number;
  /** The trip's partial closes, column-wise; the arrays are reused from trip to trip. */
  closeTime: number[];
  closeQty: number[];
  closePrice: number[];
  closePnl: number[];
}

function newBook(symbol: string): Book {
  return { symbol, lots: [], qty: 0, side: 'long', openedAt: 0, entryQty: 0, entryValue: 0, exitQty: 0, exitValue: 0, maxQty: 0, fees: 0, realizedPnl: 0, closeCount: 0, closeTime: [], closeQty: [], closePrice: [], closePnl: [] };
}

function startTrip(book: Book, signedQty: number, time: number): void {
  book.side = signedQty > 0 ? 'long' : 'short';
  book.openedAt = time;
  book.entryQty = 0;
  book.entryValue = 0;
  book.exitQty = 0;
  book.exitValue = 0;
  book.maxQty = 0;
  book.fees = 0;
  book.realizedPnl = 0;
  book.closeCount = 0;
}

/** The book's trip as a `RoundTrip`: closed at `closedAt`, or still open when that is null. */
function tripOf(book: Book, closedAt: number | null): RoundTrip {
  const n = book.closeCount;
  const closes: PartialClose[] = new Array<PartialClose>(n);
  for (let i = 0; i < n; i++) closes[i] = { time: book.closeTime[i]!, qty: book.closeQty[i]!, price: book.closePrice[i]!, realizedPnl: book.closePnl[i]! };
  const open = closedAt === null;
  return {
    symbol: book.symbol,
    side: book.side,
    openedAt: book.openedAt,
    closedAt,
    entryPrice: book.entryValue / book.entryQty,
    exitPrice: open ? null : book.exitValue / book.exitQty,
    maxQty: book.maxQty,
    fees: book.fees,
    realizedPnl: book.realizedPnl,
    pnl: open ? null : book.realizedPnl - book.fees,
    closes,
    openQty: open ? Math.abs(book.qty) : 0,
    openAvgPrice: open ? lotsAvgPrice(book.lots) : null,
  };
}

/**
 * Splits fills into round trips per symbol. History starts flat; fills are taken in ascending time,
 * ties in recorded order; quantities are rounded to the lot step first and a position below half a
 * step is flat. Lots are matched FIFO (as `applyFillToLots`, in place). A fill that flips the side
 * closes one trip and opens the next at its time and price, its fee split pro rata by quantity. A
 * fill that rounds to nothing moves no position; its fee still belongs to the open trip. Closed
 * trips come in the order they closed, open ones in the order they opened.
 */
export function roundTrips(fills: readonly MetricFill[]): { closed: RoundTrip[]; open: RoundTrip[] } {
  const books = new Map<string, Book>();
  const rounders = new Map<number, (q: number) => number>();
  const match: FifoMatch = { realizedPnl: 0, closedQty: 0 };
  const closed: RoundTrip[] = [];
  for (const f of byTime(fills)) {
    const step = f.lotStep ?? DEFAULT_LOT_STEP;
    let round = rounders.get(step);
    if (round === undefined) {
      round = gridRounder(step);
      rounders.set(step, round);
    }
    let book = books.get(f.symbol);
    if (book === undefined) {
      book = newBook(f.symbol);
      books.set(f.symbol, book);
    }
    const qty = round(Math.abs(f.qty));
    const wasFlat = book.qty === 0;
    if (isFlat(qty, step)) {
      if (!wasFlat) book.fees += f.fee;
      continue;
    }
    const signed = f.side === 'buy' ? qty : -qty;
    if (wasFlat) startTrip(book, signed, f.time);
    matchFifoInPlace(book.lots, signed, f.price, f.fxRate ?? 1, f.time, round, match);
    const closedQty = match.closedQty;
    const newQty = round(book.qty + signed);
    if (closedQty > 0) {
      book.realizedPnl += match.realizedPnl;
      book.exitQty += closedQty;
      book.exitValue += closedQty * f.price;
      const k = book.closeCount++;
      book.closeTime[k] = f.time;
      book.closeQty[k] = closedQty;
      book.closePrice[k] = f.price;
      book.closePnl[k] = match.realizedPnl;
    }
    const opened = round(qty - closedQty);
    if (isFlat(newQty, step)) {
      book.fees += f.fee;
      closed.push(tripOf(book, f.time));
      if (book.lots.length !== 0) book.lots = []; // a flat position keeps no dust
      book.qty = 0;
    } else if (closedQty > 0 && opened > 0) {
      // A flip: the closing share of the fee stays with the old trip, the rest opens the new one.
      const closingFee = (f.fee * closedQty) / qty;
      book.fees += closingFee;
      closed.push(tripOf(book, f.time));
      startTrip(book, newQty, f.time);
      book.fees = f.fee - closingFee;
      book.entryQty = opened;
      book.entryValue = opened * f.price;
      book.maxQty = Math.abs(newQty);
      book.qty = newQty;
    } else {
      book.fees += f.fee;
      if (opened > 0) {
        book.entryQty += opened;
        book.entryValue += opened * f.price;
      }
      book.maxQty = Math.max(book.maxQty, Math.abs(newQty));
      book.qty = newQty;
    }
  }
  const open: RoundTrip[] = [];
  for (const book of books.values()) if (book.qty !== 0) open.push(tripOf(book, null));
  open.sort((a, b) => a.openedAt - b.openedAt);
  return { closed, open };
}
