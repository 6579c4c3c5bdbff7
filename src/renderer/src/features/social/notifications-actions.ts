import type { ApiClient } from '../../api/api-client';
import type { Notification } from '../../../../shared/social/social-types';
import { openStrategy } from '../strategy/strategy-view-store';
import { openThread } from './feed-view-store';
import { EMPTY_NOTIFICATIONS, markReadUpTo, useNotifications } from './notifications-store';
import { openProfile } from './profile-store';
import { attempt } from './social-outcome';

/** Loads the first page of notifications (or the next with `more`). Signed out: empty. */
export async function loadNotifications(api: ApiClient, { more = false }: { more?: boolean } = {}): Promise<void> {
  const s = useNotifications.getState();
  if (more && (s.nextCursor === null || s.status !== 'ready')) return;
  if (!more) useNotifications.setState({ status: 'loading', error: null });
  const res = await attempt(() => api.call('social.notifications', { ...(more && s.nextCursor ? { cursor: s.nextCursor } : {}) }));
  if (!res.ok) {
    useNotifications.setState(res.code === 'UNAUTHORIZED' ? { ...EMPTY_NOTIFICATIONS, status: 'ready' } : { status: 'error', error: res.message });
    return;
  }
  const { notifications, unread, nextCursor, stale, fetchedAt } = res.value;
  useNotifications.setState((prev) => ({ items: more ? [...prev.items, ...notifications] : notifications, unread, nextCursor, stale, fetchedAt, status: 'ready' }));
}

/** Marks read: up to and including `upTo` (it and everything older), or all. */
export async function markRead(api: ApiClient, upTo?: string): Promise<void> {
  const before = useNotifications.getState();
  useNotifications.setState({ items: markReadUpTo(before.items, upTo), unread: upTo === undefined ? 0 : before.unread });
  const res = await attempt(() => api.call('social.markRead', upTo === undefined ? {} : { upTo }));
  if (res.ok) useNotifications.setState({ unread: res.value.unread });
}

/** What a notification is about: the post's thread, the strategy, or the member. */
export function openNotification(api: ApiClient, n: Notification): void {
  if (!n.read) void markRead(api, n.notificationId);
  if (n.postId) openThread(n.postId);
  else if (n.strategyId) openStrategy(n.strategyId);
  else openProfile({ userId: n.actor.userId });
}
