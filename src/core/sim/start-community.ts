import type { Hub } from '../../hub';
import { DAY_MS, TIMEFRAME_MS } from '../../shared/market/timeframes';
import type { StrategyEvent } from '../../shared/social/strategy-event';
import { ANCHOR_DAY } from '../market/synthetic/market-path';
import { createRng, seedOf } from '../market/synthetic/prng';
import type { Clock, Logger } from '../ports';
import type { CommunityMember } from './community-member';
import { memberKey } from './member-keys';
import { createMemberSim } from './member-sim';
import { createMemberStreams } from './member-streams';
import { pickMembers } from './pick-members';
import { ROSTER } from './roster';
import { createSimMarket } from './sim-market';
import type { SocialMember } from './social/compose-post';
import { createLiveChatter, type KnownPost } from './social/live-chatter';
import { planPosts, planReactions } from './social/social-history';
import { createTimeSlicer } from './time-slicer';

export interface CommunityDeps {
  hub: Hub;
  clock: Clock;
  log: Logger;
  /** Seeds the members' keys, decisions and words: the same seed gives the same community. */
  seed: number;
  /** The synthetic market's seed (the core's feed), so members' fills match the charts; default `seed`. */
  marketSeed?: number;
  /** How many members (default: the whole roster of 56). */
  members?: number;
  /** Mean seconds between live social actions across the community (default 150); 0 turns them off. */
  chatterSeconds?: number;
  /** Timer hooks, injectable for tests (default setTimeout/clearTimeout). */
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

/** The simulated community of an embedded hub. */
export interface Community {
  readonly members: number;
  /** Backfill progress, 0–1. */
  progress(): number;
  onProgress(listener: (progress: number) => void): () => void;
  /** Resolves when the history is in the hub; rejects if the backfill failed or was stopped. */
  readonly ready: Promise<void>;
  /** Stops every timer and waits for work in flight; nothing runs after it resolves. */
  stop(): Promise<void>;
}

/** The earliest track-record start: the market path needs a year of history before it for indicators. */
const MIN_START_DAY = ANCHOR_DAY + 260;
/** Comments, likes or follows per `hub.seed` call (posts: a quarter of it). */
const SEED_CHUNK = 800;
/** The share of progress the market simulation takes; signing and importing take the rest. */
const SIMULATION_SHARE = 0.6;

/**
 * Starts the simulated community on an embedded hub: adds its members, regenerates every member's
 * history from the seed and the synthetic market, signs and imports what the hub does not hold yet
 * (all of it on a first start, the days the app was closed after a restart), seeds two months of
 * posts on a first start, then keeps trading and chatting live.
 */
export function startCommunity(deps: CommunityDeps): Community {
  const { hub, clock, seed } = deps;
  const log = deps.log.child({ module: 'community' });
  const market = createSimMarket(deps.marketSeed ?? seed);
  const profiles = pickMembers(deps.members ?? ROSTER.length);
  const chatterMs = (deps.chatterSeconds ?? 150) * 1000;
  const listeners = new Set<(p: number) => void>();
  const members: CommunityMember[] = [];
  const timers = new Set<unknown>();
  const setTimer = deps.timers?.set ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = deps.timers?.clear ?? ((h: unknown): void => clearTimeout(h as ReturnType<typeof setTimeout>));
  let progress = 0;
  let skipped = 0;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  let chatter: ReturnType<typeof createLiveChatter> | undefined;
  const streams = createMemberStreams({ hub, log, stopped: () => stopped });

  const report = (p: number): void => {
    const next = Math.min(1, Math.max(progress, p));
    if (next - progress < 0.01 && next < 1) return;
    progress = next;
    for (const l of listeners) l(progress);
  };
  const checkStopped = (): void => {
    if (stopped) throw new Error('the simulated community was stopped before its backfill finished');
  };

  /** Adds the members and finds where each stream stands in the hub. */
  const join = async (now: number): Promise<void> => {
    const slicer = createTimeSlicer();
    const today = Math.floor(now / DAY_MS);
    for (const profile of profiles) {
      checkStopped();
      const key = memberKey(seed, profile.username);
      const guessStart = Math.max(MIN_START_DAY, today - profile.ageDays);
      const joined = (guessStart - 7 - (seedOf(seed, profile.username) % 60)) * DAY_MS;
      let userId: string;
      try {
        userId = hub.addMember({ username: profile.username, displayName: profile.displayName, bio: profile.bio, avatarColor: profile.avatarColor, createdAt: joined });
      } catch (err) {
        // A real member took the name on this hub: the community goes on without this one.
        skipped++;
        log.warn({ member: profile.username, err: err instanceof Error ? err.message : String(err) }, 'simulated member could not join');
        continue;
      }
      const client = hub.local();
      client.actAs(userId);
      // The sim is needed first for the strategy's asset classes; its start day may still change.
      let sim = createMemberSim({ profile, market, seed, startDay: guessStart });
      const strategy = await streams.strategyOf(client, profile, key, [...new Set(sim.symbols.map((s) => market.instrument(s).assetClass))]);
      let hubHead: StrategyEvent | null = null;
      if (strategy.headSeq > 0) {
        // The stream already exists: its first event dates the track record (the hub keeps our state).
        const first = await streams.eventAt(client, key.strategyId, 1);
        hubHead = strategy.headSeq === 1 ? first : await streams.eventAt(client, key.strategyId, strategy.headSeq);
        sim = createMemberSim({ profile, market, seed, startDay: Math.floor(first.body.time / DAY_MS) });
      }
      members.push({ profile, userId, client, key, strategy, sim, hubHead, writer: null, pending: [], resync: false, headChecked: false, diverged: false });
      await slicer.pause();
    }
  };

  /** Replays every member's account from its start to `now`, day by day across the community. */
  const simulate = async (now: number): Promise<void> => {
    const slicer = createTimeSlicer();
    const first = Math.min(...members.map((m) => m.sim.startDay)) - 400;
    const last = Math.floor(now / DAY_MS);
    for (let day = first; day <= last; day++) {
      const limit = Math.min(now, (day + 1) * DAY_MS);
      for (const m of members) {
        m.sim.advance(limit);
        await slicer.pause();
        checkStopped();
      }
      report((SIMULATION_SHARE * (day - first + 1)) / (last - first + 1));
    }
  };

  const socialMembers = (): SocialMember[] =>
    members.map((m) => ({ profile: m.profile, userId: m.userId, strategyId: m.key.strategyId, startTime: m.sim.startDay * DAY_MS, bodies: m.sim.bodies, symbols: m.sim.symbols }));

  /** Two months of posts, comments, likes and follows, once: a hub that has posts keeps them. */
  const seedSocial = async (now: number): Promise<KnownPost[]> => {
    const slicer = createTimeSlicer();
    const profilesNow = await Promise.all(members.map((m) => m.client.call('users.get', { userId: m.userId })));
    if (profilesNow.some((p) => p.user.posts > 0)) return [];
    const social = socialMembers();
    const posts = await planPosts({ members: social, market, seed, now, pause: () => slicer.pause() });
    const postIds: string[] = [];
    // Several small transactions rather than one long one: the hub keeps serving meanwhile.
    for (let i = 0; i < posts.length; i += SEED_CHUNK / 4) {
      checkStopped();
      const part = posts.slice(i, i + SEED_CHUNK / 4);
      postIds.push(...hub.seed({ posts: part.map((p) => ({ userId: social[p.author]!.userId, text: p.text, idea: p.idea, strategyId: p.strategyId, createdAt: p.createdAt })) }).postIds);
      await slicer.pause();
    }
    const reactions = planReactions({ members: social, posts, postIds, seed, now });
    for (const key of ['comments', 'likes', 'follows'] as const) {
      for (let i = 0; i < reactions[key].length; i += SEED_CHUNK) {
        checkStopped();
        hub.seed({ [key]: reactions[key].slice(i, i + SEED_CHUNK) });
        await slicer.pause();
      }
    }
    return posts.map((p, i) => ({ postId: postIds[i]!, author: p.author, kind: p.kind, authorStyle: social[p.author]!.profile.style.kind }));
  };

  /** Advances every member to now and publishes their new events as a live publisher would. */
  const liveTick = async (): Promise<void> => {
    const slicer = createTimeSlicer();
    const now = clock.now();
    for (const m of members) {
      if (stopped) return;
      if (!m.diverged) m.sim.advance(now);
      await streams.publish(m, () => clock.now());
      await slicer.pause();
    }
  };

  const later = (fn: () => Promise<void>, ms: number): void => {
    if (stopped) return;
    const timer = setTimer(() => {
      timers.delete(timer);
      if (stopped) return;
      inFlight = inFlight.then(fn).catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'simulated community tick failed'));
    }, Math.max(0, ms));
    timers.add(timer);
  };

  // Bars close on multiples of the shortest timeframe in use (every session boundary is on a
  // quarter hour), and UTC midnight is one of them: waking then sees every close and day end.
  const step = Math.min(DAY_MS, ...profiles.map((p) => TIMEFRAME_MS[p.style.timeframe]));
  const scheduleTrading = (): void => {
    const now = clock.now();
    later(async () => {
      await liveTick();
      scheduleTrading();
    }, Math.ceil((now + 1) / step) * step - now + 1500);
  };
  const scheduleChatter = (): void => {
    if (chatterMs <= 0 || !chatter) return;
    const now = clock.now();
    const wait = chatterMs * (0.3 + 1.4 * createRng(seedOf(seed, 'chatter-wait', now)).next());
    later(async () => {
      await chatter?.act(clock.now());
      scheduleChatter();
    }, wait);
  };

  const run = async (): Promise<void> => {
    const started = performance.now();
    // Wall time and this process's CPU time per phase: on a busy machine they differ a lot.
    const lap = (() => {
      let last = started;
      let lastCpu = process.cpuUsage();
      return (): { ms: number; cpuMs: number } => {
        const t = performance.now();
        const cpu = process.cpuUsage(lastCpu);
        const out = { ms: Math.round(t - last), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
        last = t;
        lastCpu = process.cpuUsage();
        return out;
      };
    })();
    const now = clock.now();
    await join(now);
    const joinMs = lap();
    await simulate(now);
    const simulateMs = lap();
    const imported = await streams.backfill(members, (done, total) => report(SIMULATION_SHARE + ((1 - SIMULATION_SHARE) * 0.98 * done) / Math.max(1, total)));
    const importMs = lap();
    checkStopped();
    const known = await seedSocial(now);
    const socialMs = lap();
    report(1);
    log.info(
      {
        members: members.length,
        imported,
        diverged: members.filter((m) => m.diverged).length,
        joinMs: joinMs.ms,
        simulateMs: simulateMs.ms,
        simulateCpuMs: simulateMs.cpuMs,
        importMs: importMs.ms,
        importCpuMs: importMs.cpuMs,
        socialMs: socialMs.ms,
        totalMs: Math.round(performance.now() - started),
      },
      'simulated community ready',
    );
    chatter = createLiveChatter({ members: socialMembers(), client: (i) => members[i]!.client, market, seed, log, known });
    // Whatever closed while the backfill ran goes out now, then at every bar close.
    inFlight = liveTick();
    await inFlight;
    scheduleTrading();
    scheduleChatter();
  };

  const ready = run();
  ready.catch((err: unknown) => {
    if (!stopped) log.error({ err: err instanceof Error ? err.message : String(err) }, 'simulated community backfill failed');
  });

  return {
    get members() {
      return profiles.length - skipped;
    },
    progress: () => progress,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimer(t);
      timers.clear();
      await ready.catch(() => undefined);
      await inFlight.catch(() => undefined);
      for (const m of members) m.client.close();
      listeners.clear();
    },
  };
}
