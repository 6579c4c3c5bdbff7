import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { SOCIAL_LIMITS } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { usePreferences } from '../preferences/preferences-store';
import { Avatar } from './Avatar';
import { useCoarseNow } from './coarse-now';
import { selectPost, useFeeds } from './feed-store';
import { useFeedView } from './feed-view-store';
import { PostCard } from './PostCard';
import { PostText } from './PostText';
import { openProfile } from './profile-store';
import { fullTime, relativeTime } from './relative-time';
import { addComment, loadThread } from './thread-actions';
import { useThread } from './thread-store';

/** A post with its comments, oldest first, and a box to comment. Esc or Back returns to the feed. */
export function ThreadView({ postId }: { postId: string }) {
  const api = useApi();
  const post = useFeeds(selectPost(postId));
  const thread = useThread();
  const now = useCoarseNow();
  const clock = usePreferences((s) => s.clock);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const close = useFeedView((s) => s.closeThread);

  useEffect(() => {
    void loadThread(api, postId);
  }, [api, postId]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) return setError('Write a comment first');
    setBusy(true);
    const res = await addComment(api, postId, text.trim());
    setBusy(false);
    if (res.ok) {
      setText('');
      setError(undefined);
    } else if (res.code !== 'UNAUTHORIZED') setError(res.fields?.text ?? res.message);
  };

  const mine = thread.postId === postId;
  return (
    <div
      className="thread"
      data-testid="thread"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement && e.target.value)) {
          e.preventDefault();
          close();
        }
      }}
    >
      <div className="thread-bar">
        <button type="button" className="button button-small" onClick={close} autoFocus>
          ← Back
        </button>
        <span className="toolbar-label">Thread</span>
      </div>
      <div className="thread-scroll">
        {mine && thread.stale ? <div className="stale-bar">Hub offline — showing the saved copy</div> : null}
        {post ? <PostCard post={post} inThread /> : <p className="feed-empty">{thread.status === 'error' ? thread.error : 'Loading…'}</p>}
        <ol className="comments" aria-label="Comments" data-testid="comments-list">
          {mine
            ? thread.comments.map((c) => (
                <li key={c.commentId} className="comment">
                  <Avatar user={c.author} size="sm" />
                  <div>
                    <div className="post-head">
                      <button type="button" className="link post-author" onClick={() => openProfile({ userId: c.author.userId })}>
                        {c.author.displayName}
                      </button>
                      <span className="post-handle">@{c.author.username}</span>
                      <span className="post-dot">·</span>
                      <time className="post-time" title={fullTime(c.createdAt, clock)}>
                        {relativeTime(c.createdAt, now, clock)}
                      </time>
                    </div>
                    <PostText text={c.text} />
                  </div>
                </li>
              ))
            : null}
        </ol>
        {mine && thread.status === 'ready' && thread.comments.length === 0 ? <p className="feed-empty">No comments yet.</p> : null}
        {mine && thread.nextCursor ? (
          <button type="button" className="button button-small" onClick={() => void loadThread(api, postId, { more: true })}>
            More comments
          </button>
        ) : null}
      </div>
      <form className="comment-box" onSubmit={(e) => void submit(e)} noValidate aria-label="Comment">
        <textarea
          className="field composer-text"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={SOCIAL_LIMITS.commentChars}
          placeholder="Write a comment…"
          aria-label="Comment text"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit(e);
            }
          }}
        />
        <FieldError text={error} />
        <div className="composer-actions">
          <span className="toolbar-spacer" />
          <span className="composer-count num">
            {text.length}/{SOCIAL_LIMITS.commentChars.toLocaleString('en-US')}
          </span>
          <button type="submit" className="button button-small button-primary" disabled={busy}>
            Comment
          </button>
        </div>
      </form>
    </div>
  );
}
