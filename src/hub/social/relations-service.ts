import { ApiError } from '../../shared/contract/errors';
import type { UsersRepository } from '../accounts/users-repository';
import type { StrategiesRepository } from '../streams/strategies-repository';
import type { Notifier } from './notifier';
import type { RelationsRepository } from './relations-repository';

export type FollowTarget = { kind: 'user'; id: string } | { kind: 'strategy'; id: string };

/** Follows and blocks between members (and of strategies). */
export interface RelationsService {
  follow(userId: string, target: FollowTarget, follow: boolean, now: number): { following: boolean; followers: number };
  block(userId: string, targetId: string, blocked: boolean, now: number): { blocked: boolean };
}

export function createRelationsService(deps: { users: UsersRepository; strategies: StrategiesRepository; relations: RelationsRepository; notifier: Notifier }): RelationsService {
  const { users, strategies, relations, notifier } = deps;
  const acrossBlock = (other: string): ApiError => new ApiError('CONFLICT', `You cannot follow @${other}: one of you has blocked the other`);
  return {
    follow(userId, target, follow, now) {
      if (target.kind === 'user') {
        const other = users.byId(target.id);
        if (!other) throw new ApiError('NOT_FOUND', `Member ${target.id} does not exist`);
        if (other.user_id === userId) throw new ApiError('INVALID_PARAMS', 'You cannot follow yourself', { fields: [{ path: 'target.id', message: 'that is you' }] });
        if (follow && relations.blockedEitherWay(userId, other.user_id)) throw acrossBlock(other.username);
        if (relations.setUserFollow(userId, other.user_id, follow, now) && follow) notifier.notify({ kind: 'follow', userId: other.user_id, actorId: userId, now });
        return { following: follow, followers: relations.userFollowers(other.user_id) };
      }
      const strategy = strategies.row(target.id);
      if (!strategy) throw new ApiError('NOT_FOUND', `Strategy ${target.id} is not on this hub`);
      if (follow && relations.blockedEitherWay(userId, strategy.owner_id)) throw acrossBlock(strategy.username);
      if (relations.setStrategyFollow(userId, strategy.strategy_id, follow, now) && follow) {
        notifier.notify({ kind: 'strategy_follow', userId: strategy.owner_id, actorId: userId, strategyId: strategy.strategy_id, excerpt: strategy.name, now });
      }
      return { following: follow, followers: relations.strategyFollowers(strategy.strategy_id) };
    },
    block(userId, targetId, blocked, now) {
      if (targetId === userId) throw new ApiError('INVALID_PARAMS', 'You cannot block yourself', { fields: [{ path: 'userId', message: 'that is you' }] });
      if (!users.byId(targetId)) throw new ApiError('NOT_FOUND', `Member ${targetId} does not exist`);
      relations.setBlock(userId, targetId, blocked, now);
      return { blocked };
    },
  };
}
