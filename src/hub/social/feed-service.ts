import { ApiError } from '../../shared/contract/errors';
import type { FeedPage, FeedQuery } from '../../shared/social/hub-methods';
import { decodeTimeCursor, decodeTrendingCursor, encodeTimeCursor, encodeTrendingCursor } from './cursors';
import type { PostsRepository } from './posts-repository';

/** The feed tabs: chronological (keyset on createdAt, postId) except trending (score as of the first page). */
export interface FeedService {
  get(q: FeedQuery, viewer: string | null, now: number): FeedPage;
}

export function createFeedService(posts: PostsRepository): FeedService {
  return {
    get(q, viewer, now) {
      const page = { viewer: viewer ?? '', limit: q.limit + 1 };
      if (q.tab === 'trending') {
        const after = q.cursor ? decodeTrendingCursor(q.cursor) : null;
        // Every page of one listing scores posts as of the same moment, so the order holds still.
        const asOf = after?.asOf ?? now;
        const found = posts.trending(page, asOf, after);
        const shown = found.slice(0, q.limit);
        const last = shown.at(-1);
        return { posts: shown.map((f) => f.post), nextCursor: found.length > q.limit && last ? encodeTrendingCursor({ asOf, score: last.score, id: last.post.postId }) : null };
      }
      const after = q.cursor ? decodeTimeCursor(q.cursor) : null;
      let found;
      switch (q.tab) {
        case 'following':
          if (!viewer) throw new ApiError('UNAUTHORIZED', 'Sign in to see the posts of the people and strategies you follow');
          found = posts.following(page, after);
          break;
        case 'user':
          found = posts.byAuthor(q.userId!, page, after);
          break;
        case 'strategy':
          found = posts.byStrategy(q.strategyId!, page, after);
          break;
        case 'symbol':
          found = posts.bySymbol(q.symbol!, page, after);
          break;
      }
      const shown = found.slice(0, q.limit);
      const last = shown.at(-1);
      return { posts: shown, nextCursor: found.length > q.limit && last ? encodeTimeCursor({ at: last.createdAt, id: last.postId }) : null };
    },
  };
}
