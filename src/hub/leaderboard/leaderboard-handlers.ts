import { ApiError } from '../../shared/contract/errors';
import type { HubHandlers } from '../rpc/hub-handlers';
import type { StrategiesRepository } from '../streams/strategies-repository';
import type { CopiesRepository } from './copies-repository';
import type { LeaderboardService } from './leaderboard-service';

export type LeaderboardHandlers = Pick<HubHandlers, 'leaderboard.query' | 'copies.report'>;

export function createLeaderboardHandlers(deps: { leaderboard: LeaderboardService; copies: CopiesRepository; strategies: StrategiesRepository }): LeaderboardHandlers {
  const { leaderboard, copies, strategies } = deps;
  return {
    'leaderboard.query': (p) => leaderboard.query(p),
    'copies.report': (p, c) => {
      if (!strategies.row(p.strategyId)) throw new ApiError('NOT_FOUND', `Strategy ${p.strategyId} is not on this hub`);
      // A copy can lose all of its allocation, never more; a figure beyond ±100,000 % is a broken reporter.
      if (p.returnSinceStart !== null && !(p.returnSinceStart >= -1 && p.returnSinceStart <= 1000)) {
        throw new ApiError('INVALID_PARAMS', 'returnSinceStart is a fraction between -1 (all lost) and 1000', { fields: [{ path: 'returnSinceStart', message: 'between -1 and 1000' }] });
      }
      const userId = c.member();
      const before = copies.previousStrategy(userId, p.followId);
      copies.report({ userId, followId: p.followId, strategyId: p.strategyId, active: p.active, returnSinceStart: p.returnSinceStart, updatedAt: c.now });
      leaderboard.copiesChanged(p.strategyId);
      if (before !== undefined && before !== p.strategyId) leaderboard.copiesChanged(before);
      return { ok: true };
    },
  };
}
