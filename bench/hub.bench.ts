import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { startHub, type LocalHubClient } from '../src/hub';
import { assetMask, createLeaderboardRepository, searchText, type LeaderboardRowInput } from '../src/hub/leaderboard/leaderboard-repository';
import { silentHubLogger } from '../src/hub/logging/stdout-logger';
import { HUB_DB_FILE, openHubDatabase } from '../src/hub/store/open-hub-database';
import { createUsersRepository } from '../src/hub/accounts/users-repository';
import { createStrategiesRepository } from '../src/hub/streams/strategies-repository';
import { ASSET_CLASSES } from '../src/shared/market/instrument';
import { LEADERBOARD_SORTS, PERIODS, type LeaderboardSort } from '../src/shared/social/leaderboard';
import { createParams, DAY, mark, StreamWriter, T0, trackRecord } from '../tests/integration/hub/stream-fixtures';
import { RpcTestClient } from '../tests/helpers/json-rpc-client';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';

const CLIENTS = 5000;
/**
 * Processes holding the 5,000 client sockets (the hub runs in this one). One keeps up: receipts
 * follow the hub's send loop within a few ms, and a second one only takes CPU from the hub.
 */
const CLIENT_PROCESSES = 1;
const EVENTS = 20;
const WARMUP_EVENTS = 3;

const wallClock = (): number => performance.timeOrigin + performance.now();

/** Deterministic pseudo-random in [0, 1) (mulberry32), so every run measures the same input. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 5,000 WebSocket clients on loopback (in a child process) subscribed to one strategy; its owner
 * publishes signed events one at a time. Each sample is one delivery: the moment a client received
 * the `strategy.event` push minus the moment the owner's `strategies.publish` call was sent.
 */
export const hubFanout5000: Benchmark = {
  name: 'hub.fanout_5000',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'p99', value: 100 },
  async run() {
    return withTempDir('hub-fanout', async (dir) => {
      const hub = await startHub({
        dataDir: dir,
        port: 0,
        log: silentHubLogger,
        limits: { connectionsPerIp: CLIENTS + 100, perIp: { burst: 1_000_000, perSecond: 1_000_000 }, authPerMinute: 100 },
      });
      const children: ChildProcess[] = [];
      const publisher = await RpcTestClient.connect(hub.url);
      try {
        const writer = new StreamWriter();
        if (!(await publisher.request('auth.signUp', { username: 'publisher', password: 'bench password' })).result) throw new Error('sign-up failed');
        if (!(await publisher.request('strategies.create', createParams(writer.key, 'publisher', 'Fanout'))).result) throw new Error('strategy not created');

        const delivered = new Map<number, number[][]>();
        let waiting: (() => void) | null = null;
        let fail!: (error: Error) => void;
        const failed = new Promise<never>((_, reject) => (fail = reject));
        for (let c = 0; c < CLIENT_PROCESSES; c++) {
          const child = fork(path.join(import.meta.dirname, 'hub-fanout-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
          children.push(child);
          child.on('message', (m: { type: string; k?: number; times?: number[]; message?: string }) => {
            if (m.type === 'error') return fail(new Error(`fanout client process failed: ${m.message}`));
            if (m.type !== 'delivered') return;
            const list = delivered.get(m.k!) ?? [];
            list.push(m.times!);
            delivered.set(m.k!, list);
            if (list.length === CLIENT_PROCESSES) waiting?.();
          });
        }
        const ready = children.map((child) => once(child, 'message'));
        children.forEach((child, c) => child.send({ type: 'start', url: hub.url, strategyId: writer.strategyId, clients: CLIENTS / CLIENT_PROCESSES + (c < CLIENTS % CLIENT_PROCESSES ? 1 : 0) }));
        await Promise.race([Promise.all(ready), failed]);

        const samples: number[] = [];
        for (let k = 0; k < WARMUP_EVENTS + EVENTS; k++) {
          const all = new Promise<void>((resolve) => (waiting = resolve));
          const event = writer.next(mark(Date.now(), 10_000 + k), Date.now());
          const sentAt = wallClock();
          const reply = await publisher.request('strategies.publish', { events: [event] });
          if (reply.error) throw new Error(`publish failed: ${reply.error.message}`);
          await Promise.race([all, failed]);
          if (k >= WARMUP_EVENTS) for (const times of delivered.get(k)!) for (const t of times) samples.push(t - sentAt);
        }
        return samples;
      } finally {
        for (const child of children) {
          child.send({ type: 'stop' });
          await once(child, 'exit');
        }
        await publisher.close();
        await hub.close();
      }
    });
  },
};

const STRATEGIES = 10_000;
const OWNERS = 2_000;

/** A board of 10,000 strategies × 5 periods with plausible figures, written through the repository. */
function fillBoard(dataDir: string, now: number): void {
  const db = openHubDatabase(path.join(dataDir, HUB_DB_FILE), { log: silentHubLogger });
  const rnd = random(11);
  const users = createUsersRepository(db);
  const strategies = createStrategiesRepository(db);
  const rows = createLeaderboardRepository(db);
  const words = ['Alpha', 'Momentum', 'Carry', 'Swing', 'Scalper', 'Trend', 'Value', 'Breakout', 'Grid', 'Mean', 'Reversion', 'Macro', 'Crypto', 'Index'];
  db.transaction(() => {
    for (let u = 0; u < OWNERS; u++) {
      users.insert({ userId: `u_owner${String(u).padStart(6, '0')}`, username: `trader_${u}`, displayName: `Trader ${u}`, bio: '', avatarColor: '#3b82f6', passwordHash: null, simulated: u % 2 === 0, createdAt: now - 400 * DAY });
    }
    for (let s = 0; s < STRATEGIES; s++) {
      const strategyId = `st_${String(s).padStart(24, '0')}`;
      const classes = ASSET_CLASSES.filter(() => rnd() < 0.4);
      const assetClasses = classes.length > 0 ? classes : [ASSET_CLASSES[s % ASSET_CLASSES.length]!];
      const name = `${words[s % words.length]} ${words[Math.floor(rnd() * words.length)]} ${s}`;
      strategies.insert({ strategyId, ownerId: `u_owner${String(s % OWNERS).padStart(6, '0')}`, name, description: '', publicKey: `key${s}`, currency: 'USD', assetClasses, createdAt: now - 400 * DAY, headHash: '0'.repeat(64) });
      const days = 20 + Math.floor(rnd() * 700);
      const trips = Math.floor(rnd() * 400);
      const eligible = days >= 30 && trips >= 10;
      const risk = rnd() < 0.05 ? null : 1 + Math.floor(rnd() * 10);
      const mask = assetMask(assetClasses);
      const owner = s % OWNERS;
      const copiers = rnd() < 0.7 ? 0 : Math.floor(rnd() * 500);
      const listing = { name, search: searchText(name, `trader_${owner}`, `Trader ${owner}`), assetMask: mask, simulated: owner % 2 === 0, copiers, followerReturn: copiers === 0 ? null : (rnd() - 0.45) * 0.5 };
      for (const period of PERIODS) {
        const vol = 0.05 + rnd() * 0.8;
        const ret = (rnd() - 0.4) * vol;
        const dd = Math.min(0.95, rnd() * vol);
        const row: LeaderboardRowInput = {
          ...listing,
          strategyId,
          period,
          eligible,
          return: ret,
          cagr: days < 30 ? null : ret * 1.2,
          sharpe: rnd() < 0.03 ? null : ret / vol,
          sortino: rnd() < 0.05 ? null : (ret / vol) * 1.4,
          maxDrawdown: dd,
          volatility: vol,
          calmar: dd === 0 ? null : ret / dd,
          winRate: trips === 0 ? null : rnd(),
          profitFactor: rnd() < 0.1 ? null : rnd() * 3,
          avgHoldingSeconds: trips === 0 ? null : rnd() * 86_400 * 5,
          trades: Math.floor(trips * (period === 'all' ? 1 : rnd())),
          partial: rnd() < 0.2,
          spark: Array.from({ length: 60 }, (_, i) => 1 + ret * (i / 59) + (rnd() - 0.5) * 0.02),
          riskScore: risk,
          trackRecordDays: days,
          updatedAt: now,
        };
        rows.upsertRow(row);
      }
    }
  })();
  db.close();
}

/**
 * `leaderboard.query` through the local client (the same dispatcher, validation and SQL as the
 * wire) on a board of 10,000 strategies: every sort in both directions, every period, with and
 * without filters, first and later pages.
 */
export const leaderboardQuery10000: Benchmark = {
  name: 'leaderboard.query_10000',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 20 },
  async run() {
    return withTempDir('hub-board', async (dir) => {
      const now = Date.now();
      fillBoard(dir, now);
      const hub = await startHub({ dataDir: dir, port: 0, log: silentHubLogger });
      const local: LocalHubClient = hub.local();
      try {
        const filterSets: Array<Record<string, unknown>> = [{}, { assetClass: 'crypto' }, { minTrades: 50, maxDrawdown: 0.3 }, { riskMin: 3, riskMax: 6 }, { search: 'momentum' }, { minAgeDays: 365, assetClass: 'fx' }];
        const queries: Array<Record<string, unknown>> = [];
        for (const sort of LEADERBOARD_SORTS as readonly LeaderboardSort[]) {
          for (const dir2 of ['desc', 'asc'] as const) {
            for (const [i, period] of PERIODS.entries()) queries.push({ period, sort, dir: dir2, limit: 50, filters: filterSets[(i + queries.length) % filterSets.length] });
          }
        }
        const time = async (q: Record<string, unknown>): Promise<{ ms: number; next: string | null }> => {
          const t0 = performance.now();
          const page = await local.call('leaderboard.query', q as never);
          return { ms: performance.now() - t0, next: page.nextCursor };
        };
        for (const q of queries.slice(0, 20)) await time(q); // warm-up: statements prepared, pages cached
        const samples: number[] = [];
        for (let round = 0; round < 2; round++) {
          for (const q of queries) {
            const first = await time(q);
            samples.push(first.ms);
            if (first.next) samples.push((await time({ ...q, cursor: first.next })).ms);
          }
        }
        return samples;
      } finally {
        local.close();
        await hub.close();
      }
    });
  },
};

/** ~40,000 signed events of 40 strategies imported into an embedded hub: checks, one transaction, leaderboard. */
export const hubImport40000: Benchmark = {
  name: 'hub.import_40000',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 5000 },
  async run() {
    const samples: number[] = [];
    for (let run = 0; run < 3; run++) {
      await withTempDir('hub-import', async (dir) => {
        const clock = { now: () => T0 + 1000 * DAY };
        const hub = await startHub({ dataDir: dir, port: 0, embedded: true, clock, log: silentHubLogger });
        try {
          const local = hub.local();
          const events = [];
          for (let s = 0; s < 40; s++) {
            const userId = hub.addMember({ username: `sim_${s}`, displayName: `Sim ${s}`, bio: '', avatarColor: '#3b82f6', createdAt: T0 });
            local.actAs(userId);
            const writer = new StreamWriter();
            await local.call('strategies.create', createParams(writer.key, `sim_${s}`, `Sim ${s}`));
            events.push(...trackRecord(writer, { start: T0, days: 780, trips: 100 }));
          }
          const t0 = performance.now();
          const { imported } = await hub.importEvents(events);
          samples.push(performance.now() - t0);
          if (imported !== events.length) throw new Error(`imported ${imported} of ${events.length}`);
        } finally {
          await hub.close();
        }
      });
    }
    return samples;
  },
};
