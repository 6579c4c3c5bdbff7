import type { Sizing } from '../../shared/copy/copy-settings';

/** The leader's trade as the stream reports it, in the leader's units. */
export interface LeaderTrade {
  /** Signed position before and after the fill. */
  before: number;
  after: number;
  price: number;
  /** Leader account currency per unit of the instrument's quote currency. */
  fxRate: number;
  /** Leader account equity after the fill. */
  equity: number;
}

/** What sizing needs to know about my side. */
export interface FollowerSide {
  /** The copy's equity now (allocation + its P&L). */
  allocationEquity: number;
  /** My instrument's price and my account currency per unit of its quote currency. */
  price: number;
  fxRate: number;
  /** Risk mode: my scale against proportional (target vol / leader vol, capped); 1 otherwise. */
  riskScale: number;
}

/**
 * How much opening or adding `qty` (leader units, absolute) is for me, before rounding.
 * Proportional: the same share of my allocation as the trade is of the leader's equity.
 */
export function openSize(sizing: Sizing, qty: number, leader: Pick<LeaderTrade, 'price' | 'fxRate' | 'equity'>, me: FollowerSide): number {
  const myUnitValue = me.price * me.fxRate;
  switch (sizing.mode) {
    case 'multiplier':
      return qty * sizing.factor;
    case 'fixed':
      return sizing.qty ?? (myUnitValue > 0 ? sizing.notional! / myUnitValue : 0);
    case 'proportional':
    case 'risk': {
      if (!(leader.equity > 0) || !(myUnitValue > 0) || !(me.allocationEquity > 0)) return 0;
      const share = (qty * leader.price * leader.fxRate) / leader.equity;
      return ((share * me.allocationEquity) / myUnitValue) * (sizing.mode === 'risk' ? me.riskScale : 1);
    }
  }
}

/**
 * My new ideal (unrounded, signed) position after a leader trade. The ideal is kept between
 * trades so rounding never accumulates: the order is `round(ideal) − actual`.
 * - leader flat → 0;
 * - from flat, or a flip → the size of the new position alone (the flip closes mine first);
 * - an add → my ideal plus the add's size;
 * - a reduce → my ideal scaled by the leader's remaining fraction (closes mirror proportionally).
 * `reverse` trades the other side.
 */
export function nextIdeal(sizing: Sizing, ideal: number, trade: LeaderTrade, me: FollowerSide, reverse: boolean): number {
  const s = reverse ? -1 : 1;
  const { before, after } = trade;
  if (after === 0) return 0;
  if (before === 0 || Math.sign(after) !== Math.sign(before)) return s * Math.sign(after) * openSize(sizing, Math.abs(after), trade, me);
  if (Math.abs(after) > Math.abs(before)) return ideal + s * Math.sign(after) * openSize(sizing, Math.abs(after) - Math.abs(before), trade, me);
  return ideal * (after / before);
}
