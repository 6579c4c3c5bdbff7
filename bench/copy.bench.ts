import { methods } from '../src/shared/contract';
import type { Order } from '../src/shared/trading/order';
import type { FillBody } from '../src/shared/social/strategy-event';
import { StreamWriter } from '../tests/integration/hub/stream-fixtures';
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
        const samples: number[] = [];
        for (let i = 0; i < 3000; i++) {
          const deliver = leader.nextFill();
          const acked = acks(core, 1);
          const t0 = performance.now();
          deliver();
          const t1 = await acked;
          if (i >= 500) samples.push(t1 - t0);
        }
        return samples;
      } finally {
        await core.close();
      }
    }),
};

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
        const samples: number[] = [];
        for (let i = 0; i < 140; i++) {
          const deliver = leader.nextFill();
          const acked = acks(core, 500);
          const t0 = performance.now();
          deliver();
          const t1 = await acked;
          await core.copy.idle();
          if (i >= 40) samples.push(t1 - t0);
        }
        return samples;
      } finally {
        await core.close();
      }
    }),
};

