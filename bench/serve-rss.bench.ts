import fs from 'node:fs';
import { PROJECT_ROOT, RENDERER_DIR } from '../src/server/project-root';
import { ensureRendererBuilt } from '../src/server/renderer-build';
import { apiUrl, RpcTestClient } from '../tests/helpers/json-rpc-client';
import { startServe } from '../tests/helpers/serve-process';
import { VIEWPORT, waitForPanesPainted, withBrowser } from './bench-browser';
import { withTempDir } from './bench-temp-dir';
import type { Benchmark, BenchSpec, NamedSamples } from './bench-types';
import { benchWorkspace } from './chart.bench';

/** Ten minutes by default, as the target asks; IST_BENCH_RSS_SECONDS shortens it for a quick look. */
const DURATION_MS = Number(process.env.IST_BENCH_RSS_SECONDS ?? 600) * 1000;
const SAMPLE_MS = 10_000;

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Least-squares slope of (minute, MB) points: MB per minute. */
export function slopePerMinute(points: ReadonlyArray<{ t: number; mb: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const mm = points.reduce((a, p) => a + p.mb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.mb - mm);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

const RSS: BenchSpec = { name: 'serve.rss_16_panes', unit: 'MB', kind: 'latency', target: { stat: 'p99', value: 300 } };

/**
 * The headless host (a real `serve` process) with a browser showing 16 live 1m panes: its RSS
 * sampled every 10 s; the median and peak of the second half, and the trend over it.
 */
export const serveRss16Panes: Benchmark = {
  ...RSS,
  async run() {
    if (process.platform !== 'linux') throw new Error('serve.rss_16_panes reads /proc: Linux only');
    ensureRendererBuilt(PROJECT_ROOT, RENDERER_DIR, () => undefined);
    return withTempDir('rss', (dataDir) => measure(dataDir));
  },
};

/** The host with a browser on its 16-pane workspace, sampled for DURATION_MS. */
async function measure(dataDir: string): Promise<NamedSamples[]> {
  const serve = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir], { IST_VALIDATE_RESULTS: '0' });
  try {
    return await withBrowser(async (browser) => {
      const client = await RpcTestClient.connect(apiUrl(serve.port, serve.token));
      await client.request('workspace.saveCurrent', { workspace: benchWorkspace(16) });
      await client.close();
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(serve.url);
      await waitForPanesPainted(page, 16, 120_000);
      const started = Date.now();
      const points: Array<{ t: number; mb: number }> = [];
      while (Date.now() - started < DURATION_MS) {
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
        points.push({ t: Date.now() - started, mb: rssMb(serve.child.pid!) });
      }
      const steady = points.slice(Math.floor(points.length / 2));
      return [
        { ...RSS, samples: steady.map((p) => p.mb) },
        { name: 'serve.rss_16_panes_trend', unit: 'MB/min', kind: 'latency', target: { stat: 'median', value: 1 }, samples: [slopePerMinute(steady)] },
      ];
    });
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
}

