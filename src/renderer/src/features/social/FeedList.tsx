import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import { staleNote } from '../hub-connection/hub-status-view';
import { useCoarseNow } from './coarse-now';
import { loadFeed } from './feed-actions';
import { feedKey, showArrived, type FeedSpec } from './feed-reducers';
import { selectFeed, useFeeds } from './feed-store';
import { PostCard } from './PostCard';
import { useSocialStart } from './use-social-start';

const ESTIMATE = 120;

/**
 * A feed as a virtualised list of posts of varying height: loads when first shown, pages in more
 * near the end, holds live arrivals behind a "N new posts" bar, and says when it shows saved data.
 */
export function FeedList({ spec, label, empty }: { spec: FeedSpec; label: string; empty: string }) {
  const api = useApi();
  const key = feedKey(spec);
  const feed = useFeeds(selectFeed(key));
  const posts = useFeeds((s) => s.posts);
  const now = useCoarseNow();
  const scroller = useRef<HTMLDivElement>(null);
  const specRef = useRef(spec);
  specRef.current = spec;

  const go = useSocialStart(api);
  useEffect(() => {
    if (go && feed.status === 'idle') void loadFeed(api, specRef.current);
  }, [api, go, key, feed.status]);

  const ids = feed.ids.filter((id) => posts[id]);
  const virtual = useVirtualizer({ count: ids.length, getScrollElement: () => scroller.current, estimateSize: () => ESTIMATE, overscan: 4, getItemKey: (i) => ids[i] ?? i });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;
  const nearEnd = ids.length > 0 && last >= ids.length - 3;
  useEffect(() => {
    if (nearEnd && feed.nextCursor) void loadFeed(api, specRef.current, { more: true });
  }, [api, nearEnd, feed.nextCursor, ids.length]);

  const showNew = (): void => {
    useFeeds.getState().reduce((d) => showArrived(d, key));
    scroller.current?.scrollTo({ top: 0 });
  };

  return (
    <div className="feed-list" aria-label={label} aria-busy={feed.status === 'loading'} data-testid={`feed-${spec.tab}`}>
      {feed.stale ? (
        <div className="stale-bar" role="status" data-testid="feed-stale">
          {staleNote(feed.fetchedAt, now)}
        </div>
      ) : null}
      {feed.arrived.length > 0 ? (
        <button type="button" className="new-posts" onClick={showNew} data-testid="new-posts">
          ↑ {feed.arrived.length} new post{feed.arrived.length === 1 ? '' : 's'}
        </button>
      ) : null}
      <div ref={scroller} className="feed-scroll" role="feed" aria-label={label} tabIndex={-1}>
        {feed.status === 'loading' && ids.length === 0 ? <p className="feed-empty">Loading posts…</p> : null}
        {feed.status === 'error' && ids.length === 0 ? (
          <p className="feed-empty" role="alert">
            {feed.error}{' '}
            <button type="button" className="link" onClick={() => void loadFeed(api, spec)}>
              Retry
            </button>
          </p>
        ) : null}
        {feed.status === 'ready' && ids.length === 0 ? <p className="feed-empty">{empty}</p> : null}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const post = posts[ids[v.index]!]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtual.measureElement} className="feed-item" style={{ transform: `translateY(${v.start}px)` }}>
                <PostCard post={post} />
              </div>
            );
          })}
        </div>
        {feed.loadingMore ? <p className="feed-empty">Loading more…</p> : null}
        {feed.status === 'ready' && ids.length > 0 && feed.nextCursor === null ? <p className="feed-end">No older posts</p> : null}
      </div>
    </div>
  );
}
