import { DAY_MS, type Timeframe } from '../../../shared/market/timeframes';
import { roundToStep } from '../../../shared/numbers/steps';
import type { TradeIdea } from '../../../shared/social/social-types';
import { computeStrategyMetrics, dailySeries, type CapitalFlow, type EquityMark, type MetricFill } from '../../../shared/metrics';
import type { EventBody } from '../../../shared/social/strategy-event';
import type { MemberProfile } from '../member-profile';
import type { SimMarket } from '../sim-market';
import { cashtag, formatPrice } from './market-words';
import { ideaText, marketComment, mentionPost, questionPost, strategyUpdate, type Choose, type MarketContext, type PostKind, type Side } from './post-writer';

/** A post ready for `posts.create` or the hub's seed, and what kind it is (for the replies it draws). */
export interface ComposedPost {
  text: string;
  idea?: TradeIdea;
  strategyId?: string;
  kind: PostKind;
  symbol: string;
}

/** A member as the social side needs it. */
export interface SocialMember {
  profile: MemberProfile;
  userId: string;
  strategyId: string;
  /** When the member's track record starts (ms). */
  startTime: number;
  /** The member's published event bodies (fills and marks), in order. */
  bodies: readonly EventBody[];
  symbols: readonly string[];
}

/** The price a member would quote at `time`: live, or the last daily close for history. */
export type PriceAt = (symbol: string, time: number) => number;

/** The last daily close known at `time` (today's once the instrument's day has closed). */
export function lastCloseAt(market: SimMarket): PriceAt {
  return (symbol, time) => {
    const day = Math.floor(time / DAY_MS);
    const bar = market.bars(symbol, '1D', day)[0];
    return bar && bar.closeTime <= time ? bar.close : market.dayClose(symbol, day - 1);
  };
}

/** The member's position side in `symbol` at `time`, from their own fills. */
export function positionAt(bodies: readonly EventBody[], symbol: string, time: number): Side {
  let qty = 0;
  for (const b of bodies) {
    if (b.time > time) break;
    if (b.type === 'fill' && b.symbol === symbol) qty = b.positionQty;
  }
  return qty > 0 ? 'long' : qty < 0 ? 'short' : 'flat';
}

export function marketContext(market: SimMarket, priceAt: PriceAt, member: SocialMember, symbol: string, time: number): MarketContext {
  const price = priceAt(symbol, time);
  const before = market.dayClose(symbol, Math.floor(time / DAY_MS) - 5);
  return { tag: cashtag(symbol), price: formatPrice(market.instrument(symbol), price), change: price / before - 1, position: positionAt(member.bodies, symbol, time) };
}

/** Stop distance in units of daily volatility, by the idea's timeframe. */
const HORIZON: Readonly<Record<Timeframe, number>> = { '1s': 0.1, '1m': 0.15, '5m': 0.25, '15m': 0.35, '1h': 0.6, '4h': 1, '1D': 2 };

/**
 * A trade idea at `price`: the side the member would take, a stop one horizon of volatility away
 * and a target `reward` times further, on the instrument's tick grid.
 */
export function buildIdea(market: SimMarket, symbol: string, price: number, side: 'long' | 'short', timeframe: Timeframe, reward: number): TradeIdea {
  const spec = market.spec(symbol);
  const tick = spec.instrument.tickSize;
  const perDay = spec.instrument.assetClass === 'crypto' ? 365 : 252;
  const distance = Math.max(tick * 5, (price * spec.vol * HORIZON[timeframe]) / Math.sqrt(perDay));
  const s = side === 'long' ? 1 : -1;
  const entry = roundToStep(price, tick);
  return {
    symbol,
    side,
    entry,
    stop: roundToStep(entry - s * distance, tick),
    target: roundToStep(entry + s * distance * reward, tick),
    timeframe,
  };
}

const LONG_ONLY = new Set(['rotation', 'steady', 'picker', 'swing', 'dip', 'degen']);
const FADES = new Set(['meanrev']);
const REWARD: Readonly<Record<string, number>> = { scalp: 1.5, orb: 1.5, meanrev: 1.5, degen: 3, martingale: 1, breakout: 2.5 };

/** The side a member's idea takes: their position if they have one, else what their style would do. */
export function ideaSide(member: MemberProfile, c: MarketContext): 'long' | 'short' {
  if (c.position !== 'flat') return c.position;
  const kind = member.style.kind;
  if (LONG_ONLY.has(kind)) return 'long';
  const withMove = c.change >= 0 ? 'long' : 'short';
  if (FADES.has(kind)) return withMove === 'long' ? 'short' : 'long';
  return withMove;
}

export function composeMarketPost(member: SocialMember, c: MarketContext, symbol: string, choose: Choose): ComposedPost {
  return { text: marketComment(member.profile, c, choose), kind: 'market', symbol };
}

export function composeIdeaPost(market: SimMarket, member: SocialMember, c: MarketContext, symbol: string, price: number, choose: Choose): ComposedPost {
  const side = ideaSide(member.profile, c);
  const tf = member.profile.style.timeframe;
  const idea = buildIdea(market, symbol, price, side, tf, REWARD[member.profile.style.kind] ?? 2);
  const inst = market.instrument(symbol);
  const text = ideaText(member.profile, { tag: c.tag, side, entry: formatPrice(inst, idea.entry), stop: formatPrice(inst, idea.stop), target: formatPrice(inst, idea.target), timeframe: tf }, choose);
  return { text, idea, kind: 'idea', symbol };
}

export function composeMentionPost(member: SocialMember, other: SocialMember, c: MarketContext, symbol: string, choose: Choose): ComposedPost {
  return { text: mentionPost(member.profile, other.profile.username, c, choose), kind: 'mention', symbol };
}

export function composeQuestionPost(member: SocialMember, c: MarketContext, symbol: string, choose: Choose): ComposedPost {
  return { text: questionPost(member.profile, c, choose), kind: 'question', symbol };
}

/** A strategy update over the 30 days before `time`: the figures METRICS.md gives for 1M then. */
export function composeStrategyPost(member: SocialMember, time: number, choose: Choose): ComposedPost | undefined {
  const marks: EquityMark[] = [];
  const flows: CapitalFlow[] = [];
  const fills: MetricFill[] = [];
  for (const b of member.bodies) {
    if (b.time > time) break;
    if (b.type === 'mark') marks.push(b);
    else if (b.type === 'flow') flows.push(b);
    else fills.push(b);
  }
  const month = computeStrategyMetrics({ days: dailySeries(marks, flows), fills }).periods['1M'];
  if (month.return === null) return undefined;
  const text = strategyUpdate(member.profile, { return30: month.return, trips: month.trades, wins: month.wins, maxDrawdown: month.maxDrawdown.value ?? 0 }, choose);
  return { text, strategyId: member.strategyId, kind: 'strategy', symbol: member.symbols[0]! };
}
