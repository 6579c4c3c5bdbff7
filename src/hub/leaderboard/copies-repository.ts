import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/** Copier cores' reports of their follows: the leaderboard's copier counts and follower returns. */
export interface CopiesRepository {
  report(r: { userId: string; followId: string; strategyId: string; active: boolean; returnSinceStart: number | null; updatedAt: number }): void;
  /** The strategy a follow was reported for before (a follow moved to another strategy). */
  previousStrategy(userId: string, followId: string): string | undefined;
  /** Members with an active follow, and the mean reported copy return of active follows (null without one). */
  summary(strategyId: string): { copiers: number; followerReturn: number | null };
}

export function createCopiesRepository(db: Database): CopiesRepository {
  const upsert = db.prepare(`
    INSERT INTO copy_reports (user_id, follow_id, strategy_id, active, return_since_start, updated_at)
    VALUES (@userId, @followId, @strategyId, @active, @returnSinceStart, @updatedAt)
    ON CONFLICT (user_id, follow_id) DO UPDATE SET
      strategy_id = excluded.strategy_id, active = excluded.active, return_since_start = excluded.return_since_start, updated_at = excluded.updated_at`);
  const summary = db.prepare(
    'SELECT COUNT(DISTINCT user_id) AS copiers, AVG(return_since_start) AS follower_return FROM copy_reports WHERE strategy_id = ? AND active = 1',
  );
  const previous = db.prepare('SELECT strategy_id FROM copy_reports WHERE user_id = ? AND follow_id = ?').pluck();
  const summarySchema = z.object({ copiers: z.int(), follower_return: z.number().nullable() });
  return {
    report: (r) => void upsert.run({ ...r, active: r.active ? 1 : 0 }),
    previousStrategy: (userId, followId) => z.string().optional().parse(previous.get(userId, followId)),
    summary(strategyId) {
      const s = summarySchema.parse(summary.get(strategyId));
      return { copiers: s.copiers, followerReturn: s.follower_return };
    },
  };
}
