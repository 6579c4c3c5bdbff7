import type { Core } from '../src/core/create-core';
import type { Order } from '../src/shared/trading/order';
import { paperHarness } from '../tests/helpers/paper-harness';
import { createScriptedFeed, type ScriptedFeed } from '../tests/helpers/scripted-feed';
import { createTestCore } from '../tests/helpers/test-core';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';

const SYMBOL = 'ETH/USDT';

/** A real core on a temp profile (SQLite and all), trading the default paper account on a scripted quote. */
async function withTradingCore<T>(fn: (core: Core, accountId: string, feed: ScriptedFeed) => Promise<T>): Promise<T> {
  return withTempDir('paper', async (dir) => {
    const clock = { now: () => Date.now() };
    const feed = createScriptedFeed(clock.now);
    const core = createTestCore(dir, { clock, feed, validateResults: false });
    try {
      const accountId = core.trading.accounts()[0]!.id;
      const first = core.call('orders.place', { accountId, symbol: SYMBOL, side: 'buy', type: 'market', qty: 0.01 });
      await feed.whenSubscribed(SYMBOL);
      feed.push({ symbol: SYMBOL, bid: 3000, ask: 3000.01, bidSize: 1000, askSize: 1000 });
      await first;
      return await fn(core, accountId, feed);
    } finally {
      await core.close();
    }
  });
}

/**
 * From `orders.place` entering the core to its `orders.update` acknowledgement (status new) leaving
 * it: validation, risk checks, matching, and the SQLite transaction that persists the order — for
 * market orders that fill at once, the fills and position too.
 */
export const paperPlaceToAck: Benchmark = {
  name: 'paper.place_to_ack',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'p99', value: 1 },
  async run() {
    return withTradingCore(async (core, accountId) => {
      const samples: number[] = [];
      let t0 = 0;
      let acked = -1;
      const off = core.on('orders.update', (o: Order) => {
        if (o.status === 'new' && acked < 0) acked = performance.now() - t0;
      });
      for (let i = 0; i < 6000; i++) {
        acked = -1;
        t0 = performance.now();
        await core.call('orders.place', { accountId, symbol: SYMBOL, side: i % 2 === 0 ? 'sell' : 'buy', type: 'market', qty: 0.01 });
        if (acked < 0) throw new Error('no acknowledgement event');
        if (i >= 1000) samples.push(acked);
      }
      off();
      return samples;
    });
  },
};

const BATCH = 10_000;
const IN_FLIGHT = 100;

/**
 * The paper matching engine alone: marketable orders (walking the modelled book, fees, FIFO
 * positions, margin) and resting limits filled by the quotes that reach them, per second on one core.
 */
export const paperMatchingThroughput: Benchmark = {
  name: 'paper.matching_throughput',
  unit: 'orders/s',
  kind: 'throughput',
  target: { stat: 'median', value: 50_000 },
  async run() {
    const h = paperHarness({ balance: 1e9 });
    h.board.set(SYMBOL, { bid: 3000, ask: 3000.01, bidSize: 1000, askSize: 1000 });
    const samples: number[] = [];
    for (let run = 0; run < 7; run++) {
      h.events.length = 0;
      h.fills.length = 0;
      h.orders.clear();
      const t0 = performance.now();
      for (let i = 0; i < BATCH; i += 2) {
        // One order that takes liquidity, and one limit that rests until the next quote crosses it.
        // Sides alternate so the position stays small, as a day trader's does.
        const buy = i % 4 === 0;
        await h.place({ symbol: SYMBOL, side: buy ? 'buy' : 'sell', type: 'market', qty: 0.01, tif: 'IOC' });
        await h.place({ symbol: SYMBOL, side: buy ? 'sell' : 'buy', type: 'limit', qty: 0.01, price: buy ? 3000.5 : 2999.5 });
        h.board.set(SYMBOL, buy ? { bid: 3000.5, ask: 3000.51, bidSize: 1000, askSize: 1000 } : { bid: 2999, ask: 2999.5, bidSize: 1000, askSize: 1000 });
        h.board.set(SYMBOL, { bid: 3000, ask: 3000.01, bidSize: 1000, askSize: 1000 });
      }
      const seconds = (performance.now() - t0) / 1000;
      const filled = [...h.orders.values()].filter((o) => o.status === 'filled').length;
      if (filled !== BATCH) throw new Error(`only ${filled} of ${BATCH} orders filled`);
      samples.push(BATCH / seconds);
    }
    return samples;
  },
};

/**
 * The same through the whole trading service: placed via the core, matched, and persisted in
 * SQLite, 100 in flight at a time (a burst from scripts or a copy fan-out) sharing group commits.
 */
export const paperPersistedThroughput: Benchmark = {
  name: 'paper.persisted_throughput',
  unit: 'orders/s',
  kind: 'throughput',
  async run() {
    return withTradingCore(async (core, accountId) => {
      const samples: number[] = [];
      for (let run = 0; run < 7; run++) {
        let filled = 0;
        const t0 = performance.now();
        for (let i = 0; i < BATCH; i += IN_FLIGHT) {
          const burst = Array.from({ length: IN_FLIGHT }, (_, k) => core.trading.place(accountId, { symbol: SYMBOL, side: (i + k) % 2 === 0 ? 'sell' : 'buy', type: 'market', qty: 0.01, tif: 'IOC', reduceOnly: false }));
          for (const o of await Promise.all(burst)) if (o.status === 'filled') filled++;
        }
        const seconds = (performance.now() - t0) / 1000;
        if (filled !== BATCH) throw new Error(`only ${filled} of ${BATCH} orders filled`);
        samples.push(BATCH / seconds);
      }
      return samples;
    });
  },
};
