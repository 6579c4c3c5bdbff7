import type { Database } from 'better-sqlite3';
import { z } from 'zod';

const ids = z.array(z.string());
const count = z.int().nonnegative();

/** Follows of members and strategies, and blocks between members. */
export interface RelationsRepository {
  /** Returns whether anything changed. */
  setUserFollow(followerId: string, followeeId: string, follow: boolean, now: number): boolean;
  setStrategyFollow(userId: string, strategyId: string, follow: boolean, now: number): boolean;
  userFollowers(userId: string): number;
  strategyFollowers(strategyId: string): number;
  /** Members who follow `userId` (for live feed pushes). */
  followersOf(userId: string): string[];
  /** Members who follow the strategy. */
  strategyFollowersOf(strategyId: string): string[];
  isFollowingStrategy(userId: string, strategyId: string): boolean;
  setBlock(blockerId: string, blockedId: string, blocked: boolean, now: number): void;
  /** Whether either member blocked the other. */
  blockedEitherWay(a: string, b: string): boolean;
}

export function createRelationsRepository(db: Database): RelationsRepository {
  const follow = db.prepare('INSERT OR IGNORE INTO user_follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)');
  const unfollow = db.prepare('DELETE FROM user_follows WHERE follower_id = ? AND followee_id = ?');
  const followStrategy = db.prepare('INSERT OR IGNORE INTO strategy_follows (user_id, strategy_id, created_at) VALUES (?, ?, ?)');
  const unfollowStrategy = db.prepare('DELETE FROM strategy_follows WHERE user_id = ? AND strategy_id = ?');
  const userFollowers = db.prepare('SELECT COUNT(*) FROM user_follows WHERE followee_id = ?').pluck();
  const strategyFollowers = db.prepare('SELECT COUNT(*) FROM strategy_follows WHERE strategy_id = ?').pluck();
  const followersOf = db.prepare('SELECT follower_id FROM user_follows WHERE followee_id = ?').pluck();
  const strategyFollowersOf = db.prepare('SELECT user_id FROM strategy_follows WHERE strategy_id = ?').pluck();
  const followsStrategy = db.prepare('SELECT 1 FROM strategy_follows WHERE user_id = ? AND strategy_id = ?').pluck();
  const block = db.prepare('INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)');
  const unblock = db.prepare('DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?');
  const blocked = db.prepare('SELECT 1 FROM blocks WHERE (blocker_id = @a AND blocked_id = @b) OR (blocker_id = @b AND blocked_id = @a) LIMIT 1').pluck();
  return {
    setUserFollow: (a, b, on, now) => (on ? follow.run(a, b, now) : unfollow.run(a, b)).changes > 0,
    setStrategyFollow: (u, s, on, now) => (on ? followStrategy.run(u, s, now) : unfollowStrategy.run(u, s)).changes > 0,
    userFollowers: (userId) => count.parse(userFollowers.get(userId)),
    strategyFollowers: (strategyId) => count.parse(strategyFollowers.get(strategyId)),
    followersOf: (userId) => ids.parse(followersOf.all(userId)),
    strategyFollowersOf: (strategyId) => ids.parse(strategyFollowersOf.all(strategyId)),
    isFollowingStrategy: (u, s) => followsStrategy.get(u, s) !== undefined,
    setBlock: db.transaction((a: string, b: string, on: boolean, now: number) => {
      if (!on) return void unblock.run(a, b);
      block.run(a, b, now);
      // A block ends the follows between the two, both ways.
      unfollow.run(a, b);
      unfollow.run(b, a);
    }),
    blockedEitherWay: (a, b) => blocked.get({ a, b }) !== undefined,
  };
}
