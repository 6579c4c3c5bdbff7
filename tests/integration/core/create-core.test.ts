import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProfileLockedError } from '../../../src/core/store/store-errors';
import type { SystemStatus } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { createTestCore } from '../../helpers/test-core';
import { LATEST_SCHEMA_VERSION } from '../../../src/core/store/migrations';

describe('createCore', () => {
  it('answers system.info with host, version, data dir, schema and start time', async () => {
    const dir = tempDir();
    const core = createTestCore(dir, { clock: { now: () => Date.UTC(2026, 10, 25, 12) } });
    expect(await core.call('system.info', {})).toEqual({
      app: 'Instant Social Trading',
      version: '0.0.0-test',
      host: 'headless',
      dataDir: path.resolve(dir),
      schemaVersion: LATEST_SCHEMA_VERSION,
      startedAt: '2026-11-25T12:00:00.000Z',
    });
    await core.close();
  });

  it('writes a consistent online backup that opens with the same data', async () => {
    const dir = tempDir();
    const core = createTestCore(dir);
    core.settings.set('ui.layout', { panes: 4 });
    const result = (await core.call('system.backup', {})) as { path: string; bytes: number };
    expect(result.path.startsWith(path.join(path.resolve(dir), 'backups', 'profile-'))).toBe(true);
    expect(result.bytes).toBe(fs.statSync(result.path).size);
    const copy = new BetterSqlite3(result.path, { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'ui.layout'").get()).toEqual({ value: '{"panes":4}' });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    copy.close();
    const second = (await core.call('system.backup', {})) as { path: string };
    expect(second.path).not.toBe(result.path);
    await core.close();
  });

  it('emits system.status heartbeats and a final "stopping" on close', async () => {
    const core = createTestCore(tempDir(), { statusIntervalMs: 20 });
    const statuses: SystemStatus[] = [];
    core.on('system.status', (s) => statuses.push(s));
    const first = await new Promise<SystemStatus>((resolve) => core.on('system.status', resolve));
    expect(first).toMatchObject({ state: 'ok' });
    expect(first.databaseBytes).toBeGreaterThan(0);
    await core.close();
    expect(statuses.at(-1)?.state).toBe('stopping');
  });

  it('refuses a second core on the same data directory, naming the holder', async () => {
    const dir = tempDir();
    const core = createTestCore(dir);
    expect(() => createTestCore(dir)).toThrow(ProfileLockedError);
    expect(() => createTestCore(dir)).toThrow(new RegExp(`pid ${process.pid}`));
    await core.close();
    const again = createTestCore(dir);
    await again.close();
  });

  it('opens a profile whose lock files a dead or older process left behind', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'profile.lock'), '999999999');
    fs.writeFileSync(path.join(dir, 'profile.pid'), '999999999');
    const core = createTestCore(dir);
    expect(fs.readFileSync(path.join(dir, 'profile.pid'), 'utf8')).toBe(String(process.pid));
    await core.close();
    expect(fs.existsSync(path.join(dir, 'profile.pid'))).toBe(false);
  });

  it('closes idempotently, checkpointing the WAL and releasing the lock', async () => {
    const dir = tempDir();
    const core = createTestCore(dir);
    core.settings.set('k', 1);
    await Promise.all([core.close(), core.close()]);
    expect(fs.existsSync(path.join(dir, 'profile.pid'))).toBe(false);
    await createTestCore(dir).close();
    const wal = path.join(dir, 'profile.db-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  });

  it('keeps a failing event listener from breaking others', async () => {
    const core = createTestCore(tempDir());
    const seen: string[] = [];
    core.on('system.status', () => {
      throw new Error('listener bug');
    });
    core.on('system.status', (s) => seen.push(s.state));
    await core.close();
    expect(seen).toEqual(['stopping']);
  });
});
