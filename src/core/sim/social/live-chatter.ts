import type { LocalHubClient } from '../../../hub';
import { HOUR_MS } from '../../../shared/market/timeframes';
import { createRng, seedOf } from '../../market/synthetic/prng';
import type { Logger } from '../../ports';
import type { SimMarket } from '../sim-market';
import type { StyleKind } from '../styles/create-style';
import {
  composeIdeaPost,
  composeMarketPost,
  composeMentionPost,
  composeQuestionPost,
  composeStrategyPost,
  marketContext,
  type ComposedPost,
  type SocialMember,
} from './compose-post';
import { commentText, type PostKind } from './post-writer';
import { chooser, closedTrips, composeRecap } from './social-history';

/** A post the community may react to: its own, or anyone's from the trending feed. */
export interface KnownPost {
  postId: string;
  /** Index of the member who wrote it; null for someone outside the community (the user). */
  author: number | null;
  kind: PostKind;
  authorStyle: StyleKind | null;
}

/** The community's live social life: one post, comment or like per `act`, in character. */
export interface LiveChatter {
  act(now: number): Promise<void>;
  /** Posts it knows, newest last (seeded history first). */
  readonly known: KnownPost[];
}

const KEEP = 300;

export function createLiveChatter(options: { members: readonly SocialMember[]; client: (member: number) => LocalHubClient; market: SimMarket; seed: number; log: Logger; known?: KnownPost[] }): LiveChatter {
  const { members, client, market, seed, log } = options;
  const known: KnownPost[] = options.known ?? [];
  const remember = (p: KnownPost): void => {
    if (known.some((k) => k.postId === p.postId)) return;
    known.push(p);
    if (known.length > KEEP) known.splice(0, known.length - KEEP);
  };

  const post = async (now: number, rng: ReturnType<typeof createRng>): Promise<void> => {
    const choose = chooser(rng);
    const author = Math.floor(rng.next() * members.length);
    const member = members[author]!;
    const symbol = choose(member.symbols);
    const priceAt = (s: string, t: number): number => market.priceAt(s, t);
    const c = marketContext(market, priceAt, member, symbol, now);
    const roll = rng.next();
    let composed: ComposedPost | undefined;
    if (roll < 0.25) {
      const trip = closedTrips(member, now - 12 * HOUR_MS, now).at(-1);
      if (trip) composed = composeRecap(market, member, trip, choose);
    } else if (roll < 0.45) {
      composed = composeIdeaPost(market, member, c, symbol, priceAt(symbol, now), choose);
    } else if (roll < 0.55) {
      composed = composeStrategyPost(member, now, choose);
    } else if (roll < 0.65) {
      const peers = members.flatMap((m, i) => (i !== author && m.symbols.includes(symbol) ? [i] : []));
      if (peers.length > 0) composed = composeMentionPost(member, members[choose(peers)]!, c, symbol, choose);
    } else if (roll < 0.72) {
      composed = composeQuestionPost(member, c, symbol, choose);
    }
    const p = composed ?? composeMarketPost(member, c, symbol, choose);
    const created = await client(author).call('posts.create', { text: p.text, ...(p.idea ? { idea: p.idea } : {}), ...(p.strategyId ? { strategyId: p.strategyId } : {}) });
    remember({ postId: created.postId, author, kind: p.kind, authorStyle: member.profile.style.kind });
  };

  const target = async (rng: ReturnType<typeof createRng>): Promise<KnownPost | undefined> => {
    // Now and then look at what is trending, so the user's posts get reactions too.
    if (rng.next() < 0.3) {
      const ids = new Map(members.map((m, i) => [m.userId, i]));
      const page = await client(0).call('feed.get', { tab: 'trending', limit: 20 });
      for (const p of page.posts) {
        const author = ids.get(p.author.userId) ?? null;
        remember({ postId: p.postId, author, kind: p.idea ? 'idea' : 'market', authorStyle: author === null ? null : members[author]!.profile.style.kind });
      }
    }
    if (known.length === 0) return undefined;
    // Recent posts draw most of the attention.
    const index = known.length - 1 - Math.floor(known.length * rng.next() ** 3);
    return known[Math.max(0, index)];
  };

  return {
    known,
    async act(now) {
      const rng = createRng(seedOf(seed, 'live', now));
      const roll = rng.next();
      try {
        if (roll < 0.45 || known.length === 0) return await post(now, rng);
        const p = await target(rng);
        if (!p) return;
        let who = Math.floor(rng.next() * members.length);
        if (who === p.author) who = (who + 1) % members.length;
        if (who === p.author) return;
        if (roll < 0.8) {
          const text = commentText(members[who]!.profile, p.kind, p.authorStyle ?? 'trend', chooser(rng));
          await client(who).call('comments.create', { postId: p.postId, text });
        } else {
          await client(who).call('likes.set', { postId: p.postId, liked: true });
        }
      } catch (err) {
        // A rate limit or a post deleted meanwhile: the community just skips a beat.
        log.debug({ err: err instanceof Error ? err.message : String(err) }, 'simulated member could not act');
      }
    },
  };
}
