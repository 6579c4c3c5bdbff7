import { DAY_MS } from '../../shared/market/timeframes';
import { gridFloor, roundToStep } from '../../shared/numbers/steps';
import type { EventBody, FillBody, MarkBody } from '../../shared/social/strategy-event';
import { createRng, seedOf } from '../market/synthetic/prng';
import type { MemberProfile } from './member-profile';
import { createSimAccount, type HoldingView, type Valuation } from './sim-account';
import { minBarsPerDay, type SimBar, type SimMarket } from './sim-market';
import { createStyle } from './styles/create-style';
import type { Decision, Style } from './styles/style';
import { commission, executionPrice, longSwapRate } from './trading-costs';

/**
 * One member's account trading its style on the synthetic market. The events it produces are a
 * pure function of (seed, market, start day, time): advancing to the same moment in one step or
 * in many gives the same bodies, which is what lets a restart regenerate history instead of
 * storing it.
 */
export interface MemberSim {
  readonly profile: MemberProfile;
  /** First UTC day of the track record (day index). */
  readonly startDay: number;
  /** Every event body so far, in order. */
  readonly bodies: readonly EventBody[];
  /** Processes every bar that closes and every UTC day that ends by `limit` (ms). */
  advance(limit: number): void;
  holding(symbol: string): HoldingView;
  /** Equity at the last prices seen. */
  equity(): number;
  /** The style's symbols. */
  readonly symbols: readonly string[];
}

const cents = (x: number): number => Math.round(x * 100) / 100;
/** UTC days a year with FX trading (Sunday evening to Friday): a year of them credits the full swap rate. */
const SWAP_DAYS_PER_YEAR = 313;

export function createMemberSim(options: { profile: MemberProfile; market: SimMarket; seed: number; startDay: number }): MemberSim {
  const { profile, market, seed, startDay } = options;
  const style: Style = createStyle(profile.style);
  const symbols = style.symbols;
  const account = createSimAccount(profile.capital);
  const bodies: EventBody[] = [];
  const lastPrice = new Map<string, number>();
  const lots = new Map(symbols.map((s) => [s, market.instrument(s).lotStep]));
  const floors = new Map(symbols.map((s) => [s, gridFloor(market.instrument(s).lotStep)]));
  const warmupDays = Math.ceil((style.warmupBars / minBarsPerDay(style.timeframe)) * (7 / 5)) + 3;
  const flows = new Map<number, number>();
  for (const f of profile.flows ?? []) flows.set(startDay + f.day, (flows.get(startDay + f.day) ?? 0) + f.amount);
  let cursor = (startDay - warmupDays) * DAY_MS;
  let fills = 0;
  let day = startDay - warmupDays;
  let lastMark: MarkBody | undefined;

  const fx = (symbol: string, d: number): number => market.fxRate(market.instrument(symbol).quoteCurrency, d);
  /** Positions at the last price seen, converted at the previous day's close: the intraday view. */
  const intraday = (symbol: string): Valuation => ({ price: lastPrice.get(symbol) ?? market.dayClose(symbol, day - 1), fxRate: fx(symbol, day - 1) });
  const atClose = (symbol: string): Valuation => ({ price: market.dayClose(symbol, day), fxRate: fx(symbol, day) });

  const execute = (decision: Decision, bar: SimBar, rng: () => number): void => {
    const { symbol } = decision;
    const held = account.holding(symbol);
    const want = Math.sign(decision.weight);
    if (want === Math.sign(held.qty)) return;
    const instrument = market.instrument(symbol);
    const rate = fx(symbol, day - 1);
    const equity = account.equity(intraday);
    let targetQty = 0;
    if (want !== 0 && equity > 0) {
      const others = account.grossExposure((s) => (s === symbol ? { price: 0, fxRate: 1 } : intraday(s)));
      const notional = Math.min(Math.abs(decision.weight) * equity, Math.max(0, profile.maxLeverage * equity - others));
      targetQty = want * floors.get(symbol)!(notional / (bar.close * rate));
    }
    const lotStep = lots.get(symbol)!;
    const delta = roundToStep(targetQty - held.qty, lotStep);
    if (delta === 0) return;
    const side = delta > 0 ? 'buy' : 'sell';
    const qty = Math.abs(delta);
    const price = executionPrice(market.spec(symbol), side, bar.close, 0.1 + 0.3 * rng());
    const fee = commission(profile.fees ?? 'retail', instrument.assetClass, qty * price * rate);
    const booked = account.book({ symbol, side, qty, price, fee, fxRate: rate, lotStep, time: bar.fillTime });
    const body: FillBody = {
      type: 'fill',
      fillId: `f${++fills}`,
      symbol,
      assetClass: instrument.assetClass,
      side,
      qty,
      price,
      fee,
      fxRate: rate,
      lotStep,
      time: bar.fillTime,
      positionQty: booked.positionQty,
      equity: cents(account.equity(intraday)),
    };
    bodies.push(body);
  };

  const onGroup = (group: SimBar[], trading: boolean): void => {
    for (const bar of group) lastPrice.set(bar.symbol, bar.close);
    const rng = createRng(seedOf(seed, profile.username, group[0]!.closeTime));
    const decisions = style.onBars(group, { holding: (s) => account.holding(s), rng });
    if (!trading) return;
    for (const d of decisions) {
      const bar = group.find((b) => b.symbol === d.symbol);
      // A decision for a symbol whose bar did not close now would trade a closed market.
      if (bar) execute(d, bar, () => rng.next());
    }
  };

  const endOfDay = (): void => {
    const end = (day + 1) * DAY_MS;
    // Swap is credited on the pair's trading days (six UTC days a week carry FX minutes).
    for (const symbol of account.openSymbols()) {
      const swap = longSwapRate(symbol);
      if (swap === 0 || !market.isTradingDay(symbol, day)) continue;
      const v = atClose(symbol);
      account.adjustCash((account.holding(symbol).qty * v.price * v.fxRate * swap) / SWAP_DAYS_PER_YEAR);
    }
    if (profile.refillBelow !== undefined) {
      const equity = account.equity(atClose);
      if (equity < profile.refillBelow * profile.capital) {
        const amount = cents(profile.capital - equity);
        account.adjustCash(amount);
        bodies.push({ type: 'flow', time: end - 2, amount });
      }
    }
    const equity = cents(account.equity(atClose));
    const grossExposure = cents(account.grossExposure(atClose));
    // A day without fills or flows that changed nothing (a weekend for a stock account, a flat
    // account on a quiet day) needs no mark: the daily series carries equity forward (METRICS.md).
    const quiet = bodies.length === 0 || bodies[bodies.length - 1]!.time < day * DAY_MS;
    if (quiet && lastMark && lastMark.equity === equity && lastMark.grossExposure === grossExposure) return;
    lastMark = { type: 'mark', time: end - 1, equity, grossExposure };
    bodies.push(lastMark);
  };

  const barsOfDay = (d: number): SimBar[][] => {
    const all: SimBar[] = [];
    for (const s of symbols) all.push(...market.bars(s, style.timeframe, d));
    // Stable: bars closing together stay in the style's symbol order.
    all.sort((a, b) => a.closeTime - b.closeTime);
    const groups: SimBar[][] = [];
    for (const bar of all) {
      const last = groups[groups.length - 1];
      if (last && last[0]!.closeTime === bar.closeTime) last.push(bar);
      else groups.push([bar]);
    }
    return groups;
  };

  return {
    profile,
    startDay,
    bodies,
    symbols,
    advance(limit) {
      if (limit <= cursor) return;
      for (day = Math.floor(cursor / DAY_MS); day * DAY_MS < limit; day++) {
        const trading = day >= startDay;
        const flow = flows.get(day);
        const flowTime = day * DAY_MS + 1;
        if (trading && flow && flowTime > cursor && flowTime <= limit) {
          account.adjustCash(flow);
          bodies.push({ type: 'flow', time: flowTime, amount: flow });
        }
        for (const group of barsOfDay(day)) {
          const t = group[0]!.closeTime;
          if (t > cursor && t <= limit) onGroup(group, trading);
        }
        const end = (day + 1) * DAY_MS;
        if (trading && end > cursor && end <= limit) endOfDay();
      }
      day = Math.floor(limit / DAY_MS);
      cursor = limit;
    },
    holding: (s) => account.holding(s),
    equity: () => account.equity(intraday),
  };
}
