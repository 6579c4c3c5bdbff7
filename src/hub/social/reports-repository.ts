import type { Database } from 'better-sqlite3';

/** Reports of posts and comments, for the hub's moderators. */
export interface ReportsRepository {
  insert(r: { reporterId: string; targetKind: 'post' | 'comment'; targetId: string; reason: string; createdAt: number }): void;
}

export function createReportsRepository(db: Database): ReportsRepository {
  const insert = db.prepare('INSERT INTO reports (reporter_id, target_kind, target_id, reason, created_at) VALUES (@reporterId, @targetKind, @targetId, @reason, @createdAt)');
  return { insert: (r) => void insert.run(r) };
}
