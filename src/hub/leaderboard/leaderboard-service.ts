import type { LeaderboardPage, LeaderboardQuery } from '../../shared/social/leaderboard';
import type { HubLogger } from '../hub-api';
import type { EventsRepository } from '../streams/events-repository';
import type { StrategiesRepository } from '../streams/strategies-repository';
import type { CopiesRepository } from './copies-repository';
import { createSlicer, type WriteGate } from '../store/write-gate';
import { assetMask, searchText, type LeaderboardRepository } from './leaderboard-repository';
import { dayStart, strategyFigures } from './strategy-figures';

/** A strategy's figures are recomputed at most this often while its stream keeps changing. */
export const RECOMPUTE_INTERVAL_MS = 1000;
/** A whole-board pass hands the event loop back after this long (ms). */
const SLICE_MS = 10;
/** The day-change timer wakes at least this often, so a clock that jumps is noticed. */
const MAX_DAY_TIMER_MS = 60 * 60_000;

export interface LeaderboardServiceOptions {
  strategies: StrategiesRepository;
  events: EventsRepository;
  copies: CopiesRepository;
  rows: LeaderboardRepository;
  clock: { now(): number };
  log: HubLogger;
  /** Recomputes wait while an import holds the database. */
  gate: WriteGate;
}

/**
 * Keeps the leaderboard table in step with the verified streams: a changed stream is recomputed
 * within a second (coalesced per strategy), an import once at its end, and every strategy when
 * the UTC day changes (quiet strategies carry their equity into the new day).
 */
export interface LeaderboardService {
  /** A strategy's stream changed. */
  touch(strategyId: string): void;
  /** Recomputes these strategies now (in chunks); resolves when done. */
  recompute(strategyIds: Iterable<string>): Promise<void>;
  /** A copier report changed the strategy's copier figures. */
  copiesChanged(strategyId: string): void;
  /** An owner's name changed: the search text of their strategies follows. */
  ownerChanged(userId: string): void;
  query(q: LeaderboardQuery): LeaderboardPage;
  /** Starts the day timer and brings rows computed before today up to date (in the background). */
  start(): void;
  settled(): Promise<void>;
  close(): void;
}

export function createLeaderboardService(options: LeaderboardServiceOptions): LeaderboardService {
  const { strategies, events, copies, rows, clock, gate } = options;
  const log = options.log.child({ component: 'leaderboard' });
  const timers = new Map<string, NodeJS.Timeout>();
  const lastRun = new Map<string, number>();
  let running = 0;
  let closed = false;
  let computedAt = rows.lastUpdated() ?? clock.now();
  let currentDay = dayStart(clock.now());
  let dayTimer: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];

  const notifyIfSettled = (): void => {
    if (timers.size > 0 || running > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const computeOne = (strategyId: string): void => {
    const row = strategies.row(strategyId);
    if (!row) return;
    const now = clock.now();
    const figures = strategyFigures(events.bodies(strategyId), now);
    const { copiers, followerReturn } = copies.summary(strategyId);
    const listing = { name: row.name, search: searchText(row.name, row.username, row.display_name), assetMask: assetMask(row.asset_classes), simulated: row.simulated, copiers, followerReturn };
    rows.upsertFigures(strategyId, figures, listing, now);
    computedAt = now;
  };

  const safeCompute = (strategyId: string): void => {
    try {
      computeOne(strategyId);
    } catch (error) {
      log.error({ strategyId, err: error instanceof Error ? error.message : String(error) }, 'leaderboard recompute failed');
    }
  };

  const recompute = async (ids: Iterable<string>): Promise<void> => {
    running++;
    try {
      const slice = createSlicer(SLICE_MS);
      for (const id of ids) {
        if (gate.busy) await gate.idle();
        if (closed) return;
        safeCompute(id);
        lastRun.set(id, performance.now());
        // One strategy's figures are computed in one go; the loop yields between strategies.
        if (slice.due()) await slice.pause();
      }
    } finally {
      running--;
      notifyIfSettled();
    }
  };

  const recomputeStale = (reason: string): void => {
    const stale = rows.staleIds(currentDay);
    if (stale.length === 0) return;
    log.info({ strategies: stale.length, reason }, 'recomputing leaderboard');
    void recompute(stale);
  };

  /** A new UTC day (by the hub clock): everything computed before it is stale. */
  const checkDay = (): void => {
    const today = dayStart(clock.now());
    if (today === currentDay) return;
    currentDay = today;
    recomputeStale('day change');
  };

  const armDayTimer = (): void => {
    if (closed) return;
    const wait = Math.min(MAX_DAY_TIMER_MS, Math.max(1000, currentDay + 86_400_000 - clock.now() + 50));
    dayTimer = setTimeout(() => {
      checkDay();
      armDayTimer();
    }, wait);
    dayTimer.unref();
  };

  return {
    touch(strategyId) {
      if (closed || timers.has(strategyId)) return;
      const since = performance.now() - (lastRun.get(strategyId) ?? Number.NEGATIVE_INFINITY);
      const timer = setTimeout(
        () => {
          timers.delete(strategyId);
          void recompute([strategyId]);
        },
        Math.max(0, RECOMPUTE_INTERVAL_MS - since),
      );
      timers.set(strategyId, timer);
    },
    async recompute(ids) {
      const list = [...ids];
      // An import's recompute covers what a pending coalesced run would have done.
      for (const id of list) {
        const t = timers.get(id);
        if (t) clearTimeout(t);
        timers.delete(id);
      }
      await recompute(list);
    },
    copiesChanged(strategyId) {
      const s = copies.summary(strategyId);
      rows.setCopies(strategyId, s.copiers, s.followerReturn);
    },
    ownerChanged(userId) {
      for (const s of strategies.byOwner(userId, '')) rows.setSearch(s.strategyId, s.name, searchText(s.name, s.owner.username, s.owner.displayName));
    },
    query(q) {
      checkDay();
      return { ...rows.query(q), computedAt };
    },
    start() {
      armDayTimer();
      recomputeStale('start');
    },
    settled() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        notifyIfSettled();
      });
    },
    close() {
      closed = true;
      if (dayTimer) clearTimeout(dayTimer);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      notifyIfSettled();
    },
  };
}
