import fs from 'node:fs';
import path from 'node:path';
import { startHeadlessHost } from '../src/server/headless-host';
import { apiUrl, RpcTestClient } from '../tests/helpers/json-rpc-client';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';

const CALLS = 10_000;
const WARMUP = 500;

/** JSON-RPC `system.info` over WebSocket to the headless host on loopback, one call at a time. */
export const apiRoundtrip: Benchmark = {
  name: 'api.roundtrip',
  unit: 'ms',
  kind: 'latency',
  async run() {
    return withTempDir('api', async (dir) => {
      const rendererDir = path.join(dir, 'ui');
      fs.mkdirSync(rendererDir);
      fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
      const host = await startHeadlessHost({ dataDir: path.join(dir, 'data'), rendererDir, version: 'bench', port: 0, statusIntervalMs: 0, logLevel: 'warn' });
      const client = await RpcTestClient.connect(apiUrl(host.port, host.token));
      try {
        for (let i = 0; i < WARMUP; i++) await client.request('system.info');
        const samples: number[] = [];
        for (let i = 0; i < CALLS; i++) {
          const t0 = performance.now();
          const reply = await client.request('system.info');
          samples.push(performance.now() - t0);
          if (!reply.result) throw new Error(`system.info failed: ${JSON.stringify(reply.error)}`);
        }
        return samples;
      } finally {
        await client.close();
        await host.close();
      }
    });
  },
};
