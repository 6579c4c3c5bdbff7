import type { GuardName, Guards, Sizing } from '../../shared/copy/copy-settings';
import { dailySeries, dayIndex, type DailyPoint, type MetricFill } from '../../shared/metrics';
import { gridRounder } from '../../shared/numbers/steps';
import type { FillBody } from '../../shared/social/strategy-event';
import { applyCopyFill, emptyBook, valueBook } from './copy-book';
import { mapSymbol, planSignal, type PlanInstrument } from './copy-plan';
import type { Book } from './copy-repository';

const DAY_MS = 86_400_000;

export interface SimulationInput {
  /** The leader's verified fills in the window, ascending, with the leader's position before the window. */
  fills: readonly FillBody[];
  /** Signed positions the leader held when the window opened (copied only with `copyOpenPositions`). */
  openAtStart: ReadonlyMap<string, { qty: number; price: number; fxRate: number; lotStep: number }>;
  leaderEquityAtStart: number;
  sizing: Sizing;
  guards: Guards;
  allocation: number;
  /** My taker fee, basis points of the traded value. */
  takerFeeBps: number;
  /** My instrument for a symbol of mine; undefined when I have none. */
  instrument(symbol: string): PlanInstrument | undefined;
  /** My account currency per unit of the symbol's quote currency (today's rate). */
  fxRate(symbol: string): number;
  /** Close of my symbol on a UTC day index; undefined when it did not trade that day. */
  close(symbol: string, day: number): number | undefined;
  riskScale: number;
  fromMs: number;
  toMs: number;
}

export interface SimulationResult {
  days: DailyPoint[];
  /** The copy's simulated fills, for its trade figures. */
  fills: MetricFill[];
  finalEquity: number;
  copied: number;
  skipped: number;
  reasons: Array<{ reason: string; count: number }>;
}

/**
 * The what-if: the leader's fills replayed through my sizing, guards, lot rounding and fees on
 * my allocation, filled at the leader's price plus my taker fee, marked at my symbols' daily
 * closes; the copy stop-loss and take-profit are checked at every fill and every day's close.
 */
export function simulateCopy(input: SimulationInput): SimulationResult {
  const books = new Map<string, Book>();
  const ideals = new Map<string, number>();
  const reasons = new Map<string, number>();
  const marks: Array<{ time: number; equity: number; grossExposure: number }> = [];
  const fills: MetricFill[] = [];
  let copied = 0;
  let skipped = 0;
  let stopped = false;
  const lastPrice = new Map<string, number>();

  const note = (guard: GuardName | null, message: string): void => {
    skipped++;
    const key = guard ? guardReason(guard) : message;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  };
  const priceOf = (symbol: string, day: number): number | undefined => input.close(symbol, day) ?? lastPrice.get(symbol);
  const equity = (day: number): { equity: number; gross: number } => {
    let pnl = 0;
    let gross = 0;
    for (const b of books.values()) {
      const price = priceOf(b.symbol, day);
      const v = valueBook(b, price === undefined ? undefined : { price, fxRate: input.fxRate(b.symbol) });
      pnl += v.pnl;
      gross += v.gross;
    }
    return { equity: input.allocation + pnl, gross };
  };
  const trade = (symbol: string, signedQty: number, price: number, time: number): void => {
    const inst = input.instrument(symbol)!;
    const fxRate = input.fxRate(symbol);
    const fee = (Math.abs(signedQty) * price * fxRate * input.takerFeeBps) / 10_000;
    const fill = { side: signedQty > 0 ? ('buy' as const) : ('sell' as const), qty: Math.abs(signedQty), price, fxRate, fee, time };
    books.set(symbol, applyCopyFill(books.get(symbol) ?? emptyBook(symbol), fill, gridRounder(inst.lotStep)));
    fills.push({ symbol, ...fill, lotStep: inst.lotStep });
    lastPrice.set(symbol, price);
  };
  const closeAll = (day: number, time: number): void => {
    for (const b of books.values()) {
      const price = priceOf(b.symbol, day);
      if (b.qty !== 0 && price !== undefined) trade(b.symbol, -b.qty, price, time);
    }
    stopped = true;
  };
  const protect = (day: number, time: number): void => {
    const { stopLoss, takeProfit } = input.guards;
    const eq = equity(day).equity;
    if (stopLoss !== null && eq < stopLoss * input.allocation) {
      note('stopLoss', '');
      closeAll(day, time);
    } else if (takeProfit !== null && eq >= takeProfit * input.allocation) {
      note('takeProfit', '');
      closeAll(day, time);
    }
  };

  const apply = (body: Pick<FillBody, 'symbol' | 'price' | 'fxRate' | 'lotStep'>, before: number, after: number, equityAfter: number, time: number): void => {
    const symbol = mapSymbol(input.guards, body.symbol);
    const inst = input.instrument(symbol);
    const book = books.get(symbol) ?? emptyBook(symbol);
    const myPrice = symbol === body.symbol ? body.price : (priceOf(symbol, dayIndex(time)) ?? body.price);
    const plan = planSignal({
      sizing: input.sizing,
      guards: input.guards,
      state: 'active',
      leaderSymbol: body.symbol,
      trade: { before, after, price: body.price, fxRate: body.fxRate, equity: equityAfter },
      signedAt: time,
      now: time,
      instrument: inst,
      me: { allocationEquity: equity(dayIndex(time)).equity, price: myPrice, fxRate: inst ? input.fxRate(symbol) : 1, riskScale: input.riskScale },
      book: { ideal: ideals.get(symbol) ?? 0, actual: book.qty, openSymbols: [...books.values()].filter((b) => b.qty !== 0).length, grossExposure: equity(dayIndex(time)).gross },
    });
    ideals.set(symbol, plan.ideal);
    if (plan.outcome !== 'copied') return note(plan.guard, plan.message);
    copied++;
    if (plan.blockedPart) note(plan.blockedPart.guard, plan.blockedPart.message);
    for (const o of plan.orders) {
      // A limit at the slippage bound fills at the leader's price: the bound is never worse than it here.
      trade(symbol, o.side === 'buy' ? o.qty : -o.qty, myPrice, time);
    }
  };

  const firstDay = dayIndex(input.fromMs);
  const lastDay = dayIndex(input.toMs);
  if (input.guards.copyOpenPositions) {
    for (const [symbol, open] of input.openAtStart) {
      // Opened when the window opens, at that day's price (the leader's own fill was earlier).
      const mine = mapSymbol(input.guards, symbol);
      const price = input.close(mine, firstDay - 1) ?? input.close(mine, firstDay) ?? open.price;
      if (open.qty !== 0) apply({ symbol, price, fxRate: open.fxRate, lotStep: open.lotStep }, 0, open.qty, input.leaderEquityAtStart, input.fromMs);
    }
  }

  let fillIndex = 0;
  // The base observation: the allocation at the end of the day before the first copied day.
  marks.push({ time: firstDay * DAY_MS - 1, equity: input.allocation, grossExposure: 0 });
  for (let day = firstDay; day <= lastDay; day++) {
    const end = (day + 1) * DAY_MS;
    while (fillIndex < input.fills.length && input.fills[fillIndex]!.time < end) {
      const f = input.fills[fillIndex++]!;
      if (stopped || f.time < input.fromMs) continue;
      const signed = f.side === 'buy' ? f.qty : -f.qty;
      const round = gridRounder(f.lotStep);
      apply(f, round(f.positionQty - signed), round(f.positionQty), f.equity, f.time);
      protect(day, f.time);
    }
    if (!stopped) protect(day, end - 1);
    const { equity: eq, gross } = equity(day);
    marks.push({ time: end - 1, equity: eq, grossExposure: gross });
  }
  const days = dailySeries(marks, []);
  return {
    days,
    fills,
    finalEquity: marks.at(-1)?.equity ?? input.allocation,
    copied,
    skipped,
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
  };
}

const GUARD_REASONS: Record<GuardName, string> = {
  stopLoss: 'Copy stop-loss reached',
  takeProfit: 'Copy take-profit reached',
  maxOpenPositions: 'Too many open positions',
  maxPositionValue: 'Position value above the limit',
  maxLeverage: 'Leverage above the limit',
  allowedSymbols: 'Symbol not on the allowed list',
  blockedSymbols: 'Symbol on the blocked list',
  symbolMap: 'No matching instrument on the account',
  maxSlippage: 'Slippage beyond the bound',
  signalTtl: 'Signal too old',
  closeOnly: 'Close-only',
  paused: 'Paused',
  lotSize: 'Too small after lot rounding',
  noPrice: 'No price for the instrument',
};
const guardReason = (guard: GuardName): string => GUARD_REASONS[guard];
