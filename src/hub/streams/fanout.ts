import type { StrategyEvent } from '../../shared/social/strategy-event';
import type { ConnectionRegistry } from '../rpc/connection-registry';
import { createPush } from '../rpc/push';

/**
 * Pushes new events to the strategy's subscribers: each event is serialized once and the same
 * frame goes to every subscriber, however many there are.
 */
export function fanOutEvents(registry: ConnectionRegistry, events: readonly StrategyEvent[]): number {
  let delivered = 0;
  for (const event of events) delivered += registry.pushToSubscribers(event.strategyId, createPush('strategy.event', { event }));
  return delivered;
}
