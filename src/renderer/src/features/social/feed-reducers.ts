import type { FeedTab } from '../../../../shared/social/hub-methods';
import type { Post } from '../../../../shared/social/social-types';

/** Which feed: a tab, and for symbol/strategy/user tabs whose. */
export interface FeedSpec {
  tab: FeedTab;
  symbol?: string;
  strategyId?: string;
  userId?: string;
}

/** One feed as loaded: post ids in order, the cursor of the next page, and how it was served. */
export interface FeedList {
  ids: string[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: string | null;
  /** Served from the local cache because the hub could not be reached. */
  stale: boolean;
  fetchedAt: number | null;
  /** Posts pushed live, held above the list until the trader shows them ("N new posts"). */
  arrived: string[];
}

/** Posts by id (one copy, shared by every feed showing them) and the feeds. */
export interface FeedData {
  posts: Readonly<Record<string, Post>>;
  feeds: Readonly<Record<string, FeedList>>;
}

export const EMPTY_FEEDS: FeedData = { posts: {}, feeds: {} };
export const IDLE_FEED: FeedList = { ids: [], nextCursor: null, status: 'idle', loadingMore: false, error: null, stale: false, fetchedAt: null, arrived: [] };

/** The store key of a feed: `following`, `symbol:BTC`, `strategy:s_…`. */
export function feedKey(spec: FeedSpec): string {
  switch (spec.tab) {
    case 'symbol':
      return `symbol:${(spec.symbol ?? '').replace(/^\$/, '').toUpperCase()}`;
    case 'strategy':
      return `strategy:${spec.strategyId ?? ''}`;
    case 'user':
      return `user:${spec.userId ?? ''}`;
    default:
      return spec.tab;
  }
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
const feedOf = (d: FeedData, key: string): FeedList => d.feeds[key] ?? IDLE_FEED;
const withFeed = (d: FeedData, key: string, feed: FeedList): FeedData => ({ ...d, feeds: { ...d.feeds, [key]: feed } });
const withPosts = (d: FeedData, posts: readonly Post[]): Readonly<Record<string, Post>> => {
  if (posts.length === 0) return d.posts;
  const next = { ...d.posts };
  for (const p of posts) next[p.postId] = p;
  return next;
};

/** A feed starts (or restarts) loading its first page, or its next one. */
export function startLoading(d: FeedData, key: string, more: boolean): FeedData {
  const feed = feedOf(d, key);
  return withFeed(d, key, more ? { ...feed, loadingMore: true } : { ...feed, status: 'loading', error: null });
}

/** A page arrived: the first one replaces the list, a later one is appended (without repeats). */
export function applyPage(d: FeedData, key: string, page: { posts: readonly Post[]; nextCursor: string | null; stale: boolean; fetchedAt: number }, more: boolean): FeedData {
  const feed = feedOf(d, key);
  const pageIds = page.posts.map((p) => p.postId);
  const ids = more ? unique([...feed.ids, ...pageIds]) : unique(pageIds);
  const shown = new Set(ids);
  return {
    posts: withPosts(d, page.posts),
    feeds: {
      ...d.feeds,
      [key]: { ...feed, ids, nextCursor: page.nextCursor, status: 'ready', loadingMore: false, error: null, stale: page.stale, fetchedAt: page.fetchedAt, arrived: feed.arrived.filter((id) => !shown.has(id)) },
    },
  };
}

/** Loading failed: the list keeps what it had. */
export function applyError(d: FeedData, key: string, error: string, more: boolean): FeedData {
  const feed = feedOf(d, key);
  return withFeed(d, key, more ? { ...feed, loadingMore: false } : { ...feed, status: 'error', error, loadingMore: false });
}

/** A post pushed live for a feed: held as "new" unless the feed already shows it (then only updated). */
export function applyArrived(d: FeedData, key: string, post: Post): FeedData {
  const feed = feedOf(d, key);
  const posts = withPosts(d, [post]);
  if (feed.status !== 'ready' || feed.ids.includes(post.postId) || feed.arrived.includes(post.postId)) return { ...d, posts };
  return { posts, feeds: { ...d.feeds, [key]: { ...feed, arrived: [post.postId, ...feed.arrived] } } };
}

/** Shows the held posts at the top of the feed. */
export function showArrived(d: FeedData, key: string): FeedData {
  const feed = feedOf(d, key);
  if (feed.arrived.length === 0) return d;
  return withFeed(d, key, { ...feed, ids: unique([...feed.arrived, ...feed.ids]), arrived: [] });
}

/** The trader's own new post: at the top of the feeds it belongs in that are loaded. */
export function prependOwn(d: FeedData, keys: readonly string[], post: Post): FeedData {
  let feeds = d.feeds;
  for (const key of keys) {
    const feed = feeds[key];
    if (!feed || feed.status !== 'ready') continue;
    feeds = { ...feeds, [key]: { ...feed, ids: unique([post.postId, ...feed.ids]) } };
  }
  return { posts: withPosts(d, [post]), feeds };
}

/** A post changed (liked, edited, commented on): every feed shows the new copy. */
export function patchPost(d: FeedData, postId: string, patch: Partial<Post>): FeedData {
  const post = d.posts[postId];
  if (!post) return d;
  return { ...d, posts: { ...d.posts, [postId]: { ...post, ...patch } } };
}

/** Posts gone from every feed: deleted, or by someone the trader blocked. */
export function removePosts(d: FeedData, gone: (post: Post) => boolean): FeedData {
  const removed = new Set(Object.values(d.posts).filter(gone).map((p) => p.postId));
  if (removed.size === 0) return d;
  const posts = Object.fromEntries(Object.entries(d.posts).filter(([id]) => !removed.has(id)));
  const feeds = Object.fromEntries(Object.entries(d.feeds).map(([k, f]) => [k, { ...f, ids: f.ids.filter((id) => !removed.has(id)), arrived: f.arrived.filter((id) => !removed.has(id)) }]));
  return { posts, feeds };
}
