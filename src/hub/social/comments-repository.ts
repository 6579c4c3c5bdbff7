import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Comment } from '../../shared/social/social-types';
import type { TimeCursor } from './cursors';

const commentRowSchema = z.object({
  comment_id: z.string(),
  post_id: z.string(),
  author_id: z.string(),
  text: z.string(),
  created_at: z.int(),
  username: z.string(),
  display_name: z.string(),
  avatar_color: z.string(),
});

const toComment = (row: unknown): Comment => {
  const r = commentRowSchema.parse(row);
  return {
    commentId: r.comment_id,
    postId: r.post_id,
    author: { userId: r.author_id, username: r.username, displayName: r.display_name, avatarColor: r.avatar_color },
    text: r.text,
    createdAt: r.created_at,
  };
};

export interface CommentsRepository {
  insert(c: { commentId: string; postId: string; authorId: string; text: string; createdAt: number }): void;
  get(commentId: string): Comment | undefined;
  delete(commentId: string): void;
  /** Oldest first after the cursor, without those of members blocked either way by the viewer. */
  page(postId: string, viewer: string, after: TimeCursor | null, limit: number): Comment[];
}

export function createCommentsRepository(db: Database): CommentsRepository {
  const columns = 'c.comment_id, c.post_id, c.author_id, c.text, c.created_at, u.username, u.display_name, u.avatar_color';
  const insert = db.prepare('INSERT INTO comments (comment_id, post_id, author_id, text, created_at) VALUES (@commentId, @postId, @authorId, @text, @createdAt)');
  const get = db.prepare(`SELECT ${columns} FROM comments c JOIN users u ON u.user_id = c.author_id WHERE c.comment_id = ?`);
  const remove = db.prepare('DELETE FROM comments WHERE comment_id = ?');
  const page = db.prepare(`
    SELECT ${columns} FROM comments c JOIN users u ON u.user_id = c.author_id
    WHERE c.post_id = @postId AND (c.created_at, c.comment_id) > (@at, @id)
      AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = @viewer AND b.blocked_id = c.author_id)
      AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = c.author_id AND b.blocked_id = @viewer)
    ORDER BY c.created_at, c.comment_id LIMIT @limit`);
  return {
    insert: (c) => void insert.run(c),
    get: (commentId) => {
      const row = get.get(commentId);
      return row === undefined ? undefined : toComment(row);
    },
    delete: (commentId) => void remove.run(commentId),
    page: (postId, viewer, after, limit) => page.all({ postId, viewer, at: after?.at ?? -1, id: after?.id ?? '', limit }).map(toComment),
  };
}
