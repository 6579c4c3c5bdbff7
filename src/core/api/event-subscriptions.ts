import type { EventPayload, Handlers, TopicName } from '../../shared/contract';
import type { AnyEventListener } from '../events/event-bus';

export type EventHandlers = Handlers<'events.subscribe' | 'events.unsubscribe'>;
export type Deliver = <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;

export interface EventSource {
  onAny(listener: AnyEventListener): () => void;
  snapshot<T extends TopicName>(topic: T): EventPayload<T> | undefined;
}

export interface EventSubscriptions {
  /** The `events.*` handlers of this connection. */
  readonly handlers: EventHandlers;
  close(): void;
}

/**
 * The topics one connection (a WebSocket, an Electron window) receives. Both hosts use it, so
 * subscribe semantics are identical everywhere. `wants` narrows a topic further (market events
 * only for the symbols this connection follows).
 */
export function createEventSubscriptions(source: EventSource, deliver: Deliver, wants: <T extends TopicName>(topic: T, payload: EventPayload<T>) => boolean = () => true): EventSubscriptions {
  const topics = new Set<TopicName>();
  const off = source.onAny((topic, payload) => {
    if (topics.has(topic) && wants(topic, payload)) deliver(topic, payload);
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
              const current = topics.has(t) ? source.snapshot(t) : undefined;
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
