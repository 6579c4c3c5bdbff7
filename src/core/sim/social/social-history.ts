import type { CommunitySeed } from '../../../hub';
import { roundTrips, type RoundTrip } from '../../../shared/metrics';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/market/timeframes';
import type { FillBody } from '../../../shared/social/strategy-event';
import { createRng, seedOf, type Rng } from '../../market/synthetic/prng';
import type { Voice } from '../member-profile';
import type { SimMarket } from '../sim-market';
import {
  composeIdeaPost,
  composeMarketPost,
  composeMentionPost,
  composeQuestionPost,
  composeStrategyPost,
  lastCloseAt,
  marketContext,
  type ComposedPost,
  type SocialMember,
} from './compose-post';
import { cashtag, duration, formatPrice, signedUsd } from './market-words';
import { commentText, tradeRecap, type Choose, type PostKind } from './post-writer';

/** How many posts a voice writes in 60 days. */
const POSTS_PER_60_DAYS: Readonly<Record<Voice, number>> = { hype: 20, salty: 15, mentor: 14, quant: 12, calm: 9, terse: 8 };

/** A planned backdated post with who wrote it. */
export interface PlannedPost extends ComposedPost {
  author: number;
  createdAt: number;
}

export const chooser = (rng: Rng): Choose => (items) => items[Math.floor(rng.next() * items.length)]!;

/** Members who trade `symbol`, other than `self`. */
const peersOn = (members: readonly SocialMember[], symbol: string, self: number): number[] =>
  members.flatMap((m, i) => (i !== self && m.symbols.includes(symbol) ? [i] : []));

/** A recap post of a round trip the member closed. */
export function composeRecap(market: SimMarket, member: SocialMember, trip: RoundTrip, choose: Choose): ComposedPost {
  const inst = market.instrument(trip.symbol);
  const s = trip.side === 'long' ? 1 : -1;
  const move = s * (trip.exitPrice! / trip.entryPrice - 1);
  const won = (trip.pnl ?? 0) > 0;
  const text = tradeRecap(member.profile, { tag: cashtag(trip.symbol), side: trip.side, entry: formatPrice(inst, trip.entryPrice), exit: formatPrice(inst, trip.exitPrice!), move, pnl: signedUsd(trip.pnl ?? 0), won, held: duration(trip.closedAt! - trip.openedAt) }, choose);
  return { text, kind: won ? 'recap-win' : 'recap-loss', symbol: trip.symbol };
}

/** Round trips a member closed between `from` and `to`. */
export function closedTrips(member: SocialMember, from: number, to: number): RoundTrip[] {
  const fills = member.bodies.filter((b): b is FillBody => b.type === 'fill' && b.time <= to);
  return roundTrips(fills).closed.filter((t) => t.closedAt !== null && t.closedAt >= from && t.closedAt <= to);
}

/**
 * The community's posts over the `days` before `now`, in character: market commentary with the
 * cashtags they trade, trade ideas at the last close, recaps of their real round trips, strategy
 * updates with their real figures, mentions and questions. Deterministic for a seed.
 */
export async function planPosts(options: { members: readonly SocialMember[]; market: SimMarket; seed: number; now: number; days?: number; pause?: () => Promise<void> }): Promise<PlannedPost[]> {
  const { members, market, seed, now } = options;
  const days = options.days ?? 60;
  const priceAt = lastCloseAt(market);
  const out: PlannedPost[] = [];
  for (const [author, member] of members.entries()) {
    await options.pause?.();
    const rng = createRng(seedOf(seed, 'posts', member.profile.username));
    const choose = chooser(rng);
    const from = Math.max(now - days * DAY_MS, member.startTime + DAY_MS);
    if (from >= now) continue;
    const count = Math.round((POSTS_PER_60_DAYS[member.profile.voice] * (now - from)) / (60 * DAY_MS) * (0.7 + 0.6 * rng.next()));
    const trips = closedTrips(member, from - 3 * DAY_MS, now - HOUR_MS);
    for (let k = 0; k < count; k++) {
      const createdAt = Math.floor(from + rng.next() * (now - from - 10 * MINUTE_MS));
      const symbol = choose(member.symbols);
      const c = marketContext(market, priceAt, member, symbol, createdAt);
      const roll = rng.next();
      let post: ComposedPost | undefined;
      if (roll < 0.2) {
        const trip = [...trips].reverse().find((t) => t.closedAt! <= createdAt && t.closedAt! > createdAt - 3 * DAY_MS);
        if (trip) post = composeRecap(market, member, trip, choose);
      } else if (roll < 0.36) {
        post = composeIdeaPost(market, member, c, symbol, priceAt(symbol, createdAt), choose);
      } else if (roll < 0.46) {
        post = composeStrategyPost(member, createdAt, choose);
      } else if (roll < 0.58) {
        const peers = peersOn(members, symbol, author);
        if (peers.length > 0) post = composeMentionPost(member, members[choose(peers)]!, c, symbol, choose);
      } else if (roll < 0.66) {
        post = composeQuestionPost(member, c, symbol, choose);
      }
      out.push({ ...(post ?? composeMarketPost(member, c, symbol, choose)), author, createdAt });
    }
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

const REPLY_CHANCE: Readonly<Record<PostKind, number>> = { market: 0.9, 'recap-win': 1.6, 'recap-loss': 1.2, idea: 1.4, strategy: 1.5, mention: 1.2, question: 1.8 };

/**
 * Comments, likes and follows among members for posts already in the hub (`postIds` in the order
 * of `posts`): commenters lean to people trading the same markets, times follow the post.
 */
export function planReactions(options: { members: readonly SocialMember[]; posts: readonly PlannedPost[]; postIds: readonly string[]; seed: number; now: number }): Required<Pick<CommunitySeed, 'comments' | 'likes' | 'follows'>> {
  const { members, posts, postIds, seed, now } = options;
  const rng = createRng(seedOf(seed, 'reactions'));
  const choose = chooser(rng);
  const comments: NonNullable<CommunitySeed['comments']> = [];
  const likes: NonNullable<CommunitySeed['likes']> = [];
  const follows: NonNullable<CommunitySeed['follows']> = [];
  const after = (t: number, maxMs: number): number => Math.min(now - 1000, Math.floor(t + 2 * MINUTE_MS + rng.next() * maxMs));
  const pickOther = (author: number, symbol: string): number => {
    const peers = peersOn(members, symbol, author);
    if (peers.length > 0 && rng.next() < 0.6) return choose(peers);
    let i = Math.floor(rng.next() * members.length);
    if (i === author) i = (i + 1) % members.length;
    return i;
  };
  posts.forEach((post, p) => {
    const postId = postIds[p]!;
    const author = members[post.author]!;
    const n = Math.floor(rng.next() * 2.2 * REPLY_CHANCE[post.kind]);
    const commenters = new Set<number>();
    for (let k = 0; k < n && members.length > 1; k++) {
      const who = pickOther(post.author, post.symbol);
      if (commenters.has(who)) continue;
      commenters.add(who);
      comments.push({ postId, userId: members[who]!.userId, text: commentText(members[who]!.profile, post.kind, author.profile.style.kind, choose), createdAt: after(post.createdAt, 20 * HOUR_MS) });
    }
    const first = [...commenters][0];
    if (first !== undefined && rng.next() < 0.35) {
      const reply = choose(['thanks!', 'appreciate it.', 'we will see 😅', 'good luck with yours.', 'noted, thanks.', 'fair point.']);
      comments.push({ postId, userId: author.userId, text: `@${members[first]!.profile.username} ${reply}`, createdAt: after(post.createdAt, 30 * HOUR_MS) });
    }
    const likers = new Set<number>();
    const wanted = Math.floor(rng.next() * (post.kind === 'recap-win' || post.kind === 'strategy' ? 9 : 5));
    for (let k = 0; k < wanted && members.length > 1; k++) likers.add(pickOther(post.author, post.symbol));
    for (const who of likers) likes.push({ postId, userId: members[who]!.userId, createdAt: after(post.createdAt, 30 * HOUR_MS) });
  });
  members.forEach((member, i) => {
    const classes = new Set(member.symbols);
    const candidates = members.map((_, j) => j).filter((j) => j !== i);
    const sameMarkets = candidates.filter((j) => members[j]!.symbols.some((s) => classes.has(s)));
    const wanted = 3 + Math.floor(rng.next() * 7);
    const chosen = new Set<number>();
    for (let k = 0; k < wanted * 2 && chosen.size < Math.min(wanted, candidates.length); k++) chosen.add(rng.next() < 0.7 && sameMarkets.length > 0 ? choose(sameMarkets) : choose(candidates));
    for (const j of chosen) {
      const since = Math.max(member.startTime, members[j]!.startTime);
      follows.push({ userId: member.userId, target: { kind: 'user', id: members[j]!.userId }, createdAt: after(since, Math.max(1, now - since - 4 * MINUTE_MS)) });
    }
    const strategies = [...chosen].slice(0, 1 + Math.floor(rng.next() * 3));
    for (const j of strategies) {
      const since = Math.max(member.startTime, members[j]!.startTime);
      follows.push({ userId: member.userId, target: { kind: 'strategy', id: members[j]!.strategyId }, createdAt: after(since, Math.max(1, now - since - 4 * MINUTE_MS)) });
    }
  });
  return { comments, likes, follows };
}
