import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/ports';
import { startCommunity, type Community } from '../../../src/core/sim';
import type { StartCommunity } from '../../../src/core/social/embedded-hub';
import { createMemberSim } from '../../../src/core/sim/member-sim';
import { ROSTER } from '../../../src/core/sim/roster';
import { createSimMarket } from '../../../src/core/sim/sim-market';
import { createNodeStreamCrypto, startHub, type Hub, type LocalHubClient } from '../../../src/hub';
import { DAY_MS, HOUR_MS } from '../../../src/shared/market/timeframes';
import type { LeaderboardRow } from '../../../src/shared/social/leaderboard';
import { verifyChain } from '../../../src/shared/social/stream-chain';
import type { StrategyEvent } from '../../../src/shared/social/strategy-event';

/** The embedded hub of src/core/social calls this entry point: its signature must fit. */
const _fits: StartCommunity = startCommunity;

/** Tuesday 2026-12-01 12:00 UTC: where the test's clock starts. */
const BASE = Date.UTC(2026, 11, 1, 12);
const SEED = 20_240_101;
/** Live social actions come every hour or so: their timers are told apart from the trading ones (≤ 5 min). */
const CHATTER_SECONDS = 3600;

/** A clock that runs in real time from BASE, moved forward by hand to skip days. */
const started = Date.now();
let offset = 0;
const clock = { now: () => BASE + (Date.now() - started) + offset };

/** Records what the community logs, so the test can check it warned of nothing. */
const logged: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
const logger = (bindings: Record<string, unknown> = {}): Logger => {
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => void logged.push({ level, msg, fields: { ...bindings, ...fields } });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (b) => logger({ ...bindings, ...b }) };
};

/** Timers the test fires itself: the community schedules its live ticks through them. */
const pending = new Map<number, { fn: () => void; ms: number }>();
let nextTimer = 1;
let onSet: ((ms: number) => void) | undefined;
const timers = {
  set(fn: () => void, ms: number) {
    const id = nextTimer++;
    pending.set(id, { fn, ms });
    onSet?.(ms);
    return id;
  },
  clear(handle: unknown) {
    pending.delete(handle as number);
  },
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-community-'));
let hub: Hub;
let community: Community;
let local: LocalHubClient;
const progress: number[] = [];

async function open(): Promise<void> {
  hub = await startHub({ dataDir, port: 0, embedded: true, clock, log: logger({ component: 'hub' }), validateResults: true });
  local = hub.local();
  community = startCommunity({ hub, clock, log: logger(), seed: SEED, chatterSeconds: CHATTER_SECONDS, timers });
  community.onProgress((p) => progress.push(p));
  await community.ready;
  await hub.settled();
}

async function close(): Promise<void> {
  await community.stop();
  local.close();
  await hub.close();
}

async function allRows(): Promise<LeaderboardRow[]> {
  return (await local.call('leaderboard.query', { period: 'all', limit: 200 })).rows;
}

async function streamOf(strategyId: string): Promise<StrategyEvent[]> {
  const out: StrategyEvent[] = [];
  for (;;) {
    const page = await local.call('strategies.events', { strategyId, afterSeq: out.length, limit: 2000 });
    out.push(...page.events);
    if (page.events.length === 0 || out.length >= page.headSeq) return out;
  }
}

async function memberStrategies(): Promise<Array<{ username: string; strategyId: string; publicKey: string; headSeq: number }>> {
  const out = [];
  for (const p of ROSTER) {
    const { strategies } = await local.call('users.get', { username: p.username });
    const s = strategies[0]!;
    out.push({ username: p.username, strategyId: s.strategyId, publicKey: s.publicKey, headSeq: s.headSeq });
  }
  return out;
}

beforeAll(open, 300_000);
afterAll(async () => {
  await close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the simulated community on an embedded hub', () => {
  it('backfills at least 50 members and ranks at least 40 strategies for all time', async () => {
    expect(community.members).toBeGreaterThanOrEqual(50);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const page = await local.call('leaderboard.query', { period: 'all', limit: 200 });
    expect(page.total).toBeGreaterThanOrEqual(40);
    expect(page.rows.every((r) => r.simulated)).toBe(true);
    expect(logged.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  it('publishes streams that verify event by event with each member’s key', { timeout: 120_000 }, async () => {
    const crypto = createNodeStreamCrypto();
    for (const s of await memberStrategies()) {
      const events = await streamOf(s.strategyId);
      expect(events.length).toBe(s.headSeq);
      const result = verifyChain(crypto, s.publicKey, s.strategyId, events);
      expect(result.problem, s.username).toBeNull();
      expect(result.verified).toBe(events.length);
    }
  });

  it('shows the martingale as high risk and the steady allocators as low risk', async () => {
    const rows = await allRows();
    const risk = (username: string) => rows.find((r) => r.owner.username === username)!.riskScore!;
    expect(risk('double_or_nothing')).toBeGreaterThanOrEqual(7);
    expect(risk('fx_martingale')).toBeGreaterThanOrEqual(7);
    for (const steady of ['steady_eddie', 'low_vol_lucy', 'sleep_well']) expect(risk(steady)).toBeLessThanOrEqual(3);
  });

  it('fills the feed with posts that carry cashtags and trade ideas', async () => {
    const authored = await Promise.all(ROSTER.map((p) => local.call('users.get', { username: p.username })));
    expect(authored.reduce((n, u) => n + u.user.posts, 0)).toBeGreaterThanOrEqual(400);
    expect(authored.every((u) => u.user.simulated && u.user.following > 0)).toBe(true);
    const trending = (await local.call('feed.get', { tab: 'trending', limit: 100 })).posts;
    expect(trending.length).toBeGreaterThanOrEqual(20);
    expect(trending.filter((p) => p.cashtags.length > 0).length).toBeGreaterThan(trending.length / 2);
    expect(trending.some((p) => p.comments > 0 && p.likes > 0)).toBe(true);
    const btc = (await local.call('feed.get', { tab: 'symbol', symbol: 'BTC', limit: 100 })).posts;
    expect(btc.length).toBeGreaterThan(0);
    expect(btc.every((p) => p.cashtags.includes('BTC'))).toBe(true);
    expect(btc.some((p) => p.idea?.symbol === 'BTC/USDT')).toBe(true);
    // Members post about their own strategies: those posts show on the strategy's page.
    let withPosts = 0;
    for (const u of authored) {
      const about = (await local.call('feed.get', { tab: 'strategy', strategyId: u.strategies[0]!.strategyId, limit: 50 })).posts;
      if (about.length > 0) withPosts++;
      expect(about.every((p) => p.author.userId === u.user.userId)).toBe(true);
    }
    expect(withPosts).toBeGreaterThanOrEqual(10);
  });

  it('trades live: the next bar closes are published through the wire path with a current timestamp', { timeout: 60_000 }, async () => {
    const strategies = await memberStrategies();
    const seen: StrategyEvent[] = [];
    local.on('strategy.event', ({ event }) => void seen.push(event));
    await local.call('strategies.subscribe', { strategyIds: strategies.map((s) => s.strategyId) });
    const arrived = new Promise<StrategyEvent>((resolve) => {
      const off = local.on('strategy.event', ({ event }) => {
        off();
        resolve(event);
      });
    });
    // Twelve hours later: day ends, bar closes and trades to publish. Fire the trading tick.
    offset += 12 * HOUR_MS;
    const [id, tick] = [...pending].find(([, t]) => t.ms <= 5 * 60_000 + 2000)!;
    pending.delete(id);
    tick.fn();
    const first = await arrived;
    expect(Math.abs(first.ts - clock.now())).toBeLessThan(5 * 60_000);
    expect(first.body.time).toBeGreaterThan(BASE);
  });

  it('chats live in character: each social tick adds one post, comment or like', { timeout: 60_000 }, async () => {
    const activity = async (): Promise<number> => {
      let n = 0;
      for (const p of ROSTER) {
        const { user } = await local.call('users.get', { username: p.username });
        const { posts } = await local.call('feed.get', { tab: 'user', userId: user.userId, limit: 100 });
        n += user.posts + posts.reduce((k, post) => k + post.comments + post.likes, 0);
      }
      return n;
    };
    const before = await activity();
    const actions = 8;
    for (let i = 0; i < actions; i++) {
      const [id, chat] = [...pending].find(([, t]) => t.ms > 10 * 60_000)!;
      pending.delete(id);
      // The community schedules its next social tick once this one is done.
      const done = new Promise<void>((resolve) => (onSet = (ms) => ms > 10 * 60_000 && resolve()));
      offset += 7 * 60_000;
      chat.fn();
      await done;
      onSet = undefined;
    }
    const added = (await activity()) - before;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(actions);
    expect(logged.filter((l) => l.msg === 'simulated member could not act')).toEqual([]);
  });

  it('after a restart a day later, publishes exactly the missing history and nothing twice', { timeout: 300_000 }, async () => {
    const before = await memberStrategies();
    const postsBefore = (await Promise.all(ROSTER.map((p) => local.call('users.get', { username: p.username })))).reduce((n, u) => n + u.user.posts, 0);
    await close();
    expect(pending.size).toBe(0);

    offset += DAY_MS;
    logged.length = 0;
    await open();
    const after = await memberStrategies();
    const caughtUp = after.reduce((n, s, i) => n + s.headSeq - before[i]!.headSeq, 0);
    expect(caughtUp).toBeGreaterThan(0);
    for (const [i, s] of after.entries()) expect(s.headSeq).toBeGreaterThanOrEqual(before[i]!.headSeq);
    expect(logged.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);

    // Every stream still verifies from its first event, and is exactly what the simulation
    // produces up to now: nothing missing, nothing twice.
    const crypto = createNodeStreamCrypto();
    const market = createSimMarket(SEED);
    const now = clock.now();
    for (const s of after) {
      const events = await streamOf(s.strategyId);
      expect(verifyChain(crypto, s.publicKey, s.strategyId, events).problem, s.username).toBeNull();
      const profile = ROSTER.find((p) => p.username === s.username)!;
      if (!['trendcarver', 'tick_tactician', 'nvda_tape', 'steady_eddie', 'double_or_nothing'].includes(s.username)) continue;
      const sim = createMemberSim({ profile, market, seed: SEED, startDay: Math.floor(events[0]!.body.time / DAY_MS) });
      sim.advance(now);
      const published = events.map((e) => e.body);
      expect(published, s.username).toEqual(sim.bodies.slice(0, published.length));
      // Whatever is left closed in the moments since the catch-up.
      expect(sim.bodies.slice(published.length).every((b) => b.time > now - 10 * 60_000)).toBe(true);
    }
    const postsAfter = (await Promise.all(ROSTER.map((p) => local.call('users.get', { username: p.username })))).reduce((n, u) => n + u.user.posts, 0);
    expect(postsAfter).toBe(postsBefore);
  });
});
