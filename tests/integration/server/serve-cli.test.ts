import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/core/store/migrations';
import { apiUrl, RpcTestClient } from '../../helpers/json-rpc-client';
import { spawnServe, startServe, type ServeProcess } from '../../helpers/serve-process';
import { tempDir } from '../../helpers/temp-dir';

const running: ServeProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

describe('npm run serve', () => {
  it('prints the URL with the token, answers the API, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const serve = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    running.push(serve);
    expect(serve.stdout.join('\n')).toContain(`data in ${dataDir}`);
    expect(fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim()).toBe(serve.token);

    expect((await fetch(`http://127.0.0.1:${serve.port}/`)).status).toBe(401);
    const client = await RpcTestClient.connect(apiUrl(serve.port, serve.token));
    expect((await client.request('system.info')).result).toMatchObject({ host: 'headless', dataDir });
    await client.close();

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, 'profile.pid'))).toBe(false);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'core.log'), 'utf8');
    expect(log).toContain('"msg":"shutting down"');
    expect(log).toContain('"msg":"core closed"');
    expect(log).not.toContain(serve.token);
  });

  it('exits with code 2 and a clear message on a database from a newer app, leaving it byte-identical', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'profile.db');
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);
    const serve = spawnServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    const exit = await serve.exited;
    expect(exit.code).toBe(2);
    expect(serve.stderr.join('\n')).toMatch(/newer release: update the app/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'profile.pid'))).toBe(false);
  });

  it('refuses a non-loopback --host without --allow-remote (exit 64)', async () => {
    const serve = spawnServe(['--no-build', '--host', '0.0.0.0', '--port', '0', '--data-dir', tempDir()]);
    expect((await serve.exited).code).toBe(64);
    expect(serve.stderr.join('\n')).toMatch(/--allow-remote/);
  });

  it('refuses a second host on the same data dir (exit 4), naming the first one’s pid', async () => {
    const dataDir = tempDir();
    const first = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    running.push(first);
    const second = spawnServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    expect((await second.exited).code).toBe(4);
    expect(second.stderr.join('\n')).toContain(`pid ${first.child.pid}`);
  });

  it('opens the profile again at once after the holder was killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const first = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    running.push(first);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
    running.push(second);
    const client = await RpcTestClient.connect(apiUrl(second.port, second.token));
    expect((await client.request('system.info')).result).toMatchObject({ dataDir });
    await client.close();
  });
});
