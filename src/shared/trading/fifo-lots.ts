import type { Lot } from './position';

export interface LotFill {
  /** Signed: + buys, − sells. */
  qty: number;
  price: number;
  /** Account currency per unit of quote currency at the fill. */
  fxRate: number;
  time: number;
}

export interface LotsAfterFill {
  lots: Lot[];
  /** Account-currency P&L of what the fill closed, before fees. */
  realizedPnl: number;
  /** How much of the fill closed existing lots (absolute). */
  closedQty: number;
}

/**
 * Applies one fill to a position's FIFO lots: it closes the oldest opposite lots first, and what is
 * left opens a lot of its own (a flip). `round` snaps quantities to the lot step so repeated partial
 * closes never leave dust. P&L is in the account currency at each side's own rate, so it includes
 * the currency move and equals the change in cash.
 */
export function applyFillToLots(lots: readonly Lot[], fill: LotFill, round: (qty: number) => number): LotsAfterFill {
  const out = lots.map((l) => ({ ...l }));
  let remaining = fill.qty;
  let realizedPnl = 0;
  let closedQty = 0;
  while (out.length > 0 && remaining !== 0 && Math.sign(out[0]!.qty) !== Math.sign(remaining)) {
    const lot = out[0]!;
    const matched = Math.min(Math.abs(lot.qty), Math.abs(remaining));
    const direction = Math.sign(lot.qty);
    realizedPnl += direction * matched * (fill.price * fill.fxRate - lot.price * lot.fxRate);
    closedQty = round(closedQty + matched);
    lot.qty = round(lot.qty - direction * matched);
    remaining = round(remaining + direction * matched);
    if (lot.qty === 0) out.shift();
  }
  if (remaining !== 0) out.push({ qty: remaining, price: fill.price, fxRate: fill.fxRate, time: fill.time });
  return { lots: out, realizedPnl, closedQty };
}

/** Net signed quantity of the lots. */
export function lotsQty(lots: readonly Lot[], round: (qty: number) => number): number {
  let q = 0;
  for (const l of lots) q += l.qty;
  return round(q);
}

/** Volume-weighted entry price of the open lots; null when flat. */
export function lotsAvgPrice(lots: readonly Lot[]): number | null {
  let q = 0;
  let v = 0;
  for (const l of lots) {
    q += Math.abs(l.qty);
    v += Math.abs(l.qty) * l.price;
  }
  return q > 0 ? v / q : null;
}

/** Account-currency cost of the open lots (signed), at the rates they were opened at. */
export function lotsCost(lots: readonly Lot[]): number {
  let c = 0;
  for (const l of lots) c += l.qty * l.price * l.fxRate;
  return c;
}
