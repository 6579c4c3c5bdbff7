import type { Instrument } from '../../../shared/market/instrument';
import { lotsCost, lotsQty } from '../../../shared/trading/fifo-lots';
import type { Side } from '../../../shared/trading/order';
import { sideSign } from '../../../shared/trading/order';
import type { AccountMoney, PositionState } from '../broker';
import { applyFillToPosition, flatPosition } from '../position-state';

export interface PaperAccountConfig {
  type: 'cash' | 'margin';
  currency: string;
  leverage: number;
  makerFeeBps: number;
  takerFeeBps: number;
}

export interface LedgerState {
  balance: number;
  realizedPnl: number;
  fillSeq: number;
  positions: readonly PositionState[];
}

export interface LedgerFillResult {
  seq: number;
  /** The part of the fill that opened or added to the position (the rest closed lots). */
  openedQty: number;
  fee: number;
  realizedPnl: number;
  position: PositionState;
}

export interface PaperLedger {
  readonly state: () => { balance: number; realizedPnl: number; fillSeq: number };
  /** Signed open quantity of a symbol. */
  qty(symbol: string): number;
  positions(): PositionState[];
  /** Books a fill: cash, fees, FIFO lots, realised P&L. */
  applyFill(instrument: Instrument, side: Side, qty: number, price: number, liquidity: 'maker' | 'taker', fxRate: number, time: number): LedgerFillResult;
  /** Margin a position of `qty` at `price` ties up (account currency). */
  margin(qty: number, price: number, fxRate: number): number;
  /** The leverage that applies: 1 for a cash account. */
  leverage(): number;
  /** Drops every position and sets the balance; returns the positions as now flat. */
  reset(balance: number, time: number): PositionState[];
  /** Balance, equity and margin; `reserved` is margin held for working orders. */
  money(reserved: number): AccountMoney;
}

/**
 * The money of one paper account: cash moves by the traded value at each fill (so equity is always
 * cash + marked positions), positions keep FIFO lots, margin is gross exposure / leverage.
 */
export function createPaperLedger(
  config: () => PaperAccountConfig,
  initial: LedgerState,
  instruments: ReadonlyMap<string, Instrument>,
  /** The lot-step rounder of a symbol (the broker keeps one per instrument). */
  roundQty: (symbol: string) => (q: number) => number,
  mark: (symbol: string) => number | undefined,
  rate: (quoteCurrency: string) => number | undefined,
): PaperLedger {
  let balance = initial.balance;
  let realizedPnl = initial.realizedPnl;
  let fillSeq = initial.fillSeq;
  const positions = new Map<string, PositionState>(initial.positions.map((p) => [p.symbol, { ...p, lots: p.lots.map((l) => ({ ...l })) }]));
  const qty = (symbol: string): number => {
    const p = positions.get(symbol);
    return p && instruments.has(symbol) ? lotsQty(p.lots, roundQty(symbol)) : 0;
  };

  const leverage = (): number => (config().type === 'cash' ? 1 : config().leverage);
  const margin = (q: number, price: number, fxRate: number): number => (Math.abs(q) * price * fxRate) / leverage();

  return {
    state: () => ({ balance, realizedPnl, fillSeq }),
    qty,
    positions: () => [...positions.values()],
    applyFill(inst, side, fillQty, price, liquidity, fxRate, time) {
      const round = roundQty(inst.symbol);
      const prev = positions.get(inst.symbol) ?? flatPosition(inst.symbol, time);
      const cfg = config();
      const value = fillQty * price * fxRate;
      const fee = (value * (liquidity === 'maker' ? cfg.makerFeeBps : cfg.takerFeeBps)) / 10_000;
      const after = applyFillToPosition(prev, { side, qty: fillQty, price, fxRate, fee, time }, round);
      const position = after.position;
      balance -= sideSign(side) * value + fee;
      realizedPnl += after.realizedPnl - fee;
      fillSeq += 1;
      positions.set(inst.symbol, position);
      return { seq: fillSeq, openedQty: round(fillQty - after.closedQty), fee, realizedPnl: after.realizedPnl, position };
    },
    margin,
    leverage,
    reset(newBalance, time) {
      balance = newBalance;
      realizedPnl = 0;
      const cleared = [...positions.values()].map((p) => flatPosition(p.symbol, time));
      positions.clear();
      return cleared;
    },
    money(reserved) {
      let marketValue = 0;
      let cost = 0;
      let marginUsed = 0;
      for (const p of positions.values()) {
        if (p.lots.length === 0) continue;
        const inst = instruments.get(p.symbol);
        if (!inst) continue;
        const q = lotsQty(p.lots, roundQty(p.symbol));
        const m = mark(p.symbol);
        const r = rate(inst.quoteCurrency);
        const c = lotsCost(p.lots);
        cost += c;
        // Without a mark yet, a position is worth what it cost: no invented P&L.
        const value = m !== undefined && r !== undefined ? q * m * r : c;
        marketValue += value;
        marginUsed += config().type === 'cash' ? Math.max(0, value) : Math.abs(value) / config().leverage;
      }
      const equity = balance + marketValue;
      // A cash account spends cash; a margin account spends free equity, leveraged.
      const free = config().type === 'cash' ? balance - reserved : equity - marginUsed - reserved;
      return { balance, equity, unrealizedPnl: marketValue - cost, realizedPnl, marginUsed, buyingPower: Math.max(0, free) * leverage() };
    },
  };
}
