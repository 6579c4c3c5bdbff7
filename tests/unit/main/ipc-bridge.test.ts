import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src/core/create-core';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcEnvelope } from '../../../src/shared/ist-bridge';
import { tempDir } from '../../helpers/temp-dir';
import { createTestCore } from '../../helpers/test-core';
import { LATEST_SCHEMA_VERSION } from '../../../src/core/store/migrations';

vi.mock('electron', () => ({}));
const { registerIpcBridge } = await import('../../../src/main/ipc-bridge');

type Handler = (event: unknown, ...args: unknown[]) => Promise<IpcEnvelope>;

class FakeContents extends EventEmitter {
  sent: unknown[][] = [];
  constructor(readonly id: number) {
    super();
  }
  isDestroyed() {
    return false;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

function setup(trusted: boolean) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (ch: string, fn: Handler) => void handlers.set(ch, fn), removeHandler: (ch: string) => void handlers.delete(ch) };
  const core = createTestCore(tempDir(), { statusIntervalMs: 0 });
  cores.push(core);
  const dispose = registerIpcBridge({ ipcMain: ipcMain as never, core, isTrustedSender: () => trusted });
  const contents = new FakeContents(1);
  const call = (method: unknown, params?: unknown) => handlers.get(IPC_CALL_CHANNEL)!({ sender: contents }, method, params);
  return { core, call, contents, dispose, handlers };
}

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('IPC bridge', () => {
  it('answers contract calls from the trusted window', async () => {
    const { call } = setup(true);
    const reply = await call('system.info', {});
    expect(reply).toMatchObject({ ok: true, result: { host: 'headless', schemaVersion: LATEST_SCHEMA_VERSION } });
  });

  it('refuses every call from an untrusted sender', async () => {
    const { call } = setup(false);
    expect(await call('system.info', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNAUTHORIZED' }) });
  });

  it('refuses methods outside the contract and bad params with stable codes', async () => {
    const { call } = setup(true);
    expect(await call('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_FOUND' } });
    expect(await call(42)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('system.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS', data: { fields: [expect.anything()] } } });
  });

  it('forwards only the topics the window subscribed to, and stops after unsubscribe', async () => {
    const { call, core, contents } = setup(true);
    await core.close(); // emits system.status 'stopping' — not subscribed yet
    expect(contents.sent).toEqual([]);
    const { call: call2, core: core2, contents: contents2 } = setup(true);
    void call;
    const snapshot = new Promise<void>((resolve) => {
      contents2.send = (...args: unknown[]) => {
        contents2.sent.push(args);
        resolve();
      };
    });
    expect(await call2('events.subscribe', { topics: ['system.status'] })).toEqual({ ok: true, result: { topics: ['system.status'] } });
    await snapshot;
    await core2.close();
    expect(contents2.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'system.status', expect.objectContaining({ state: 'ok' })],
      [IPC_EVENT_CHANNEL, 'system.status', expect.objectContaining({ state: 'stopping' })],
    ]);
  });

  it('starts subscriptions afresh when the window reloads', async () => {
    const { call, contents } = setup(true);
    let delivered = 0;
    contents.send = () => void delivered++;
    const snapshot = () => new Promise<void>((resolve) => setImmediate(resolve));
    await call('events.subscribe', { topics: ['system.status'] });
    await snapshot();
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    await call('events.subscribe', { topics: ['system.status'] });
    await snapshot();
    expect(delivered).toBe(2);
  });

  it('removes its handler when disposed', () => {
    const { dispose, handlers } = setup(true);
    dispose();
    expect(handlers.has(IPC_CALL_CHANNEL)).toBe(false);
  });
});
