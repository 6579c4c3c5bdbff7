import { create } from 'zustand';
import type { Notification } from '../../../../shared/social/social-types';

interface NotificationsState {
  items: Notification[];
  unread: number;
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  stale: boolean;
  fetchedAt: number | null;
}

export const EMPTY_NOTIFICATIONS: NotificationsState = { items: [], unread: 0, nextCursor: null, status: 'idle', error: null, stale: false, fetchedAt: null };

/** The signed-in member's notifications, newest first, and the unread count (the top bar's badge). */
export const useNotifications = create<NotificationsState>()(() => EMPTY_NOTIFICATIONS);

/** A notification pushed live: on top (once), with the hub's unread count. */
export function addArrived(s: Pick<NotificationsState, 'items' | 'unread'>, n: Notification, unread: number): Pick<NotificationsState, 'items' | 'unread'> {
  if (s.items.some((i) => i.notificationId === n.notificationId)) return { items: s.items, unread };
  return { items: [n, ...s.items], unread };
}

/**
 * Marks read locally what `social.markRead { upTo }` marks at the hub: that notification and every
 * older one (all without `upTo`).
 */
export function markReadUpTo(items: readonly Notification[], upTo?: string): Notification[] {
  const at = upTo === undefined ? 0 : items.findIndex((n) => n.notificationId === upTo);
  if (at < 0) return [...items];
  return items.map((n, i) => (i >= at && !n.read ? { ...n, read: true } : n));
}
