import type { IpcRenderer } from 'electron';
import { isMethodName, isTopicName } from '../shared/contract';
import { createTopicListeners } from '../shared/topic-listeners';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcEnvelope, type IstBridge } from '../shared/ist-bridge';

type Ipc = Pick<IpcRenderer, 'invoke' | 'on'>;

const rejection = (code: string, message: string) => ({ code, message });

/**
 * Builds `window.ist`: only contract methods and topics pass, so a compromised page cannot
 * reach arbitrary IPC channels. Events are subscribed in main on the first listener of a topic.
 */
export function createIstBridge(ipc: Ipc): IstBridge {
  const invoke = async (method: string, params: unknown): Promise<unknown> => {
    const envelope = (await ipc.invoke(IPC_CALL_CHANNEL, method, params)) as IpcEnvelope;
    if (envelope.ok) return envelope.result;
    throw envelope.error;
  };
  const listeners = createTopicListeners(
    (topic) => void invoke('events.subscribe', { topics: [topic] }).catch(() => undefined),
    (topic) => void invoke('events.unsubscribe', { topics: [topic] }).catch(() => undefined),
  );

  ipc.on(IPC_EVENT_CHANNEL, (_event, topic: unknown, payload: unknown) => {
    if (typeof topic === 'string' && isTopicName(topic)) listeners.emit(topic, payload);
  });

  const bridge = {
    call(method: string, params?: unknown) {
      if (typeof method !== 'string' || !isMethodName(method)) return Promise.reject(rejection('METHOD_NOT_FOUND', `Unknown method "${String(method)}"`));
      return invoke(method, params ?? {});
    },
    on(topic: string, listener: (payload: unknown) => void) {
      if (typeof topic !== 'string' || !isTopicName(topic)) throw new TypeError(`Unknown event topic "${String(topic)}"`);
      return listeners.add(topic, listener);
    },
  };
  return bridge as IstBridge;
}
