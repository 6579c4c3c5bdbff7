import { describe, expect, it } from 'vitest';
import { composeIdeaPost, lastCloseAt, marketContext } from '../../../src/core/sim/social/compose-post';
import { cashtag } from '../../../src/core/sim/social/market-words';
import { chooser, planPosts, planReactions, type PlannedPost } from '../../../src/core/sim/social/social-history';
import { createRng } from '../../../src/core/market/synthetic/prng';
import { DAY_MS } from '../../../src/shared/market/timeframes';
import { roundToStep } from '../../../src/shared/numbers/steps';
import { hubMethods } from '../../../src/shared/social/hub-methods';
import { parseTags } from '../../../src/shared/social/social-types';
import { NOW, SEED, simulatedCommunity } from './community-fixture';

describe('the community’s backdated posts', async () => {
  const { market, social } = simulatedCommunity();
  const posts: PlannedPost[] = await planPosts({ members: social, market, seed: SEED, now: NOW });
  const usernames = new Set(social.map((m) => m.profile.username));

  it('are many, varied, of every kind, and spread over the last 60 days', () => {
    expect(posts.length).toBeGreaterThanOrEqual(400);
    expect(new Set(posts.map((p) => p.kind))).toEqual(new Set(['market', 'recap-win', 'recap-loss', 'idea', 'strategy', 'mention', 'question']));
    expect(new Set(posts.map((p) => p.text)).size / posts.length).toBeGreaterThan(0.9);
    for (const p of posts) {
      expect(p.createdAt).toBeGreaterThanOrEqual(NOW - 60 * DAY_MS);
      expect(p.createdAt).toBeLessThan(NOW);
      expect(p.createdAt).toBeGreaterThan(social[p.author]!.startTime);
    }
  });

  it('pass the hub’s posts.create schema and read as English, without placeholders', () => {
    for (const p of posts) {
      hubMethods['posts.create'].params.parse({ text: p.text, idea: p.idea, strategyId: p.strategyId });
      expect(p.text).not.toMatch(/undefined|NaN|null|lorem|\$\{/i);
    }
  });

  it('tag the markets their author trades and mention real members', () => {
    for (const p of posts) {
      const author = social[p.author]!;
      const { cashtags, mentions } = parseTags(p.text);
      const own = new Set(author.symbols.map((s) => cashtag(s).slice(1)));
      for (const tag of cashtags) expect(own.has(tag), `${author.profile.username}: ${p.text}`).toBe(true);
      if (p.kind !== 'strategy') expect(cashtags.length, p.text).toBeGreaterThan(0);
      for (const m of mentions) {
        expect(usernames.has(m)).toBe(true);
        expect(m).not.toBe(author.profile.username);
      }
      if (p.kind === 'strategy') expect(p.strategyId).toBe(author.strategyId);
    }
  });

  it('carry trade ideas at the last close before they were posted, on the author’s timeframe', () => {
    const lastClose = lastCloseAt(market);
    const ideas = posts.filter((p) => p.idea);
    expect(ideas.length).toBeGreaterThanOrEqual(40);
    for (const p of ideas) {
      const idea = p.idea!;
      const author = social[p.author]!;
      expect(author.symbols).toContain(idea.symbol);
      expect(idea.timeframe).toBe(author.profile.style.timeframe);
      expect(idea.entry).toBe(roundToStep(lastClose(idea.symbol, p.createdAt), market.instrument(idea.symbol).tickSize));
      const risk = Math.abs(idea.entry - idea.stop) / idea.entry;
      expect(risk).toBeGreaterThan(0);
      expect(risk).toBeLessThan(0.2);
    }
  });

  it('draw comments, likes and follows that the hub accepts, after the fact and never from the author to themself', () => {
    const postIds = posts.map((_, i) => `p_seeded${String(i).padStart(5, '0')}`);
    const { comments, likes, follows } = planReactions({ members: social, posts, postIds, seed: SEED, now: NOW });
    const byId = new Map(postIds.map((id, i) => [id, posts[i]!]));
    const userIds = new Map(social.map((m, i) => [m.userId, i]));
    expect(comments.length).toBeGreaterThan(posts.length / 2);
    expect(likes.length).toBeGreaterThan(posts.length);
    for (const c of comments) {
      hubMethods['comments.create'].params.parse({ postId: c.postId, text: c.text });
      const post = byId.get(c.postId)!;
      expect(c.createdAt).toBeGreaterThan(post.createdAt);
      expect(c.createdAt).toBeLessThan(NOW);
      // An author only answers someone in their own thread.
      if (userIds.get(c.userId) === post.author) expect(c.text).toMatch(/^@\w+ /);
    }
    const likePairs = new Set(likes.map((l) => `${l.postId}|${l.userId}`));
    expect(likePairs.size).toBe(likes.length);
    for (const l of likes) expect(userIds.get(l.userId)).not.toBe(byId.get(l.postId)!.author);
    for (const f of follows) {
      hubMethods['follows.set'].params.parse({ target: f.target, follow: true });
      expect(f.target.id).not.toBe(f.userId);
      expect(f.createdAt).toBeLessThan(NOW);
    }
    expect(follows.filter((f) => f.target.kind === 'strategy').length).toBeGreaterThanOrEqual(social.length);
  });
});

describe('a live trade idea', () => {
  it('is entered at the price trading now', () => {
    const { market, social } = simulatedCommunity();
    const member = social.find((m) => m.profile.username === 'eth_breaks')!;
    const choose = chooser(createRng(3));
    const now = NOW - 7 * 60_000;
    const c = marketContext(market, (s, t) => market.priceAt(s, t), member, 'ETH/USDT', now);
    const post = composeIdeaPost(market, member, c, 'ETH/USDT', market.priceAt('ETH/USDT', now), choose);
    expect(post.idea!.entry).toBe(market.priceAt('ETH/USDT', now));
    expect(post.text).toContain('$ETH');
    hubMethods['posts.create'].params.parse({ text: post.text, idea: post.idea });
  });
});
