import { memo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { SOCIAL_LIMITS, type Post } from '../../../../shared/social/social-types';
import { usePreferences } from '../preferences/preferences-store';
import { openStrategy } from '../strategy/strategy-view-store';
import { Avatar } from './Avatar';
import { useCoarseNow } from './coarse-now';
import { blockMember, canEdit, deletePost, isMine, toggleLike } from './feed-actions';
import { openThread } from './feed-view-store';
import { ChartIcon, CommentIcon, HeartIcon } from './icons';
import { PostEditor } from './PostEditor';
import { PostImage } from './PostImage';
import { PostMenu, type MenuItem } from './PostMenu';
import { PostText } from './PostText';
import { openProfile } from './profile-store';
import { fullTime, relativeTime } from './relative-time';
import { ReportForm } from './ReportForm';
import { TradeIdeaBox } from './TradeIdeaBox';
import './social.css';

/** One post: author, time, text with links, trade idea, chart, likes and comments, and its menu. */
export const PostCard = memo(function PostCard({ post, inThread = false }: { post: Post; inThread?: boolean }) {
  const api = useApi();
  const now = useCoarseNow();
  const clock = usePreferences((s) => s.clock);
  const [mode, setMode] = useState<'view' | 'menu' | 'edit' | 'report'>('view');
  const mine = isMine(post);
  const menu: MenuItem[] = mine
    ? [...(canEdit(post, now, SOCIAL_LIMITS.editWindowMs) ? [{ label: 'Edit', run: () => setMode('edit') }] : []), { label: 'Delete', danger: true, run: () => void deletePost(api, post) }]
    : [
        { label: `Profile of @${post.author.username}`, run: () => openProfile({ userId: post.author.userId }) },
        { label: 'Report…', run: () => setMode('report') },
        { label: `Block @${post.author.username}…`, danger: true, run: () => void blockMember(api, post.author) },
      ];

  return (
    <article className="post" aria-label={`Post by ${post.author.displayName}`} data-testid="post" data-post-id={post.postId}>
      <Avatar user={post.author} />
      <div className="post-main">
        <header className="post-head">
          <button type="button" className="link post-author" onClick={() => openProfile({ userId: post.author.userId })}>
            {post.author.displayName}
          </button>
          <span className="post-handle">@{post.author.username}</span>
          <span className="post-dot" aria-hidden="true">
            ·
          </span>
          <time className="post-time" dateTime={new Date(post.createdAt).toISOString()} title={fullTime(post.createdAt, clock)}>
            {relativeTime(post.createdAt, now, clock)}
          </time>
          {post.editedAt !== null ? (
            <span className="post-edited" title={`Edited ${fullTime(post.editedAt, clock)}`}>
              edited
            </span>
          ) : null}
          <span className="toolbar-spacer" />
          <span className="pane-menu-anchor">
            <button type="button" className="icon-button post-menu-button" aria-label="Post actions" aria-haspopup="menu" aria-expanded={mode === 'menu'} onClick={() => setMode(mode === 'menu' ? 'view' : 'menu')}>
              ⋯
            </button>
            {mode === 'menu' ? <PostMenu items={menu} label="Post actions" onClose={() => setMode('view')} /> : null}
          </span>
        </header>
        {mode === 'edit' ? <PostEditor post={post} onDone={() => setMode('view')} /> : <PostText text={post.text} />}
        {post.idea ? <TradeIdeaBox idea={post.idea} /> : null}
        {post.imageId ? <PostImage imageId={post.imageId} alt={`Chart from ${post.author.displayName}${post.idea ? ` (${post.idea.symbol})` : ''}`} /> : null}
        {mode === 'report' ? <ReportForm postId={post.postId} onDone={() => setMode('view')} /> : null}
        <footer className="post-actions">
          <button type="button" className={post.likedByMe ? 'post-action liked' : 'post-action'} aria-pressed={post.likedByMe} aria-label={`${post.likedByMe ? 'Unlike' : 'Like'} (${post.likes} likes)`} onClick={() => void toggleLike(api, post)} data-testid="like">
            <HeartIcon filled={post.likedByMe} /> <span className="num">{post.likes}</span>
          </button>
          <button type="button" className="post-action" aria-label={`Comments (${post.comments})`} onClick={() => openThread(post.postId)} disabled={inThread} data-testid="comments">
            <CommentIcon /> <span className="num">{post.comments}</span>
          </button>
          {post.strategyId ? (
            <button type="button" className="post-action" onClick={() => openStrategy(post.strategyId!)} title="Open the strategy this post is about">
              <ChartIcon /> Strategy
            </button>
          ) : null}
        </footer>
      </div>
    </article>
  );
});
