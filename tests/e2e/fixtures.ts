import { test as base } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';

export interface HostFixture {
  serve: ServeProcess;
  dataDir: string;
}

/** Each test gets its own `npm run serve` with a temp data dir, stopped with SIGTERM afterwards. */
export const test = base.extend<{ host: HostFixture }>({
  // Playwright reads the fixture's dependencies from this destructuring, so it must stay an object pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-e2e-'));
    const serve = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    await use({ serve, dataDir });
    serve.child.kill('SIGTERM');
    await serve.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
