import { describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../src/shared/ist-bridge';

vi.mock('electron', () => ({}));
const { createIstBridge } = await import('../../../src/preload/ist-bridge');

function fakeIpc(reply: (method: string, params: unknown) => unknown = () => ({ ok: true, result: 'r' })) {
  let onEvent: ((e: unknown, topic: unknown, payload: unknown) => void) | undefined;
  const invoke = vi.fn((channel: string, method: string, params: unknown) => Promise.resolve(channel === IPC_CALL_CHANNEL ? reply(method, params) : undefined));
  const ipc = {
    invoke,
    on: vi.fn((channel: string, fn: typeof onEvent) => {
      if (channel === IPC_EVENT_CHANNEL) onEvent = fn;
    }),
  };
  return { ipc, invoke, emit: (topic: unknown, payload: unknown) => onEvent?.({}, topic, payload) };
}

describe('preload bridge (window.ist)', () => {
  it('forwards contract methods and resolves with the result', async () => {
    const { ipc, invoke } = fakeIpc();
    const bridge = createIstBridge(ipc as never);
    await expect(bridge.call('system.info')).resolves.toBe('r');
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'system.info', {});
  });

  it('rejects methods outside the allow-list without touching IPC', async () => {
    const { ipc, invoke } = fakeIpc();
    const bridge = createIstBridge(ipc as never);
    await expect(bridge.call('shell.exec' as never)).rejects.toEqual({ code: 'METHOD_NOT_FOUND', message: 'Unknown method "shell.exec"' });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('rejects with the error shape main returned', async () => {
    const { ipc } = fakeIpc(() => ({ ok: false, error: { code: 'INVALID_PARAMS', message: 'bad', data: { fields: [] } } }));
    await expect(createIstBridge(ipc as never).call('system.info')).rejects.toEqual({ code: 'INVALID_PARAMS', message: 'bad', data: { fields: [] } });
  });

  it('subscribes on the first listener of a topic and unsubscribes after the last', () => {
    const { ipc, invoke, emit } = fakeIpc();
    const bridge = createIstBridge(ipc as never);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('system.status', a);
    const offB = bridge.on('system.status', b);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'events.subscribe', { topics: ['system.status'] });
    emit('system.status', { state: 'ok' });
    emit('not.a.topic', { x: 1 });
    expect(a).toHaveBeenCalledWith({ state: 'ok' });
    expect(b).toHaveBeenCalledTimes(1);
    offA();
    expect(invoke).toHaveBeenCalledTimes(1);
    offB();
    expect(invoke).toHaveBeenLastCalledWith(IPC_CALL_CHANNEL, 'events.unsubscribe', { topics: ['system.status'] });
  });

  it('refuses to listen to unknown topics', () => {
    const { ipc } = fakeIpc();
    expect(() => createIstBridge(ipc as never).on('ipc.raw' as never, () => {})).toThrow(/Unknown event topic/);
  });
});
