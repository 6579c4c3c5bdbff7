import type { MethodName, ParamsIn, Result, TopicName, EventPayload } from './contract';

/** IPC channel names between preload and main. */
export const IPC_CALL_CHANNEL = 'ist:call';
export const IPC_EVENT_CHANNEL = 'ist:event';

/** What main answers on the call channel: errors travel as data, never as thrown IPC errors. */
export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; data?: unknown } };

/**
 * What the preload exposes as `window.ist` in Electron. `call` rejects with the plain error shape
 * `{ code, message, data? }`; `on` returns its own disposer.
 */
export interface IstBridge {
  call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<Result<M>>;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
}
