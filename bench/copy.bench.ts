import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { methods } from '../src/shared/contract';
import type { Order } from '../src/shared/trading/order';
import type { FillBody } from '../src/shared/social/strategy-event';
import { createParams, StreamWriter } from '../tests/integration/hub/stream-fixtures';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';
import { openCopyBenchCore, type CopyBenchCore } from './copy-bench-core';

const BTC = 'BTC/USDT';
const LEADER_EQUITY = 100_000;

/** A leader whose fills alternate between buying and selling one BTC. */
function leaderOf(core: CopyBenchCore) {
  const writer = new StreamWriter();
  let position = 0;
  const now = Date.now();
  core.streams.deliver(writer.next({ type: 'flow', time: now, amount: LEADER_EQUITY }, now), writer.key.publicKey);
  core.streams.deliver(writer.next({ type: 'mark', time: now, equity: LEADER_EQUITY, grossExposure: 0 }, now), writer.key.publicKey);
  return {
    strategyId: writer.strategyId,
    /** Signs the next fill; `deliver` hands it to the follower core. */
    nextFill() {
      const side = position > 0 ? 'sell' : 'buy';
      position = side === 'buy' ? 1 : 0;
      const time = Date.now();
      const body: FillBody = { type: 'fill', fillId: `b${time}-${position}`, symbol: BTC, assetClass: 'crypto', side, qty: 1, price: 50_000, fee: 0, fxRate: 1, lotStep: 0.001, time, positionQty: position, equity: LEADER_EQUITY };
      const event = writer.next(body, time);
      return () => core.streams.deliver(event, writer.key.publicKey);
    },
  };
}

async function quoted(core: CopyBenchCore, accountId: string): Promise<void> {
  const first = core.trading.place(accountId, { symbol: BTC, side: 'buy', type: 'market', qty: 0.001, tif: 'IOC', reduceOnly: false });
  await core.feed.whenSubscribed(BTC);
  core.feed.push({ symbol: BTC, bid: 50_000, ask: 50_000.5, bidSize: 1e6, askSize: 1e6 });
  await first;
}

const follow = (core: CopyBenchCore, strategyId: string, accountId: string, allocation: number, sizing: unknown) =>
  core.copy.follow(methods['copy.follow'].params.parse({ strategyId, accountId, allocation, sizing, guards: { signalTtlSeconds: 3600, stopLoss: null } }));

/** Resolves when the executor has handed `count` orders to trading. */
function submissions(core: CopyBenchCore, count: number): Promise<number> {
  return new Promise((resolve) => {
    let seen = 0;
    core.onSubmit.listener = () => {
      if (++seen === count) {
        core.onSubmit.listener = null;
        resolve(performance.now());
      }
    };
  });
}

/** Resolves when `count` copy orders have been acknowledged (their first `orders.update` after the commit). */
function acks(core: CopyBenchCore, count: number): Promise<number> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = core.bus.on('orders.update', (o: Order) => {
      if (!o.clientOrderId.startsWith('cp_') || (o.status !== 'new' && o.status !== 'filled') || o.filledQty !== (o.status === 'filled' ? o.qty : 0)) return;
      if (++seen === count) {
        off();
        resolve(performance.now());
      }
    });
  });
}

/**
 * A verified leader fill handed to the follower core (its signature and chain checked first) →
 * the copy intent in the ledger (SQLite transaction) → the order placed on the paper broker and
 * acknowledged after its own commit. One follow.
 */
export const copyInprocess: Benchmark = {
  name: 'copy.inprocess',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'p99', value: 1 },
  run: () =>
    withTempDir('copy', async (dir) => {
      const core = await openCopyBenchCore(dir);
      try {
        const accountId = core.trading.accounts()[0]!.id;
        await quoted(core, accountId);
        const leader = leaderOf(core);
        await follow(core, leader.strategyId, accountId, 50_000, { mode: 'proportional' });
        const submitted: number[] = [];
        const acked: number[] = [];
        const n = Number(process.env.IST_COPY_N ?? 3000);
        for (let i = 0; i < n; i++) {
          const deliver = leader.nextFill();
          const sent = submissions(core, 1);
          const ack = acks(core, 1);
          const t0 = performance.now();
          deliver();
          const [t1, t2] = await Promise.all([sent, ack]);
          if (i >= n / 6) {
            submitted.push(t1 - t0);
            acked.push(t2 - t0);
          }
        }
        return [
          { ...copyInprocessSpec, samples: submitted },
          { name: 'copy.inprocess_ack', unit: 'ms', kind: 'latency', samples: acked },
        ];
      } finally {
        await core.close();
      }
    }),
};
const copyInprocessSpec = { name: 'copy.inprocess', unit: 'ms', kind: 'latency', target: { stat: 'p99', value: 1 } } as const;

/** The same event fanned out to 500 follows in one core (10 accounts × 50 follows): until the last one's order is acknowledged. */
export const copyInprocess500: Benchmark = {
  name: 'copy.inprocess_500_follows',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'p99', value: 5 },
  run: () =>
    withTempDir('copy500', async (dir) => {
      const core = await openCopyBenchCore(dir);
      try {
        const accounts: string[] = [];
        for (let a = 0; a < 10; a++) {
          const account = await core.trading.createAccount({ name: `Bench ${a}`, kind: 'paper', currency: 'USD', balance: 1_000_000, leverage: 2, makerFeeBps: 1, takerFeeBps: 5 });
          accounts.push(account.id);
        }
        await quoted(core, accounts[0]!);
        const leader = leaderOf(core);
        for (const accountId of accounts) for (let f = 0; f < 50; f++) await follow(core, leader.strategyId, accountId, 10_000, { mode: 'multiplier', factor: 0.01 });
        const submitted: number[] = [];
        const acked: number[] = [];
        for (let i = 0; i < 140; i++) {
          const deliver = leader.nextFill();
          const sent = submissions(core, 500);
          const ack = acks(core, 500);
          const t0 = performance.now();
          deliver();
          const [t1, t2] = await Promise.all([sent, ack]);
          await core.copy.idle();
          if (i >= 40) {
            submitted.push(t1 - t0);
            acked.push(t2 - t0);
          }
        }
        return [
          { name: 'copy.inprocess_500_follows', unit: 'ms', kind: 'latency', target: { stat: 'p99', value: 5 }, samples: submitted },
          { name: 'copy.inprocess_500_follows_ack', unit: 'ms', kind: 'latency', samples: acked },
        ];
      } finally {
        await core.close();
      }
    }),
};


const FOLLOWER_PROCESSES = Number(process.env.IST_COPY_PROCESSES ?? 10);
const FOLLOWERS = 1000;
const HUB_EVENTS = 40;

/**
 * Through the hub on loopback: the leader publishes a signed fill; 10 follower cores (child
 * processes, 100 follows each, each core with its own WebSocket link) receive the push, check it
 * and copy it. Samples: for every event and every follower core, publish call → the moment its
 * last follow's order was handed to trading (so an upper bound for each of its 100 follows;
 * absolute clocks of one machine).
 */
export const copyHub1000: Benchmark = {
  name: 'copy.hub_1000_followers',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'p99', value: 250 },
  run: () =>
    withTempDir('copyhub', async (dir) => {
      const { startHub } = await import('../src/hub');
      const hub = await startHub({ dataDir: dir, port: 0, limits: { connectionsPerIp: 100_000, perIp: { burst: 1e9, perSecond: 1e9 } } });
      const children: ChildProcess[] = [];
      try {
        const leader = hub.local();
        await leader.call('auth.signUp', { username: 'bench_leader', password: 'bench password' });
        const writer = new StreamWriter();
        await leader.call('strategies.create', createParams(writer.key, 'bench_leader', 'Bench'));
        const t0 = Date.now();
        await leader.call('strategies.publish', { events: [writer.next({ type: 'flow', time: t0, amount: LEADER_EQUITY }, t0), writer.next({ type: 'mark', time: t0, equity: LEADER_EQUITY, grossExposure: 0 }, t0)] });

        const copied = new Map<number, number[]>();
        let waiting: (() => void) | null = null;
        let fail!: (error: Error) => void;
        const failed = new Promise<never>((_, reject) => (fail = reject));
        const perProcess = FOLLOWERS / FOLLOWER_PROCESSES;
        for (let c = 0; c < FOLLOWER_PROCESSES; c++) {
          const child = fork(path.join(import.meta.dirname, 'copy-follower-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
          children.push(child);
          child.on('message', (m: { type: string; seq?: number; at?: number; message?: string }) => {
            if (m.type === 'error') return fail(new Error(`follower process failed: ${m.message}`));
            if (m.type !== 'copied') return;
            const list = copied.get(m.seq!) ?? [];
            list.push(m.at!);
            copied.set(m.seq!, list);
            if (list.length === FOLLOWER_PROCESSES) waiting?.();
          });
        }
        const ready = children.map((child) => once(child, 'message'));
        for (const child of children) child.send({ type: 'start', url: hub.url, strategyId: writer.strategyId, publicKey: writer.key.publicKey, follows: perProcess });
        await Promise.race([Promise.all(ready), failed]);

        const samples: number[] = [];
        let position = 0;
        for (let k = 0; k < HUB_EVENTS + 5; k++) {
          const all = new Promise<void>((resolve) => (waiting = resolve));
          const side = position > 0 ? 'sell' : 'buy';
          position = side === 'buy' ? 1 : 0;
          const time = Date.now();
          const event = writer.next({ type: 'fill', fillId: `h${k}`, symbol: BTC, assetClass: 'crypto', side, qty: 1, price: 50_000, fee: 0, fxRate: 1, lotStep: 0.001, time, positionQty: position, equity: LEADER_EQUITY }, time);
          const sentAt = performance.timeOrigin + performance.now();
          await leader.call('strategies.publish', { events: [event] });
          await Promise.race([all, failed]);
          // Each process reports its last follow; the others of a process were handed over before it.
          if (k >= 5) for (const at of copied.get(event.seq)!) samples.push(at - sentAt);
        }
        return samples;
      } finally {
        for (const child of children) {
          child.send({ type: 'stop' });
          await once(child, 'exit');
        }
        await hub.close();
      }
    }),
};
