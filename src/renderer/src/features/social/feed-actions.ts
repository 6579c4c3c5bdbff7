import type { ApiClient } from '../../api/api-client';
import type { ParamsIn } from '../../../../shared/contract';
import type { Post, UserRef } from '../../../../shared/social/social-types';
import { reportFailure, requireSignIn } from '../hub-connection/hub-actions';
import { signedInUserId } from '../hub-connection/hub-store';
import { askConfirm } from '../trading/confirm-store';
import * as r from './feed-reducers';
import { useFeeds } from './feed-store';
import { attempt, logActivity, toast, type Outcome } from './social-outcome';

const PAGE = 30;
const reduce = (fn: (d: r.FeedData) => r.FeedData): void => useFeeds.getState().reduce(fn);
/** Per feed, the latest request: an older answer arriving late is dropped. */
const requests = new Map<string, number>();
let requestSeq = 0;

/** Loads a feed's first page (replacing it), or with `more` its next page. Safe to call repeatedly. */
export async function loadFeed(api: ApiClient, spec: r.FeedSpec, { more = false }: { more?: boolean } = {}): Promise<void> {
  const key = r.feedKey(spec);
  const feed = useFeeds.getState().feeds[key] ?? r.IDLE_FEED;
  if (more && (feed.loadingMore || feed.status !== 'ready' || feed.nextCursor === null)) return;
  const id = ++requestSeq;
  requests.set(key, id);
  reduce((d) => r.startLoading(d, key, more));
  const res = await attempt(() => api.call('social.feed', { ...spec, limit: PAGE, ...(more && feed.nextCursor ? { cursor: feed.nextCursor } : {}) }));
  if (requests.get(key) !== id) return;
  if (res.ok) reduce((d) => r.applyPage(d, key, res.value, more));
  else reduce((d) => r.applyError(d, key, res.message, more));
}

/** Likes or unlikes a post (the count changes at once; the hub's answer corrects it). */
export async function toggleLike(api: ApiClient, post: Post): Promise<void> {
  if (!requireSignIn('to like posts')) return;
  const liked = !post.likedByMe;
  reduce((d) => r.patchPost(d, post.postId, { likedByMe: liked, likes: Math.max(0, post.likes + (liked ? 1 : -1)) }));
  const res = await attempt(() => api.call('social.like', { postId: post.postId, liked }));
  if (res.ok) reduce((d) => r.patchPost(d, post.postId, { likedByMe: res.value.likedByMe, likes: res.value.likes }));
  else {
    reduce((d) => r.patchPost(d, post.postId, { likedByMe: post.likedByMe, likes: post.likes }));
    reportFailure(res, liked ? 'Like' : 'Unlike');
  }
}

/** Posts; the post lands at the top of the trader's loaded feeds it belongs in. */
export async function createPost(api: ApiClient, params: ParamsIn<'social.post'>): Promise<Outcome<Post>> {
  const res = await attempt(() => api.call('social.post', params));
  if (!res.ok) {
    if (res.code === 'UNAUTHORIZED') reportFailure(res, 'Post');
    return res;
  }
  const post = res.value;
  // On top of the trader's own view too (trending), where they just wrote it.
  const keys = ['following', 'trending', ...post.cashtags.map((symbol) => r.feedKey({ tab: 'symbol', symbol })), r.feedKey({ tab: 'user', userId: post.author.userId }), ...(post.strategyId ? [r.feedKey({ tab: 'strategy', strategyId: post.strategyId })] : [])];
  reduce((d) => r.prependOwn(d, keys, post));
  logActivity('info', `Posted${post.idea ? ` a ${post.idea.side} idea on ${post.idea.symbol}` : ''}${post.imageId ? ' with a chart' : ''}`);
  return res;
}

/** Changes a post's text and idea (within 15 minutes of posting). */
export async function editPost(api: ApiClient, params: ParamsIn<'social.editPost'>): Promise<Outcome<Post>> {
  const res = await attempt(() => api.call('social.editPost', params));
  if (res.ok) reduce((d) => r.patchPost(d, res.value.postId, res.value));
  return res;
}

/** Deletes one of the trader's posts, after asking. */
export async function deletePost(api: ApiClient, post: Post): Promise<void> {
  const ok = await askConfirm({ title: 'Delete post', message: 'Delete this post with its comments and likes? This cannot be undone.', confirmLabel: 'Delete post', tone: 'danger' });
  if (!ok) return;
  const res = await attempt(() => api.call('social.deletePost', { postId: post.postId }));
  if (res.ok) {
    reduce((d) => r.removePosts(d, (p) => p.postId === post.postId));
    toast('info', 'Post deleted');
  } else reportFailure(res, 'Delete');
}

/** Reports a post to the hub's moderators with a reason. */
export async function reportPost(api: ApiClient, postId: string, reason: string): Promise<Outcome<{ ok: true }>> {
  const res = await attempt(() => api.call('social.report', { target: { kind: 'post', id: postId }, reason }));
  if (res.ok) toast('success', 'Reported to the moderators', 'Thank you. The post stays until they act on it.');
  return res;
}

/** Blocks a member after asking: their posts leave every feed, and they no longer see the trader's. */
export async function blockMember(api: ApiClient, who: UserRef): Promise<boolean> {
  if (!requireSignIn('to block members')) return false;
  const ok = await askConfirm({ title: `Block @${who.username}`, message: `Neither of you will see the other’s posts, comments or notifications. You can unblock ${who.displayName} from their profile.`, confirmLabel: 'Block', tone: 'danger' });
  if (!ok) return false;
  const res = await attempt(() => api.call('social.block', { userId: who.userId, blocked: true }));
  if (!res.ok) {
    reportFailure(res, 'Block');
    return false;
  }
  reduce((d) => r.removePosts(d, (p) => p.author.userId === who.userId));
  toast('info', `@${who.username} blocked`);
  return true;
}

/** Whether the signed-in member wrote the post and can still edit it. */
export function canEdit(post: Post, now: number, editWindowMs: number): boolean {
  return post.author.userId === signedInUserId() && now - post.createdAt < editWindowMs;
}

export const isMine = (post: Post): boolean => post.author.userId === signedInUserId();
