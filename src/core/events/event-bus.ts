import type { EventPayload, TopicName } from '../../shared/contract';

export type EventListener<T extends TopicName> = (payload: EventPayload<T>) => void;
export type AnyEventListener = <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;

/** Typed in-process pub/sub for core events; hosts forward topics to their clients. */
export interface EventBus {
  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void;
  on<T extends TopicName>(topic: T, listener: EventListener<T>): () => void;
  /** Every event, for host bridges that filter per connection. */
  onAny(listener: AnyEventListener): () => void;
}

export function createEventBus(onListenerError: (topic: TopicName, error: unknown) => void): EventBus {
  const byTopic = new Map<TopicName, Set<(payload: unknown) => void>>();
  const any = new Set<AnyEventListener>();

  return {
    emit(topic, payload) {
      // A failing listener must not stop delivery to the others, nor the emitter.
      for (const listener of byTopic.get(topic) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(topic, error);
        }
      }
      for (const listener of any) {
        try {
          listener(topic, payload);
        } catch (error) {
          onListenerError(topic, error);
        }
      }
    },
    on(topic, listener) {
      let set = byTopic.get(topic);
      if (!set) byTopic.set(topic, (set = new Set()));
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    onAny(listener) {
      any.add(listener);
      return () => void any.delete(listener);
    },
  };
}
