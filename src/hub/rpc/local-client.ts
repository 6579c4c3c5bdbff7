import { ApiError } from '../../shared/contract/errors';
import type { HubPushName, HubPushPayload } from '../../shared/social/hub-methods';
import type { HubLogger, LocalHubClient } from '../hub-api';
import type { ConnectionRegistry } from './connection-registry';
import type { HubDispatcher } from './dispatcher';
import type { HubConnection } from './hub-connection';

export interface LocalClientOptions {
  id: number;
  registry: ConnectionRegistry;
  dispatcher: HubDispatcher;
  /** Embedded hubs only: checks the member exists and returns nothing, or throws. */
  actAs: ((userId: string) => void) | null;
  stats: { connections: number; pushes: number };
  log: HubLogger;
}

type Listener = (payload: unknown) => void;

/**
 * An in-process client: the same dispatcher, validation and pushes as a WebSocket client, without
 * the socket or JSON. In-process callers are the embedding app itself, so the network's rate limits
 * (per connection, per address) do not apply; a signed-in member's writes still count.
 */
export function createLocalClient(options: LocalClientOptions): LocalHubClient {
  const listeners = new Map<HubPushName, Set<Listener>>();
  let closed = false;
  const connection: HubConnection = {
    id: options.id,
    kind: 'local',
    ip: 'local',
    auth: null,
    subscriptions: new Set(),
    deliver(push) {
      const set = listeners.get(push.topic);
      if (!set) return;
      options.stats.pushes++;
      for (const listener of [...set]) {
        // A listener that throws must not fail the call that caused the push (someone else's post).
        try {
          listener(push.payload);
        } catch (error) {
          options.log.error({ topic: push.topic, err: error instanceof Error ? error.message : String(error) }, 'local hub listener failed');
        }
      }
    },
  };
  options.registry.add(connection);
  options.stats.connections++;
  return {
    async call(method, params) {
      if (closed) throw new ApiError('UNAVAILABLE', 'This hub client is closed');
      return (await options.dispatcher.call(connection, method, params)) as never;
    },
    on<T extends HubPushName>(topic: T, listener: (payload: HubPushPayload<T>) => void) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      return () => void set.delete(l);
    },
    actAs(userId) {
      if (!options.actAs) throw new ApiError('UNAUTHORIZED', 'Acting as a member is only possible on an embedded hub');
      options.actAs(userId);
      options.registry.setAuth(connection, { userId, sessionId: null });
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      options.registry.remove(connection);
      options.stats.connections--;
    },
  };
}
