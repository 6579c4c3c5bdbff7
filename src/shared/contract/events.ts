import { z } from 'zod';
import { defineMethod } from './define';

/**
 * Transport-level methods: a connection chooses which topics it receives. They are part of the
 * contract (and the docs) but served by each host's session, not by the core.
 */
export function createEventMethods<const T extends readonly [string, ...string[]]>(topics: T) {
  const topicsSchema = z.strictObject({
    topics: z.array(z.enum(topics)).min(1).max(topics.length),
  });
  const subscribed = z.object({ topics: z.array(z.enum(topics)) });
  return {
    'events.subscribe': defineMethod({
      summary: 'Starts delivery of the given event topics to this connection, as JSON-RPC notifications `{ method: topic, params: payload }`.',
      params: topicsSchema,
      result: subscribed,
    }),
    'events.unsubscribe': defineMethod({
      summary: 'Stops delivery of the given event topics to this connection.',
      params: topicsSchema,
      result: subscribed,
    }),
  };
}
