import { startHeadlessHost, type HeadlessHost } from '../src/server/headless-host';
import { PROJECT_ROOT, RENDERER_DIR } from '../src/server/project-root';
import { ensureRendererBuilt } from '../src/server/renderer-build';
import type { WorkspaceState } from '../src/shared/workspace/workspace-schema';
import { apiUrl, RpcTestClient } from '../tests/helpers/json-rpc-client';
import { PANE_PAINTED, VIEWPORT, waitForPanesPainted, withBrowser } from './bench-browser';
import { withTempDir } from './bench-temp-dir';
import type { Benchmark, BenchSpec, NamedSamples } from './bench-types';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'EUR/USD', 'GBP/USD', 'USD/JPY', 'US500'];

/** A workspace of `n` panes on 1m with two indicators each (SMA 20 overlay, RSI 14 pane). */
export function benchWorkspace(n: 8 | 16): WorkspaceState {
  return {
    version: 1,
    layout: String(n) as '8' | '16',
    panes: Array.from({ length: n }, (_, i) => ({
      id: `bench${i}`,
      symbol: SYMBOLS[i % SYMBOLS.length]!,
      timeframe: '1m' as const,
      chartType: 'candles' as const,
      scale: 'linear' as const,
      indicators: [
        { kind: 'sma' as const, period: 20 },
        { kind: 'rsi' as const, period: 14 },
      ],
    })),
    activePane: 0,
    sync: { symbol: false, timeframe: false, crosshair: true, timeRange: false },
    watchlist: SYMBOLS,
  };
}

/** A host with warm caches and the 8-pane workspace saved, for the duration of `fn`. */
async function withPreparedHost<T>(ticksPerSecond: number | undefined, fn: (host: HeadlessHost) => Promise<T>): Promise<T> {
  ensureRendererBuilt(PROJECT_ROOT, RENDERER_DIR, () => undefined);
  return withTempDir('chart', async (dataDir) => {
    const host = await startHeadlessHost({ dataDir, rendererDir: RENDERER_DIR, version: 'bench', port: 0, logLevel: 'warn', ...(ticksPerSecond ? { syntheticTicksPerSecond: ticksPerSecond } : {}) });
    try {
      const client = await RpcTestClient.connect(apiUrl(host.port, host.token));
      try {
        // Warm the bar cache so the figure is the UI's, not the first backfill's.
        for (const symbol of SYMBOLS) await client.request('market.bars', { symbol, timeframe: '1m', limit: 5000 });
        await client.request('workspace.saveCurrent', { workspace: benchWorkspace(8) });
      } finally {
        await client.close();
      }
      return await fn(host);
    } finally {
      await host.close();
    }
  });
}

/** The page's requestIdleCallback (the bench compiles without the DOM library). */
interface IdleWindow {
  requestIdleCallback(callback: () => void, options: { timeout: number }): number;
}

/** What the page exposes to the bench (see src/renderer/src/perf/perf-probe.ts). */
interface PerfPage {
  __istPerf: { tickLatencies: number[] };
  __istLongTasks: number[];
}
// Page functions run in Chromium (the page's CSP forbids evaluating strings there).
const lastPaint = (mark: string): number => Math.max(...performance.getEntriesByName(mark).map((e) => e.startTime));

/** From navigation to the last of 8 panes (5,000 1m bars, 2 indicators each) painted, in Chromium. */
export const chartFirstPaint: Benchmark = {
  name: 'chart.first_paint_8x5000',
  unit: 'ms',
  kind: 'latency',
  target: { stat: 'median', value: 1000 },
  async run() {
    return withPreparedHost(undefined, (host) =>
      withBrowser(async (browser) => {
        const samples: number[] = [];
        for (let run = 0; run < 13; run++) {
          const context = await browser.newContext({ viewport: VIEWPORT });
          const page = await context.newPage();
          await page.goto(host.url);
          await waitForPanesPainted(page, 8, 60_000);
          const t = await page.evaluate(lastPaint, PANE_PAINTED);
          // The first run pays for a cold browser cache; it is measured but it is not typical.
          if (run > 0) samples.push(t);
          await context.close();
        }
        return samples;
      }),
    );
  },
};

const TICK_WINDOW_MS = 10_000;
const TICK_TO_PAINT: BenchSpec = { name: 'chart.tick_to_paint', unit: 'ms', kind: 'latency', target: { stat: 'p99', value: 50 } };

/**
 * 2,000 trades a second spread over the 8 symbols of an 8-pane layout: from a market event
 * arriving in the page to the frame that draws it, and long tasks over 50 ms in 10 s.
 */
export const chartTickToPaint: Benchmark = {
  ...TICK_TO_PAINT,
  async run() {
    return withPreparedHost(2000 / SYMBOLS.length, (host) =>
      withBrowser(async (browser): Promise<NamedSamples[]> => {
        const context = await browser.newContext({ viewport: VIEWPORT });
        const page = await context.newPage();
        // An init script is injected as source, before the page's own scripts (no eval, so CSP allows it).
        await page.addInitScript(`
          window.__istPerf = { tickLatencies: [] };
          window.__istLongTasks = [];
          new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__istLongTasks.push(e.duration); }).observe({ type: 'longtask' });
        `);
        await page.goto(host.url);
        await waitForPanesPainted(page, 8, 60_000);
        // Measure steady state only: let the work that follows the first paint (the rest of the
        // app mounting, the trading lists loading) finish — the main thread's first idle period
        // says so — then drop what loading produced and watch a fixed window.
        await page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as IdleWindow).requestIdleCallback(() => resolve(), { timeout: 5000 })));
        await page.evaluate(() => {
          const w = globalThis as unknown as PerfPage;
          w.__istPerf.tickLatencies.length = 0;
          w.__istLongTasks.length = 0;
        });
        await page.waitForTimeout(TICK_WINDOW_MS);
        const { latencies, longTasks } = await page.evaluate(() => {
          const w = globalThis as unknown as PerfPage;
          return { latencies: [...w.__istPerf.tickLatencies], longTasks: [...w.__istLongTasks] };
        });
        await context.close();
        if (latencies.length === 0) throw new Error('no market event reached the page');
        return [
          { ...TICK_TO_PAINT, samples: latencies },
          { name: 'chart.long_tasks_10s', unit: 'count', kind: 'latency', target: { stat: 'median', value: 1 }, samples: [longTasks.filter((d) => d > 50).length] },
        ];
      }),
    );
  },
};
