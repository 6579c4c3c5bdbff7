import { ApiError } from '../../shared/contract/errors';
import type { HubHandlers } from '../rpc/hub-handlers';
import { decodeSeqCursor, encodeSeqCursor } from './cursors';
import type { FeedService } from './feed-service';
import type { NotificationsRepository } from './notifications-repository';
import type { PostService } from './post-service';
import type { RelationsService } from './relations-service';

export type SocialHandlers = Pick<
  HubHandlers,
  | 'follows.set'
  | 'posts.create'
  | 'posts.edit'
  | 'posts.delete'
  | 'posts.get'
  | 'posts.image'
  | 'comments.create'
  | 'comments.delete'
  | 'likes.set'
  | 'feed.get'
  | 'notifications.list'
  | 'notifications.markRead'
  | 'reports.create'
>;

export function createSocialHandlers(deps: { posts: PostService; feed: FeedService; relations: RelationsService; notifications: NotificationsRepository }): SocialHandlers {
  const { posts, feed, relations, notifications } = deps;
  return {
    'follows.set': (p, c) => relations.follow(c.member(), p.target, p.follow, c.now),
    'posts.create': (p, c) => posts.create(c.member(), p, c.now),
    'posts.edit': (p, c) => posts.edit(c.member(), p, c.now),
    'posts.delete': (p, c) => {
      posts.delete(c.member(), p.postId);
      return { ok: true };
    },
    'posts.get': (p, c) => posts.thread(c.userId, p),
    'posts.image': (p, c) => ({ dataUrl: posts.image(c.userId, p.imageId) }),
    'comments.create': (p, c) => posts.comment(c.member(), p, c.now),
    'comments.delete': (p, c) => {
      posts.deleteComment(c.member(), p.commentId);
      return { ok: true };
    },
    'likes.set': (p, c) => posts.like(c.member(), p.postId, p.liked, c.now),
    'feed.get': (p, c) => feed.get(p, c.userId, c.now),
    'notifications.list': (p, c) => {
      const userId = c.member();
      const page = notifications.page(userId, p.cursor ? decodeSeqCursor(p.cursor) : null, p.limit + 1);
      const shown = page.slice(0, p.limit);
      const last = shown.at(-1);
      return {
        notifications: shown.map(({ seq: _seq, ...n }) => n),
        unread: notifications.unread(userId),
        nextCursor: page.length > p.limit && last ? encodeSeqCursor(last.seq) : null,
      };
    },
    'notifications.markRead': (p, c) => {
      const userId = c.member();
      if (!notifications.markRead(userId, p.upTo ?? null)) throw new ApiError('NOT_FOUND', `Notification ${p.upTo} is not one of yours`);
      return { unread: notifications.unread(userId) };
    },
    'reports.create': (p, c) => {
      posts.report(c.member(), p.target, p.reason, c.now);
      return { ok: true };
    },
  };
}
