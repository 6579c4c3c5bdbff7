import type { HubPushName, HubPushPayload } from '../../shared/social/hub-methods';

/**
 * One push, serialized at most once however many connections receive it: a strategy event fanned
 * out to thousands of subscribers costs one `JSON.stringify` and one UTF-8 encoding.
 */
export interface Push<T extends HubPushName = HubPushName> {
  readonly topic: T;
  readonly payload: HubPushPayload<T>;
  /** The JSON-RPC notification frame, UTF-8. */
  frame(): Buffer;
}

export function createPush<T extends HubPushName>(topic: T, payload: HubPushPayload<T>): Push<T> {
  let bytes: Buffer | undefined;
  return {
    topic,
    payload,
    frame() {
      bytes ??= Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: topic, params: payload }), 'utf8');
      return bytes;
    },
  };
}
