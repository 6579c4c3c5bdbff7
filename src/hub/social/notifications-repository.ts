import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Notification } from '../../shared/social/social-types';

export type NotificationKind = Notification['kind'];

export interface NewNotification {
  notificationId: string;
  userId: string;
  kind: NotificationKind;
  actorId: string;
  postId: string | null;
  commentId: string | null;
  strategyId: string | null;
  excerpt: string | null;
  createdAt: number;
}

const rowSchema = z.object({
  seq: z.int(),
  notification_id: z.string(),
  kind: z.enum(['like', 'comment', 'mention', 'follow', 'strategy_follow']),
  actor_id: z.string(),
  post_id: z.string().nullable(),
  strategy_id: z.string().nullable(),
  excerpt: z.string().nullable(),
  created_at: z.int(),
  read: z.union([z.literal(0), z.literal(1)]),
  username: z.string(),
  display_name: z.string(),
  avatar_color: z.string(),
});

const toNotification = (row: unknown): Notification & { seq: number } => {
  const r = rowSchema.parse(row);
  return {
    seq: r.seq,
    notificationId: r.notification_id,
    kind: r.kind,
    actor: { userId: r.actor_id, username: r.username, displayName: r.display_name, avatarColor: r.avatar_color },
    postId: r.post_id,
    strategyId: r.strategy_id,
    excerpt: r.excerpt,
    createdAt: r.created_at,
    read: r.read === 1,
  };
};

export interface NotificationsRepository {
  insert(n: NewNotification): Notification;
  /** Whether the actor already caused this notification (a like, unliked and liked again, notifies once). */
  exists(n: Pick<NewNotification, 'userId' | 'kind' | 'actorId' | 'postId' | 'strategyId'>): boolean;
  /** Newest first, before `beforeSeq`, without actors blocked either way. */
  page(userId: string, beforeSeq: number | null, limit: number): Array<Notification & { seq: number }>;
  unread(userId: string): number;
  /** Marks read up to and including the notification (all when null); false when it is not the member's. */
  markRead(userId: string, upTo: string | null): boolean;
}

export function createNotificationsRepository(db: Database): NotificationsRepository {
  const columns = 'n.seq, n.notification_id, n.kind, n.actor_id, n.post_id, n.strategy_id, n.excerpt, n.created_at, n.read, u.username, u.display_name, u.avatar_color';
  const notBlocked = `
    NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = n.user_id AND b.blocked_id = n.actor_id)
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = n.actor_id AND b.blocked_id = n.user_id)`;
  const insert = db.prepare(
    `INSERT INTO notifications (notification_id, user_id, kind, actor_id, post_id, comment_id, strategy_id, excerpt, created_at)
     VALUES (@notificationId, @userId, @kind, @actorId, @postId, @commentId, @strategyId, @excerpt, @createdAt)`,
  );
  const byId = db.prepare(`SELECT ${columns} FROM notifications n JOIN users u ON u.user_id = n.actor_id WHERE n.notification_id = ?`);
  const exists = db.prepare('SELECT 1 FROM notifications WHERE user_id = @userId AND kind = @kind AND actor_id = @actorId AND post_id IS @postId AND strategy_id IS @strategyId LIMIT 1').pluck();
  const page = db.prepare(`
    SELECT ${columns} FROM notifications n JOIN users u ON u.user_id = n.actor_id
    WHERE n.user_id = @userId AND n.seq < @before AND ${notBlocked}
    ORDER BY n.seq DESC LIMIT @limit`);
  const unread = db.prepare(`SELECT COUNT(*) FROM notifications n WHERE n.user_id = ? AND n.read = 0 AND ${notBlocked}`).pluck();
  const seqOf = db.prepare('SELECT seq FROM notifications WHERE notification_id = ? AND user_id = ?').pluck();
  const markRead = db.prepare('UPDATE notifications SET read = 1 WHERE user_id = ? AND read = 0 AND seq <= ?');
  return {
    insert(n) {
      insert.run(n);
      const { seq: _seq, ...notification } = toNotification(byId.get(n.notificationId));
      return notification;
    },
    exists: (n) => exists.get(n) !== undefined,
    page: (userId, beforeSeq, limit) => page.all({ userId, before: beforeSeq ?? Number.MAX_SAFE_INTEGER, limit }).map(toNotification),
    unread: (userId) => z.int().parse(unread.get(userId)),
    markRead(userId, upTo) {
      let seq = Number.MAX_SAFE_INTEGER;
      if (upTo !== null) {
        const found = seqOf.get(upTo, userId);
        if (found === undefined) return false;
        seq = z.int().parse(found);
      }
      markRead.run(userId, seq);
      return true;
    },
  };
}
