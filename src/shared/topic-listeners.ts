/**
 * Listeners per event topic, telling the transport when a topic gets its first listener (subscribe
 * upstream) and loses its last (unsubscribe). Shared by the preload bridge and the WebSocket client.
 */
export interface TopicListeners {
  add(topic: string, listener: (payload: unknown) => void): () => void;
  emit(topic: string, payload: unknown): void;
  topics(): string[];
}

export function createTopicListeners(onFirst: (topic: string) => void, onLast: (topic: string) => void): TopicListeners {
  const byTopic = new Map<string, Set<(payload: unknown) => void>>();
  return {
    add(topic, listener) {
      let set = byTopic.get(topic);
      if (!set) {
        byTopic.set(topic, (set = new Set()));
        onFirst(topic);
      }
      set.add(listener);
      return () => {
        const current = byTopic.get(topic);
        if (!current?.delete(listener) || current.size > 0) return;
        byTopic.delete(topic);
        onLast(topic);
      };
    },
    emit(topic, payload) {
      for (const listener of byTopic.get(topic) ?? []) listener(payload);
    },
    topics: () => [...byTopic.keys()],
  };
}
