import fs from 'node:fs';
import path from 'node:path';
import { startHeadlessHost, type HeadlessHost, type HeadlessHostOptions } from '../../src/server/headless-host';
import { tempDir } from './temp-dir';

/** A minimal built-renderer folder: enough for HTTP tests that do not need the real UI. */
export function fixtureRendererDir(): string {
  const dir = tempDir('ist-renderer-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>IST</title><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("app")');
  return dir;
}

/** A real headless host on an ephemeral loopback port with a temp data dir (without the simulated community unless asked). */
export async function startTestHost(overrides: Partial<HeadlessHostOptions> = {}): Promise<HeadlessHost & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir('ist-host-');
  const host = await startHeadlessHost({ dataDir, rendererDir: fixtureRendererDir(), version: '0.0.0-test', port: 0, statusIntervalMs: 0, validateResults: true, community: false, ...overrides });
  return Object.assign(host, { dataDir });
}
