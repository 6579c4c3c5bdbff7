import { describe, expect, it } from 'vitest';
import type { Post } from '../../../../src/shared/social/social-types';
import * as r from '../../../../src/renderer/src/features/social/feed-reducers';

const author = { userId: 'u_author1', username: 'ann', displayName: 'Ann', avatarColor: '#f0b429' };
const post = (n: number, over: Partial<Post> = {}): Post => ({
  postId: `p_post${String(n).padStart(4, '0')}`,
  author,
  text: `post ${n}`,
  cashtags: [],
  mentions: [],
  idea: null,
  imageId: null,
  strategyId: null,
  createdAt: 1_700_000_000_000 + n,
  editedAt: null,
  likes: 0,
  comments: 0,
  likedByMe: false,
  ...over,
});
const page = (posts: Post[], nextCursor: string | null = null) => ({ posts, nextCursor, stale: false, fetchedAt: 1 });
const ids = (d: r.FeedData, key: string): string[] => d.feeds[key]!.ids;

describe('feed keys', () => {
  it('names a feed by its tab and subject, cashtags without $ and upper-cased', () => {
    expect(r.feedKey({ tab: 'trending' })).toBe('trending');
    expect(r.feedKey({ tab: 'symbol', symbol: '$btc' })).toBe('symbol:BTC');
    expect(r.feedKey({ tab: 'strategy', strategyId: 's_abc' })).toBe('strategy:s_abc');
    expect(r.feedKey({ tab: 'user', userId: 'u_x' })).toBe('user:u_x');
  });
});

describe('feed pages', () => {
  it('replaces the list with a first page and appends later ones without repeats', () => {
    let d = r.startLoading(r.EMPTY_FEEDS, 'trending', false);
    expect(d.feeds.trending!.status).toBe('loading');
    d = r.applyPage(d, 'trending', page([post(3), post(2)], 'c1'), false);
    d = r.applyPage(d, 'trending', page([post(2), post(1)], null), true);
    expect(ids(d, 'trending')).toEqual([post(3).postId, post(2).postId, post(1).postId]);
    expect(d.feeds.trending!.nextCursor).toBeNull();
    d = r.applyPage(d, 'trending', page([post(9)]), false);
    expect(ids(d, 'trending')).toEqual([post(9).postId]);
  });

  it('keeps what it had when the next page fails, and reports a failed first page', () => {
    let d = r.applyPage(r.EMPTY_FEEDS, 'trending', page([post(1)], 'c'), false);
    d = r.applyError(r.startLoading(d, 'trending', true), 'trending', 'hub down', true);
    expect(ids(d, 'trending')).toEqual([post(1).postId]);
    expect(d.feeds.trending!.status).toBe('ready');
    expect(d.feeds.trending!.loadingMore).toBe(false);
    const failed = r.applyError(r.startLoading(r.EMPTY_FEEDS, 'x', false), 'x', 'hub down', false);
    expect(failed.feeds.x).toMatchObject({ status: 'error', error: 'hub down' });
  });

  it('marks a page served from the local cache as stale', () => {
    const d = r.applyPage(r.EMPTY_FEEDS, 'following', { ...page([post(1)]), stale: true, fetchedAt: 42 }, false);
    expect(d.feeds.following).toMatchObject({ stale: true, fetchedAt: 42 });
  });
});

describe('live posts', () => {
  it('holds pushed posts as new until shown, then puts them on top', () => {
    let d = r.applyPage(r.EMPTY_FEEDS, 'following', page([post(1)]), false);
    d = r.applyArrived(d, 'following', post(2));
    d = r.applyArrived(d, 'following', post(3));
    d = r.applyArrived(d, 'following', post(3));
    expect(ids(d, 'following')).toEqual([post(1).postId]);
    expect(d.feeds.following!.arrived).toEqual([post(3).postId, post(2).postId]);
    d = r.showArrived(d, 'following');
    expect(ids(d, 'following')).toEqual([post(3).postId, post(2).postId, post(1).postId]);
    expect(d.feeds.following!.arrived).toEqual([]);
  });

  it('only updates a pushed post the feed already shows, and holds nothing for a feed not loaded', () => {
    let d = r.applyPage(r.EMPTY_FEEDS, 'following', page([post(1)]), false);
    d = r.applyArrived(d, 'following', post(1, { likes: 5 }));
    expect(d.feeds.following!.arrived).toEqual([]);
    expect(d.posts[post(1).postId]!.likes).toBe(5);
    expect(r.applyArrived(r.EMPTY_FEEDS, 'following', post(2)).feeds.following).toBeUndefined();
  });

  it('puts the trader’s own post on top of the loaded feeds it belongs in', () => {
    let d = r.applyPage(r.EMPTY_FEEDS, 'following', page([post(1)]), false);
    d = r.prependOwn(d, ['following', 'symbol:BTC'], post(2));
    expect(ids(d, 'following')).toEqual([post(2).postId, post(1).postId]);
    expect(d.feeds['symbol:BTC']).toBeUndefined();
  });
});

describe('changes to posts', () => {
  it('patches one copy that every feed shows', () => {
    let d = r.applyPage(r.EMPTY_FEEDS, 'a', page([post(1)]), false);
    d = r.applyPage(d, 'b', page([post(1)]), false);
    d = r.patchPost(d, post(1).postId, { likes: 3, likedByMe: true });
    expect(d.posts[post(1).postId]).toMatchObject({ likes: 3, likedByMe: true });
    expect(r.patchPost(d, 'p_missing00', { likes: 1 })).toBe(d);
  });

  it('removes posts from every feed (a delete, a blocked author)', () => {
    const other = { ...author, userId: 'u_other01' };
    let d = r.applyPage(r.EMPTY_FEEDS, 'a', page([post(1), post(2, { author: other })]), false);
    d = r.applyArrived(d, 'a', post(3, { author: other }));
    d = r.removePosts(d, (p) => p.author.userId === other.userId);
    expect(ids(d, 'a')).toEqual([post(1).postId]);
    expect(d.feeds.a!.arrived).toEqual([]);
    expect(Object.keys(d.posts)).toEqual([post(1).postId]);
  });
});
