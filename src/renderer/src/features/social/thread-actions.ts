import type { ApiClient } from '../../api/api-client';
import { requireSignIn } from '../hub-connection/hub-actions';
import * as r from './feed-reducers';
import { useFeeds } from './feed-store';
import { attempt, type Outcome } from './social-outcome';
import { useThread } from './thread-store';
import type { Comment } from '../../../../shared/social/social-types';

/** Loads a post with its comments (the first page, or with `more` the next one). */
export async function loadThread(api: ApiClient, postId: string, { more = false }: { more?: boolean } = {}): Promise<void> {
  const t = useThread.getState();
  if (more && (t.postId !== postId || t.nextCursor === null)) return;
  if (!more) useThread.setState({ postId, comments: [], nextCursor: null, status: 'loading', error: null, stale: false });
  const res = await attempt(() => api.call('social.thread', { postId, ...(more && t.nextCursor ? { cursor: t.nextCursor } : {}) }));
  if (useThread.getState().postId !== postId) return;
  if (!res.ok) {
    useThread.setState({ status: 'error', error: res.message });
    return;
  }
  const { post, comments, nextCursor, stale } = res.value;
  // The thread's copy of the post is the freshest (likes, comment count): every feed shows it.
  useFeeds.getState().reduce((d) => ({ ...d, posts: { ...d.posts, [post.postId]: post } }));
  useThread.setState((s) => ({ comments: more ? [...s.comments, ...comments] : comments, nextCursor, stale, status: 'ready' }));
}

/** Comments on a post; the comment appears at the end of the thread and the post's count goes up. */
export async function addComment(api: ApiClient, postId: string, text: string): Promise<Outcome<Comment>> {
  if (!requireSignIn('to comment')) return { ok: false, code: 'UNAUTHORIZED', fields: null, message: 'Sign in to comment' };
  const res = await attempt(() => api.call('social.comment', { postId, text }));
  if (!res.ok) return res;
  const comment = res.value;
  if (useThread.getState().postId === postId) useThread.setState((s) => ({ comments: s.comments.some((c) => c.commentId === comment.commentId) ? s.comments : [...s.comments, comment] }));
  const post = useFeeds.getState().posts[postId];
  if (post) useFeeds.getState().reduce((d) => r.patchPost(d, postId, { comments: post.comments + 1 }));
  return res;
}
