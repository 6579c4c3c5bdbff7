import type { RoundTrip } from './round-trips';

/** How a closed round trip ended, judged to the cent. */
export type TradeOutcome = 'win' | 'loss' | 'breakEven';

/** Win when P&L rounds to at least +0.01, loss at most −0.01, break-even when it rounds to 0.00. */
export function tradeOutcome(pnl: number): TradeOutcome {
  // Rounding |pnl| keeps ±0.005 symmetric (half away from zero), unlike Math.round on the sign.
  if (Math.round(Math.abs(pnl) * 100) === 0) return 'breakEven';
  return pnl > 0 ? 'win' : 'loss';
}

/** Win rate: wins / closed round trips (break-evens count); null with none. */
export function winRate(wins: number, trades: number): number | null {
  return trades === 0 ? null : wins / trades;
}

/**
 * Profit factor: Σ P&L of wins / |Σ P&L of losses|; null when there is no loss, 0 with losses but no
 * win.
 */
export function profitFactor(grossProfit: number, grossLoss: number, losses: number): number | null {
  return losses === 0 ? null : grossProfit / Math.abs(grossLoss);
}

/** The trade figures of a set of closed round trips. */
export interface TradeStats {
  trades: number;
  wins: number;
  losses: number;
  breakEvens: number;
  winRate: number | null;
  profitFactor: number | null;
  /** Mean of close time − open time, seconds; null with no trade. */
  avgHoldingSeconds: number | null;
  /** Mean P&L per closed round trip, account currency; null with no trade. */
  expectancy: number | null;
}

/** Trade figures of `closed[from..to)` (closed round trips; open ones count in no figure). */
export function tradeStats(closed: readonly RoundTrip[], from = 0, to = closed.length): TradeStats {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let pnlSum = 0;
  let heldMs = 0;
  for (let i = from; i < to; i++) {
    const t = closed[i]!;
    const pnl = t.pnl ?? 0;
    pnlSum += pnl;
    heldMs += (t.closedAt ?? t.openedAt) - t.openedAt;
    const outcome = tradeOutcome(pnl);
    if (outcome === 'win') {
      wins++;
      grossProfit += pnl;
    } else if (outcome === 'loss') {
      losses++;
      grossLoss += pnl;
    }
  }
  const trades = Math.max(0, to - from);
  return {
    trades,
    wins,
    losses,
    breakEvens: trades - wins - losses,
    winRate: winRate(wins, trades),
    profitFactor: profitFactor(grossProfit, grossLoss, losses),
    avgHoldingSeconds: trades === 0 ? null : heldMs / trades / 1000,
    expectancy: trades === 0 ? null : pnlSum / trades,
  };
}
