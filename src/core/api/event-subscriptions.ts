import type { EventPayload, Handlers, TopicName } from '../../shared/contract';
import type { Core } from '../create-core';

export type EventHandlers = Handlers<'events.subscribe' | 'events.unsubscribe'>;

export interface EventSubscriptions {
  /** The `events.*` handlers of this connection. */
  readonly handlers: EventHandlers;
  close(): void;
}

/**
 * The topics one connection (a WebSocket, an Electron window) receives. Both hosts use it, so
 * subscribe semantics are identical everywhere.
 */
export function createEventSubscriptions(core: Core, deliver: <T extends TopicName>(topic: T, payload: EventPayload<T>) => void): EventSubscriptions {
  const topics = new Set<TopicName>();
  const off = core.onAny((topic, payload) => {
    if (topics.has(topic)) deliver(topic, payload);
  });
  return {
    handlers: {
      'events.subscribe': ({ topics: add }) => {
        const fresh = add.filter((t) => !topics.has(t));
        for (const t of add) topics.add(t);
        // After the response has gone out: the current state of each newly subscribed topic.
        if (fresh.length > 0) {
          setImmediate(() => {
            for (const t of fresh) {
              const current = topics.has(t) ? core.snapshot(t) : undefined;
              if (current !== undefined) deliver(t, current);
            }
          });
        }
        return { topics: [...topics] };
      },
      'events.unsubscribe': ({ topics: remove }) => {
        for (const t of remove) topics.delete(t);
        return { topics: [...topics] };
      },
    },
    close() {
      off();
      topics.clear();
    },
  };
}
