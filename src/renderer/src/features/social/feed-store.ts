import { create } from 'zustand';
import type { Post } from '../../../../shared/social/social-types';
import * as r from './feed-reducers';

interface FeedStore extends r.FeedData {
  reduce(fn: (d: r.FeedData) => r.FeedData): void;
  /** Forgets every feed (after signing in or out, likes and blocks differ): panels load again. */
  reset(): void;
}

/** Every feed the panels show (following, trending, a $SYMBOL, a strategy's, a member's) over one map of posts. */
export const useFeeds = create<FeedStore>()((set, get) => ({
  ...r.EMPTY_FEEDS,
  reduce(fn) {
    const s = get();
    const next = fn({ posts: s.posts, feeds: s.feeds });
    if (next.posts !== s.posts || next.feeds !== s.feeds) set(next);
  },
  reset: () => set(r.EMPTY_FEEDS),
}));

/** A feed's state (idle until first loaded). */
export const selectFeed = (key: string) => (s: r.FeedData): r.FeedList => s.feeds[key] ?? r.IDLE_FEED;
export const selectPost = (postId: string) => (s: r.FeedData): Post | undefined => s.posts[postId];
