import path from 'node:path';
import { createBarRepository } from '../src/core/market/bar-repository';
import { createCandleAggregator } from '../src/core/market/candle-aggregator';
import { createMarketService } from '../src/core/market/market-service';
import { createMarketPath, DAY_MS } from '../src/core/market/synthetic/market-path';
import { createSyntheticFeed } from '../src/core/market/synthetic/synthetic-feed';
import { SYNTHETIC_SPECS } from '../src/core/market/synthetic/synthetic-instruments';
import { silentLogger } from '../src/core/logging/file-logger';
import { openDatabase } from '../src/core/store/open-database';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';

const TICKS = 2_000_000;

/** Trades aggregated into all seven timeframes, 8 symbols interleaved, on one core. */
export const marketAggregate: Benchmark = {
  name: 'market.aggregate',
  unit: 'ticks/s',
  kind: 'throughput',
  target: { stat: 'median', value: 2_000_000 },
  async run() {
    const symbols = SYNTHETIC_SPECS.slice(0, 8).map((s) => s.instrument.symbol);
    const times = new Float64Array(TICKS);
    const prices = new Float64Array(TICKS);
    let t = Date.UTC(2026, 0, 5);
    let p = 100;
    for (let i = 0; i < TICKS; i++) {
      t += 50 / 8; // 20 ticks/s for each of 8 symbols
      p += (((i * 2654435761) >>> 0) / 4294967296 - 0.5) * 0.01;
      times[i] = Math.floor(t);
      prices[i] = p;
    }
    const samples: number[] = [];
    let closed = 0;
    for (let run = 0; run < 7; run++) {
      const agg = createCandleAggregator({ onBarClosed: () => void closed++ });
      const t0 = performance.now();
      for (let i = 0; i < TICKS; i++) agg.addTrade(symbols[i & 7]!, times[i]!, prices[i]!, 1);
      samples.push(TICKS / ((performance.now() - t0) / 1000));
    }
    if (closed === 0) throw new Error('no bar closed');
    return samples;
  },
};

/** 5,000 bars read back from the SQLite cache through the market service (cache already warm). */
export const marketBarsQuery: Benchmark = {
  name: 'market.bars.query',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 5 },
  async run() {
    return withTempDir('bars', async (dir) => {
      const db = openDatabase(path.join(dir, 'profile.db'), { log: silentLogger });
      const clock = { now: () => Date.now() };
      const market = createMarketService({ feed: createSyntheticFeed({ seed: 1, clock }), repo: createBarRepository(db), clock, log: silentLogger, emit: () => {} });
      try {
        await market.bars('BTC/USDT', '1m', undefined, 5000); // warm the cache
        const samples: number[] = [];
        for (let i = 0; i < 200; i++) {
          const t0 = performance.now();
          const bars = await market.bars('BTC/USDT', '1m', undefined, 5000);
          samples.push(performance.now() - t0);
          if (bars.length !== 5000) throw new Error(`expected 5000 bars, got ${bars.length}`);
        }
        return samples;
      } finally {
        market.close();
        db.close();
      }
    });
  },
};

/** One year of 1m history for every synthetic instrument, generated from scratch (first start). */
export const syntheticYear: Benchmark = {
  name: 'market.synthetic_year',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 5000 },
  async run() {
    const today = Math.floor(Date.now() / DAY_MS);
    const samples: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      let bars = 0;
      for (const spec of SYNTHETIC_SPECS) {
        const p = createMarketPath(spec, 1000 + run);
        for (let d = today - 365; d <= today; d++) bars += p.dayPath(d).length;
      }
      samples.push(performance.now() - t0);
      if (bars < 3_000_000) throw new Error(`only ${bars} bars`);
    }
    return samples;
  },
};
