import { ApiError } from '../../shared/contract/errors';
import type { Comment, Post, TradeIdea } from '../../shared/social/social-types';
import { parseTags, SOCIAL_LIMITS } from '../../shared/social/social-types';
import type { UsersRepository } from '../accounts/users-repository';
import { randomId } from '../ids/random-id';
import type { ConnectionRegistry } from '../rpc/connection-registry';
import { createPush } from '../rpc/push';
import type { StrategiesRepository } from '../streams/strategies-repository';
import type { CommentsRepository } from './comments-repository';
import { decodeTimeCursor, encodeTimeCursor } from './cursors';
import { decodeImageDataUrl, encodeImageDataUrl } from './image-data-url';
import type { Notifier } from './notifier';
import type { PostsRepository } from './posts-repository';
import type { RelationsRepository } from './relations-repository';
import type { ReportsRepository } from './reports-repository';

export interface PostServiceOptions {
  users: UsersRepository;
  posts: PostsRepository;
  comments: CommentsRepository;
  relations: RelationsRepository;
  reports: ReportsRepository;
  strategies: StrategiesRepository;
  notifier: Notifier;
  registry: ConnectionRegistry;
}

/** Posts, their comments, likes and reports. */
export interface PostService {
  create(authorId: string, p: { text: string; idea?: TradeIdea | undefined; image?: string | undefined; strategyId?: string | undefined }, now: number): Post;
  edit(userId: string, p: { postId: string; text: string; idea?: TradeIdea | null | undefined }, now: number): Post;
  delete(userId: string, postId: string): void;
  thread(viewer: string | null, p: { postId: string; cursor?: string | undefined; limit: number }): { post: Post; comments: Comment[]; nextCursor: string | null };
  image(viewer: string | null, imageId: string): string;
  comment(authorId: string, p: { postId: string; text: string }, now: number): Comment;
  deleteComment(userId: string, commentId: string): void;
  like(userId: string, postId: string, liked: boolean, now: number): { postId: string; likes: number; likedByMe: boolean };
  report(userId: string, target: { kind: 'post' | 'comment'; id: string }, reason: string, now: number): void;
}

const postNotFound = (postId: string): ApiError => new ApiError('NOT_FOUND', `Post ${postId} does not exist or was deleted`);

export function createPostService(options: PostServiceOptions): PostService {
  const { users, posts, comments, relations, reports, strategies, notifier, registry } = options;

  const visible = (postId: string, viewer: string | null): Post => {
    const post = posts.view(postId, viewer ?? '');
    if (!post) throw postNotFound(postId);
    return post;
  };

  const notifyMentions = (actorId: string, usernames: readonly string[], skip: ReadonlySet<string>, about: { postId: string; commentId?: string; text: string }, now: number): void => {
    for (const user of users.byUsernames(usernames)) {
      if (skip.has(user.user_id)) continue;
      notifier.notify({ kind: 'mention', userId: user.user_id, actorId, postId: about.postId, ...(about.commentId ? { commentId: about.commentId } : {}), excerpt: about.text, now });
    }
  };

  /** `feed.post` to the live connections of the author's followers (and of the strategy's, when the author owns it). */
  const pushToFollowers = (post: Post): void => {
    const recipients = new Set(relations.followersOf(post.author.userId));
    if (post.strategyId && strategies.row(post.strategyId)?.owner_id === post.author.userId) {
      for (const id of relations.strategyFollowersOf(post.strategyId)) recipients.add(id);
    }
    recipients.delete(post.author.userId);
    const online = [...recipients].filter((id) => registry.isOnline(id) && !relations.blockedEitherWay(id, post.author.userId));
    if (online.length > 0) registry.pushToUsers(online, createPush('feed.post', { post: { ...post, likedByMe: false } }));
  };

  return {
    create(authorId, p, now) {
      if (p.strategyId && !strategies.row(p.strategyId)) throw new ApiError('NOT_FOUND', `Strategy ${p.strategyId} is not on this hub`);
      const image = p.image === undefined ? null : { ...decodeImageDataUrl(p.image), imageId: randomId('i') };
      const { cashtags, mentions } = parseTags(p.text);
      const postId = randomId('p');
      posts.insert({ postId, authorId, text: p.text, cashtags, mentions, idea: p.idea ?? null, image, strategyId: p.strategyId ?? null, createdAt: now });
      notifyMentions(authorId, mentions, new Set([authorId]), { postId, text: p.text }, now);
      const post = posts.view(postId, authorId)!;
      pushToFollowers(post);
      return post;
    },
    edit(userId, p, now) {
      const owner = posts.owner(p.postId);
      if (!owner) throw postNotFound(p.postId);
      if (owner.author_id !== userId) throw new ApiError('UNAUTHORIZED', 'You can edit only your own posts');
      if (now - owner.created_at > SOCIAL_LIMITS.editWindowMs) throw new ApiError('CONFLICT', `This post can no longer be edited: posts can be edited for ${SOCIAL_LIMITS.editWindowMs / 60_000} minutes after posting`);
      const { cashtags, mentions } = parseTags(p.text);
      posts.edit(p.postId, { text: p.text, cashtags, mentions, idea: p.idea, editedAt: now });
      // Only people newly mentioned by the edit are told.
      const before = new Set<string>(JSON.parse(owner.mentions) as string[]);
      notifyMentions(userId, mentions.filter((m) => !before.has(m)), new Set([userId]), { postId: p.postId, text: p.text }, now);
      return posts.view(p.postId, userId)!;
    },
    delete(userId, postId) {
      const owner = posts.owner(postId);
      if (!owner) throw postNotFound(postId);
      if (owner.author_id !== userId) throw new ApiError('UNAUTHORIZED', 'You can delete only your own posts');
      posts.delete(postId);
    },
    thread(viewer, p) {
      const post = visible(p.postId, viewer);
      const page = comments.page(p.postId, viewer ?? '', p.cursor ? decodeTimeCursor(p.cursor) : null, p.limit + 1);
      const more = page.length > p.limit;
      const shown = page.slice(0, p.limit);
      const last = shown.at(-1);
      return { post, comments: shown, nextCursor: more && last ? encodeTimeCursor({ at: last.createdAt, id: last.commentId }) : null };
    },
    image(viewer, imageId) {
      const image = posts.image(imageId);
      if (!image || (viewer && relations.blockedEitherWay(viewer, image.authorId))) throw new ApiError('NOT_FOUND', `Image ${imageId} does not exist or was deleted`);
      return encodeImageDataUrl(image);
    },
    comment(authorId, p, now) {
      const post = visible(p.postId, authorId);
      const commentId = randomId('c');
      comments.insert({ commentId, postId: p.postId, authorId, text: p.text, createdAt: now });
      notifier.notify({ kind: 'comment', userId: post.author.userId, actorId: authorId, postId: p.postId, commentId, excerpt: p.text, now });
      notifyMentions(authorId, parseTags(p.text).mentions, new Set([authorId, post.author.userId]), { postId: p.postId, commentId, text: p.text }, now);
      return comments.get(commentId)!;
    },
    deleteComment(userId, commentId) {
      const comment = comments.get(commentId);
      if (!comment) throw new ApiError('NOT_FOUND', `Comment ${commentId} does not exist or was deleted`);
      if (comment.author.userId !== userId) throw new ApiError('UNAUTHORIZED', 'You can delete only your own comments');
      comments.delete(commentId);
    },
    like(userId, postId, liked, now) {
      const post = visible(postId, userId);
      const { changed, likes } = posts.setLike(postId, userId, liked, now);
      if (changed && liked) notifier.notify({ kind: 'like', userId: post.author.userId, actorId: userId, postId, excerpt: post.text, now });
      return { postId, likes, likedByMe: liked };
    },
    report(userId, target, reason, now) {
      if (target.kind === 'post') visible(target.id, userId);
      else {
        const comment = comments.get(target.id);
        if (!comment || relations.blockedEitherWay(userId, comment.author.userId)) throw new ApiError('NOT_FOUND', `Comment ${target.id} does not exist or was deleted`);
        visible(comment.postId, userId);
      }
      reports.insert({ reporterId: userId, targetKind: target.kind, targetId: target.id, reason, createdAt: now });
    },
  };
}
