import type { HandlerMap } from './dispatcher';
import { createEventSubscriptions, type Deliver, type EventSource } from './event-subscriptions';
import { createMarketSession } from '../market/market-session';
import type { MarketService } from '../market/market-service';

/** What one connection holds: its event topics and its live symbols, released together. */
export interface Session {
  readonly handlers: HandlerMap;
  close(): void;
}

export function openSession(source: EventSource, market: MarketService, deliver: Deliver): Session {
  const marketSession = createMarketSession(market);
  const events = createEventSubscriptions(source, deliver, (topic, payload) => marketSession.wants(topic, payload));
  return {
    handlers: { ...events.handlers, ...marketSession.handlers },
    close() {
      events.close();
      marketSession.close();
    },
  };
}
