import { test as base } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';

export interface HostFixture {
  serve: ServeProcess;
  dataDir: string;
}

/**
 * Each test gets its own `npm run serve` with a temp data dir, stopped with SIGTERM afterwards.
 * `serveArgs` adds arguments (`--hub-url …`, `--no-community`): a spec sets it with `test.use`, or
 * overrides it with a fixture of its own when the arguments depend on another fixture.
 */
export const test = base.extend<{ host: HostFixture; serveArgs: string[] }>({
  serveArgs: [[], { option: true }],
  host: async ({ serveArgs }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-e2e-'));
    const serve = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir, ...serveArgs]);
    await use({ serve, dataDir });
    serve.child.kill('SIGTERM');
    await serve.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
