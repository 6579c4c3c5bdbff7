import { ApiError } from '../../shared/contract/errors';
import type { LeaderboardService } from '../leaderboard/leaderboard-service';
import type { ConnectionRegistry } from '../rpc/connection-registry';
import type { HubHandlers } from '../rpc/hub-handlers';
import type { EventsRepository } from './events-repository';
import { fanOutEvents } from './fanout';
import type { StrategiesRepository } from './strategies-repository';
import type { StreamService } from './stream-service';

export type StrategyHandlers = Pick<HubHandlers, 'strategies.create' | 'strategies.get' | 'strategies.publish' | 'strategies.events' | 'strategies.subscribe' | 'strategies.unsubscribe'>;

export function createStrategyHandlers(deps: { streams: StreamService; strategies: StrategiesRepository; events: EventsRepository; registry: ConnectionRegistry; leaderboard: LeaderboardService }): StrategyHandlers {
  const { streams, strategies, events, registry, leaderboard } = deps;
  const notFound = (id: string): ApiError => new ApiError('NOT_FOUND', `Strategy ${id} is not on this hub`);
  return {
    'strategies.create': (p, c) => streams.create(c.member(), p, c.now),
    'strategies.get': (p, c) => strategies.view(p.strategyId, c.userId ?? '') ?? (() => { throw notFound(p.strategyId); })(),
    'strategies.publish': (p, c) => {
      const { head, appended } = streams.publish(c.member(), p.events, c.now);
      if (appended.length > 0) {
        fanOutEvents(registry, appended);
        leaderboard.touch(appended[0]!.strategyId);
      }
      return { headSeq: head.seq, headHash: head.hash };
    },
    'strategies.events': (p) => {
      const row = strategies.row(p.strategyId);
      if (!row) throw notFound(p.strategyId);
      return { events: events.after(p.strategyId, p.afterSeq, p.limit), headSeq: row.head_seq };
    },
    'strategies.subscribe': (p, c) => {
      const unknown = p.strategyIds.find((id) => !strategies.row(id));
      if (unknown) throw notFound(unknown);
      return { subscribed: registry.subscribe(c.connection, p.strategyIds) };
    },
    'strategies.unsubscribe': (p, c) => ({ subscribed: registry.unsubscribe(c.connection, p.strategyIds) }),
  };
}
