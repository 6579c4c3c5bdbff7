import type { Database } from 'better-sqlite3';
import { z } from 'zod';

const sessionRowSchema = z.object({
  session_id: z.string(),
  user_id: z.string(),
  created_at: z.int(),
  expires_at: z.int(),
  revoked_at: z.int().nullable(),
});
export type SessionRow = z.infer<typeof sessionRowSchema>;

export interface SessionsRepository {
  insert(session: { sessionId: string; userId: string; tokenHash: string; createdAt: number; expiresAt: number }): void;
  byTokenHash(hash: string): SessionRow | undefined;
  byId(sessionId: string): SessionRow | undefined;
  extend(sessionId: string, expiresAt: number): void;
  revoke(sessionId: string, now: number): void;
  /** Revokes the member's live sessions except `keep`; returns the ids revoked. */
  revokeOthers(userId: string, keep: string | null, now: number): string[];
  /** Forgets sessions that ended (expired or revoked) before `before`. */
  purge(before: number): number;
}

export function createSessionsRepository(db: Database): SessionsRepository {
  const insert = db.prepare('INSERT INTO sessions (session_id, user_id, token_hash, created_at, expires_at) VALUES (@sessionId, @userId, @tokenHash, @createdAt, @expiresAt)');
  const byHash = db.prepare('SELECT session_id, user_id, created_at, expires_at, revoked_at FROM sessions WHERE token_hash = ?');
  const byId = db.prepare('SELECT session_id, user_id, created_at, expires_at, revoked_at FROM sessions WHERE session_id = ?');
  const extend = db.prepare('UPDATE sessions SET expires_at = ? WHERE session_id = ? AND revoked_at IS NULL');
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL');
  const live = db.prepare('SELECT session_id FROM sessions WHERE user_id = ? AND session_id IS NOT ? AND revoked_at IS NULL AND expires_at > ?').pluck();
  const revokeOthers = db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND session_id IS NOT ? AND revoked_at IS NULL AND expires_at > ?');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at < @before OR revoked_at < @before');
  const parse = (row: unknown): SessionRow | undefined => (row === undefined ? undefined : sessionRowSchema.parse(row));
  return {
    insert: (session) => void insert.run(session),
    byTokenHash: (hash) => parse(byHash.get(hash)),
    byId: (sessionId) => parse(byId.get(sessionId)),
    extend: (sessionId, expiresAt) => void extend.run(expiresAt, sessionId),
    revoke: (sessionId, now) => void revoke.run(now, sessionId),
    revokeOthers: db.transaction((userId: string, keep: string | null, now: number) => {
      const ids = z.array(z.string()).parse(live.all(userId, keep, now));
      revokeOthers.run(now, userId, keep, now);
      return ids;
    }),
    purge: (before) => purge.run({ before }).changes,
  };
}
