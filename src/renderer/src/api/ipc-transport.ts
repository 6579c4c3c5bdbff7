import type { IstBridge } from '../../../shared/ist-bridge';
import type { MethodName, TopicName } from '../../../shared/contract';
import type { Transport } from './transport';

/** Electron: the preload's `window.ist`. IPC does not drop, so the state is always open. */
export function createIpcTransport(bridge: IstBridge): Transport {
  return {
    kind: 'ipc',
    state: 'open',
    call: (method, params) => bridge.call(method as MethodName, params as never),
    on: (topic, listener) => bridge.on(topic as TopicName, listener),
    onState: () => () => {},
    close: () => {},
  };
}
