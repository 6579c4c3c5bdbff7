import type { ConnectionRegistry } from '../rpc/connection-registry';
import { randomId } from '../ids/random-id';
import type { RelationsRepository } from './relations-repository';
import type { NotificationKind, NotificationsRepository } from './notifications-repository';

/** How much of a post or comment a notification quotes. */
export const EXCERPT_CHARS = 140;

export function excerpt(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`;
}

/** Kinds a repeated action raises once: liking, unliking and liking again notifies once. */
const ONCE: ReadonlySet<NotificationKind> = new Set(['like', 'follow', 'strategy_follow']);

export interface Notifier {
  /** Records a notification for `userId` about `actorId`, and pushes it to the member's live connections. */
  notify(n: { kind: NotificationKind; userId: string; actorId: string; postId?: string; commentId?: string; strategyId?: string; excerpt?: string; now: number }): void;
}

/** Never to yourself, never across a block either way. */
export function createNotifier(deps: { notifications: NotificationsRepository; relations: RelationsRepository; registry: ConnectionRegistry }): Notifier {
  const { notifications, relations, registry } = deps;
  return {
    notify(n) {
      if (n.userId === n.actorId || relations.blockedEitherWay(n.userId, n.actorId)) return;
      const key = { userId: n.userId, kind: n.kind, actorId: n.actorId, postId: n.postId ?? null, strategyId: n.strategyId ?? null };
      if (ONCE.has(n.kind) && notifications.exists(key)) return;
      const notification = notifications.insert({
        ...key,
        notificationId: randomId('n'),
        commentId: n.commentId ?? null,
        excerpt: n.excerpt === undefined ? null : excerpt(n.excerpt),
        createdAt: n.now,
      });
      registry.pushToUser(n.userId, 'notification.new', { notification, unread: notifications.unread(n.userId) });
    },
  };
}
