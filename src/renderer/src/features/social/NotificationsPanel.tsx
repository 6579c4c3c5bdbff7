import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import type { Notification } from '../../../../shared/social/social-types';
import { useHub } from '../hub-connection/hub-store';
import { staleNote } from '../hub-connection/hub-status-view';
import { usePreferences } from '../preferences/preferences-store';
import { Avatar } from './Avatar';
import { useCoarseNow } from './coarse-now';
import { loadNotifications, markRead, openNotification } from './notifications-actions';
import { useNotifications } from './notifications-store';
import { fullTime, relativeTime } from './relative-time';
import './social.css';

const ROW = 46;
const WHAT: Record<Notification['kind'], string> = {
  like: 'liked your post',
  comment: 'commented on your post',
  mention: 'mentioned you',
  follow: 'followed you',
  strategy_follow: 'followed your strategy',
};

/** Notifications, newest first, live; click (or Enter) opens what it is about and marks it read. */
export function NotificationsPanel() {
  const api = useApi();
  const signedIn = useHub((s) => s.status?.user != null);
  const { items, unread, nextCursor, status, error, stale, fetchedAt } = useNotifications();
  const now = useCoarseNow();
  const clock = usePreferences((s) => s.clock);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8 });
  const last = virtual.getVirtualItems().at(-1)?.index ?? -1;

  useEffect(() => {
    if (signedIn && status === 'idle') void loadNotifications(api);
  }, [api, signedIn, status]);
  useEffect(() => {
    if (nextCursor && last >= items.length - 5) void loadNotifications(api, { more: true });
  }, [api, last, items.length, nextCursor]);

  if (!signedIn) {
    return (
      <section className="panel-body social-panel" aria-label="Notifications">
        <p className="feed-empty">Sign in to get notified of likes, comments, mentions and follows.</p>
      </section>
    );
  }
  return (
    <section className="panel-body social-panel" aria-label="Notifications" data-testid="notifications-panel">
      <div className="bt-toolbar" role="toolbar" aria-label="Notifications">
        <span className="toolbar-label">
          <span className="num">{unread}</span> unread
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" onClick={() => void markRead(api)} disabled={unread === 0}>
          Mark all read
        </button>
      </div>
      {stale ? <div className="stale-bar">{staleNote(fetchedAt, now)}</div> : null}
      <div ref={scroller} className="feed-scroll" role="list" aria-label="Notifications">
        {status === 'error' ? <p className="feed-empty">{error}</p> : null}
        {status === 'ready' && items.length === 0 ? <p className="feed-empty">Nothing yet.</p> : null}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const n = items[v.index]!;
            return (
              <div key={n.notificationId} role="listitem" className="notification-row" style={{ height: ROW, transform: `translateY(${v.start}px)` }}>
                <button type="button" className={n.read ? 'notification' : 'notification unread'} onClick={() => openNotification(api, n)} data-testid="notification">
                  <Avatar user={n.actor} size="sm" />
                  <span className="notification-text">
                    <b>{n.actor.displayName}</b> {WHAT[n.kind]}
                    {n.excerpt ? <span className="notification-excerpt">“{n.excerpt}”</span> : null}
                  </span>
                  <time className="post-time" title={fullTime(n.createdAt, clock)}>
                    {relativeTime(n.createdAt, now, clock)}
                  </time>
                </button>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
