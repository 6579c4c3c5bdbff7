import { silentLogger } from '../src/core/logging/file-logger';
import type { Logger } from '../src/core/ports';
import { startCommunity, type Community } from '../src/core/sim';
import { startHub } from '../src/hub';
import { silentHubLogger } from '../src/hub/logging/stdout-logger';
import { DAY_MS } from '../src/shared/market/timeframes';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';

const RUNS = 3;
/** Tuesday 2026-12-01 12:00 UTC, so every run simulates the same history. */
const BASE = Date.UTC(2026, 11, 1, 12);

/** The longest stretch the event loop went without turning, while `work` ran. */
async function longestBlock(work: () => Promise<void>): Promise<{ blockMs: number; ms: number }> {
  let last = performance.now();
  let blockMs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    blockMs = Math.max(blockMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  try {
    await work();
    return { blockMs, ms: performance.now() - started };
  } finally {
    clearInterval(probe);
  }
}

/** Reads the community's own phase timings from its "ready" log line. */
function phaseLogger(phases: Array<Record<string, unknown>>): Logger {
  const log: Logger = { ...silentLogger, info: (fields, msg) => void (msg === 'simulated community ready' && phases.push(fields)), child: () => log };
  return log;
}

/**
 * The embedded hub's first start: the whole simulated community (56 members, about 25,000
 * signed events) simulated, signed, imported into a real hub in a temp dir and its two months
 * of posts seeded, until `ready`. Also a restart a day later (the catch-up), and the longest
 * event-loop stall of each.
 */
export const simBackfill: Benchmark = {
  name: 'sim.backfill',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 8000 },
  async run() {
    const backfill: number[] = [];
    const catchUp: number[] = [];
    const blocks: number[] = [];
    const phases: Array<Record<string, unknown>> = [];
    for (let i = 0; i < RUNS; i++) {
      await withTempDir('sim', async (dir) => {
        let offset = 0;
        const started = Date.now();
        const clock = { now: () => BASE + (Date.now() - started) + offset };
        for (const samples of [backfill, catchUp]) {
          const hub = await startHub({ dataDir: dir, port: 0, embedded: true, clock, log: silentHubLogger });
          let community: Community | undefined;
          const { ms, blockMs } = await longestBlock(async () => {
            community = startCommunity({ hub, clock, log: phaseLogger(phases), seed: 20_240_101, chatterSeconds: 0 });
            await community.ready;
          });
          await community?.stop();
          await hub.close();
          samples.push(ms);
          blocks.push(blockMs);
          offset += DAY_MS;
        }
      });
    }
    const phase = (key: string) => phases.filter((_, k) => k % 2 === 0).map((p) => Number(p[key]));
    return [
      { name: 'sim.backfill', unit: 'ms', kind: 'latency', target: { stat: 'median', value: 8000 }, samples: backfill },
      { name: 'sim.backfill_simulate', unit: 'ms', kind: 'latency', samples: phase('simulateMs') },
      { name: 'sim.backfill_sign_import', unit: 'ms', kind: 'latency', samples: phase('importMs') },
      { name: 'sim.catch_up_day', unit: 'ms', kind: 'latency', samples: catchUp },
      { name: 'sim.longest_block', unit: 'ms', kind: 'latency', samples: blocks },
    ];
  },
};
