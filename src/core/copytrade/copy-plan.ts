import type { FollowState, GuardName, Guards, Sizing } from '../../shared/copy/copy-settings';
import { gridFloor, gridRounder, roundToStep } from '../../shared/numbers/steps';
import type { Side } from '../../shared/trading/order';
import { nextIdeal, type FollowerSide, type LeaderTrade } from './copy-sizing';

export interface PlanInstrument {
  symbol: string;
  lotStep: number;
  minQty: number;
  tickSize: number;
}

export interface CopyBook {
  /** My copy's unrounded target in this symbol, and what it actually holds. */
  ideal: number;
  actual: number;
  /** Symbols with an open copied position. */
  openSymbols: number;
  /** Σ |qty| × price of the copy's positions, account currency. */
  grossExposure: number;
}

export interface PlanInput {
  sizing: Sizing;
  guards: Guards;
  state: FollowState;
  leaderSymbol: string;
  trade: LeaderTrade;
  /** When the leader signed the event (ms). */
  signedAt: number;
  now: number;
  /** My instrument the leader's symbol maps to; undefined when I have none. */
  instrument: PlanInstrument | undefined;
  /** My side's prices: `price` is where a market order would fill now (ask to buy, bid to sell: pass the side-neutral last if unknown). */
  me: FollowerSide;
  book: CopyBook;
}

export interface PlannedOrder {
  symbol: string;
  side: Side;
  qty: number;
  type: 'market' | 'limit';
  price: number | null;
  /** Reduces the copy's position (never blocked by the risk guards). */
  reduces: boolean;
}

export type Plan =
  | { outcome: 'copied'; orders: PlannedOrder[]; ideal: number; message: string; blockedPart?: { guard: GuardName; message: string } }
  | { outcome: 'skipped' | 'blocked'; guard: GuardName | null; message: string; ideal: number };

/** The symbol of mine a leader's symbol maps to. */
export function mapSymbol(guards: Pick<Guards, 'symbolMap'>, leaderSymbol: string): string {
  return guards.symbolMap[leaderSymbol] ?? leaderSymbol;
}

const fmt = (x: number): string => (Math.abs(x) >= 1000 ? x.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Number(x.toPrecision(8))));

/**
 * What to do with one leader trade: sizing gives my new ideal position; the order is the rounded
 * ideal minus what I hold, split into the part that reduces (always allowed, bar TTL and pause)
 * and the part that opens or adds (subject to every guard). A blocked opening part leaves my
 * ideal where it was, so later closes mirror what I really hold.
 */
export function planSignal(input: PlanInput): Plan {
  const { guards, book, instrument, trade } = input;
  const skip = (outcome: 'skipped' | 'blocked', guard: GuardName | null, message: string): Plan => ({ outcome, guard, message, ideal: book.ideal });
  // Not acted on, but a reduction still lowers what the copy wants: later closes then mirror the
  // leader's, and reconciliation shows what the pause or the stale signal left over.
  const notActedOn = (guard: GuardName, message: string): Plan => ({ outcome: 'skipped', guard, message, ideal: idealAfterReduction(book.ideal, trade) });
  if (input.state === 'paused') return notActedOn('paused', 'Paused: signal not copied');
  if (input.state === 'stopped') return skip('skipped', null, 'The follow is stopped');
  const age = input.now - input.signedAt;
  if (age > guards.signalTtlSeconds * 1000) return notActedOn('signalTtl', `Signal is ${Math.round(age / 1000)} s old, older than its ${guards.signalTtlSeconds} s time-to-live`);
  const mySymbol = mapSymbol(guards, input.leaderSymbol);
  if (!instrument) {
    return skip('skipped', 'symbolMap', mySymbol === input.leaderSymbol ? `No instrument ${mySymbol} on this account: map ${input.leaderSymbol} to one of yours` : `No instrument ${mySymbol} (mapped from ${input.leaderSymbol}) on this account`);
  }

  // Without my price, a close or the closing part of a flip can still go (it scales what I
  // hold); an opening trade cannot be sized, so it waits for the next signal.
  const priced = input.me.price > 0 && input.me.fxRate > 0;
  const flips = trade.before !== 0 && trade.after !== 0 && Math.sign(trade.after) !== Math.sign(trade.before);
  const opens = trade.after !== 0 && (trade.before === 0 || flips || Math.abs(trade.after) > Math.abs(trade.before));
  const noPrice = `No price for ${mySymbol} yet: an opening trade cannot be sized without one`;
  if (!priced && opens && !flips) return skip('skipped', 'noPrice', noPrice);
  const ideal = priced ? nextIdeal(input.sizing, book.ideal, trade, input.me, guards.reverse) : idealAfterReduction(book.ideal, trade);
  const round = gridRounder(instrument.lotStep);
  const target = round(ideal);
  const actual = book.actual;
  const split = splitChange(actual, target);
  const add = round(split.add);
  // A partial reduce below the minimum waits (the ideal keeps it owed); a full close always goes.
  const wanted = round(split.reduce);
  const reduce = Math.abs(wanted) < instrument.minQty && round(wanted + actual) !== 0 ? 0 : wanted;
  const orders: PlannedOrder[] = [];
  let nextIdealQty = ideal;
  let blockedPart: { guard: GuardName; message: string } | undefined;
  if (reduce !== 0) orders.push(order(instrument.symbol, reduce, true));
  if (!priced && flips) blockedPart = { guard: 'noPrice', message: noPrice };
  if (add !== 0) {
    const block = blockOpening(input, instrument, mySymbol, add, target, actual + reduce) ?? slippageBlock(input, add);
    if (block) {
      // Too small: the ideal keeps it owed, so later trades add up. Any other guard: the opening
      // part is not wanted, so hold what the reduce leaves.
      const kept = block.guard === 'lotSize' ? ideal : actual + reduce;
      if (orders.length === 0) return { outcome: block.guard === 'lotSize' ? 'skipped' : 'blocked', guard: block.guard, message: block.message, ideal: kept };
      nextIdealQty = kept;
      blockedPart = block;
    } else {
      orders.push(withSlippageLimit(order(instrument.symbol, add, false), input, instrument));
    }
  }
  if (orders.length === 0) {
    return { outcome: 'skipped', guard: 'lotSize', message: `Change of ${fmt(Math.abs(ideal - actual))} ${instrument.symbol} rounds to nothing at lot step ${instrument.lotStep}`, ideal };
  }
  const what = orders.map((o) => `${o.side} ${fmt(o.qty)} ${o.symbol}${o.type === 'limit' ? ` limit ${fmt(o.price!)}` : ''}`).join(', then ');
  return { outcome: 'copied', orders, ideal: nextIdealQty, message: blockedPart ? `${what}; opening part blocked: ${blockedPart.message}` : what, ...(blockedPart ? { blockedPart } : {}) };
}

/** The ideal after the leader's trade counting only what it closes: a close or flip ends it, a reduction scales it, an addition leaves it. */
export function idealAfterReduction(ideal: number, trade: { before: number; after: number }): number {
  if (trade.before === 0) return ideal;
  if (trade.after === 0 || Math.sign(trade.after) !== Math.sign(trade.before)) return 0;
  return Math.abs(trade.after) < Math.abs(trade.before) ? ideal * (trade.after / trade.before) : ideal;
}

/**
 * From `actual` to `target`: the part that reduces toward flat and the part that opens or adds.
 * A flip is both: close what I hold, then open the new side from flat.
 */
export function splitChange(actual: number, target: number): { reduce: number; add: number } {
  if (target === actual) return { reduce: 0, add: 0 };
  if (actual === 0) return { reduce: 0, add: target };
  if (target === 0) return { reduce: -actual, add: 0 };
  if (Math.sign(target) !== Math.sign(actual)) return { reduce: -actual, add: target };
  return Math.abs(target) < Math.abs(actual) ? { reduce: target - actual, add: 0 } : { reduce: 0, add: target - actual };
}

function order(symbol: string, signedQty: number, reduces: boolean): PlannedOrder {
  return { symbol, side: signedQty > 0 ? 'buy' : 'sell', qty: Math.abs(signedQty), type: 'market', price: null, reduces };
}

/** The guard that stops an opening or adding order, if any. */
function blockOpening(input: PlanInput, instrument: PlanInstrument, mySymbol: string, addQty: number, target: number, held: number): { guard: GuardName; message: string } | undefined {
  const { guards, book, me } = input;
  if (Math.abs(addQty) < instrument.minQty) {
    return { guard: 'lotSize', message: `${fmt(Math.abs(addQty))} ${mySymbol} is below the minimum quantity ${instrument.minQty}: too small to copy` };
  }
  if (guards.closeOnly) return { guard: 'closeOnly', message: 'Close-only: opening and adding trades are not copied' };
  if (guards.blockedSymbols.includes(mySymbol)) return { guard: 'blockedSymbols', message: `${mySymbol} is on the blocked list` };
  if (guards.allowedSymbols && !guards.allowedSymbols.includes(mySymbol)) return { guard: 'allowedSymbols', message: `${mySymbol} is not on the allowed list` };
  // A flip closes this symbol before it reopens it: it is not one more open position.
  const others = book.openSymbols - (book.actual !== 0 ? 1 : 0);
  if (guards.maxOpenPositions !== null && held === 0 && others >= guards.maxOpenPositions) {
    return { guard: 'maxOpenPositions', message: `Already ${others} open positions, the most this follow may hold` };
  }
  const unit = me.price * me.fxRate;
  const value = Math.abs(target) * unit;
  if (guards.maxPositionValue !== null && value > guards.maxPositionValue) {
    return { guard: 'maxPositionValue', message: `${mySymbol} position would be worth ${fmt(value)}, above the ${fmt(guards.maxPositionValue)} limit` };
  }
  if (guards.maxLeverage !== null) {
    // What this symbol holds now gives way to its target.
    const gross = book.grossExposure - Math.abs(book.actual) * unit + Math.abs(target) * unit;
    const leverage = input.me.allocationEquity > 0 ? gross / input.me.allocationEquity : Number.POSITIVE_INFINITY;
    if (leverage > guards.maxLeverage) return { guard: 'maxLeverage', message: `Leverage would be ${leverage.toFixed(2)}×, above the ${guards.maxLeverage}× limit` };
  }
  return undefined;
}

/** Slippage of my market price against the leader's fill, bps; positive is worse for me. */
function slippageNow(input: PlanInput, side: Side): number {
  const leaderPrice = input.trade.price;
  return ((input.me.price - leaderPrice) / leaderPrice) * (side === 'buy' ? 1 : -1) * 10_000;
}

/** `skip` mode: an opening trade is not copied when my price is already beyond the bound. */
function slippageBlock(input: PlanInput, add: number): { guard: GuardName; message: string } | undefined {
  const bps = input.guards.maxSlippageBps;
  if (bps === null || input.guards.slippageAction !== 'skip') return undefined;
  const slip = slippageNow(input, add > 0 ? 'buy' : 'sell');
  if (slip <= bps) return undefined;
  return { guard: 'maxSlippage', message: `Price ${fmt(input.me.price)} is ${slip.toFixed(1)} bps from the leader's ${fmt(input.trade.price)}, beyond the ${bps} bps bound` };
}

/** `limit` mode: an opening trade becomes a limit order at the bound. Closes always go at market. */
function withSlippageLimit(o: PlannedOrder, input: PlanInput, instrument: PlanInstrument): PlannedOrder {
  const bps = input.guards.maxSlippageBps;
  if (bps === null || input.guards.slippageAction !== 'limit') return o;
  const bound = input.trade.price * (1 + ((o.side === 'buy' ? 1 : -1) * bps) / 10_000);
  const price = o.side === 'buy' ? gridFloor(instrument.tickSize)(bound) : roundToStep(bound, instrument.tickSize, 'up');
  return { ...o, type: 'limit', price };
}
