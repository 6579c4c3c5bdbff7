import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient } from '../../../src/renderer/src/api/api-client';
import type { ConnectionState } from '../../../src/renderer/src/api/transport';
import { createWsTransport } from '../../../src/renderer/src/api/ws-transport';
import type { HeadlessHost } from '../../../src/server/headless-host';
import type { SystemStatus } from '../../../src/shared/contract';
import { startTestHost } from '../../helpers/test-host';

const hosts: HeadlessHost[] = [];
const closers: Array<() => void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  for (const h of hosts.splice(0)) await h.close();
});

function clientFor(port: number, token: string) {
  const transport = createWsTransport({
    url: `ws://127.0.0.1:${port}/api?token=${token}`,
    createSocket: (url) => new WebSocket(url) as never,
    backoff: { initialMs: 10, maxMs: 50 },
  });
  closers.push(() => transport.close());
  return createApiClient(transport);
}

const until = (api: ReturnType<typeof clientFor>, state: ConnectionState) =>
  new Promise<void>((resolve) => {
    if (api.state === state) return resolve();
    const off = api.onState((s) => {
      if (s === state) {
        off();
        resolve();
      }
    });
  });

describe('renderer WebSocket transport against the real host', () => {
  it('calls typed methods and surfaces errors with stable codes', async () => {
    const host = await startTestHost();
    hosts.push(host);
    const api = clientFor(host.port, host.token);
    const info = await api.call('system.info');
    expect(info.host).toBe('headless');
    await expect(api.call('events.subscribe', { topics: [] as never })).rejects.toMatchObject({ code: 'INVALID_PARAMS', data: { fields: [expect.objectContaining({ path: 'topics' })] } });
  });

  it('reconnects after the host restarts and re-subscribes its topics', async () => {
    const first = await startTestHost({ statusIntervalMs: 20 });
    const { dataDir, port, token } = first;
    const api = clientFor(port, token);
    const statuses: SystemStatus[] = [];
    let onStatus: (() => void) | undefined;
    api.on('system.status', (s) => {
      statuses.push(s);
      onStatus?.();
    });
    await until(api, 'open');
    await new Promise<void>((resolve) => (onStatus = resolve));

    const reconnecting = until(api, 'reconnecting');
    await first.close();
    await reconnecting;
    // A call made while the core is away fails — and must not run later behind the caller's back.
    await expect(api.call('system.backup')).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    const second = await startTestHost({ dataDir, port, statusIntervalMs: 20 });
    hosts.push(second);
    await until(api, 'open');
    const before = statuses.length;
    await new Promise<void>((resolve) => (onStatus = () => statuses.length > before && resolve()));
    expect(statuses.at(-1)?.state).toBe('ok');
    expect((await api.call('system.info')).host).toBe('headless');
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });
});
