import type { ApiClient } from '../../api/api-client';
import type { HubStatus } from '../../../../shared/contract';
import { useHub } from '../hub-connection/hub-store';
import { loadNotifications } from './notifications-actions';
import { addArrived, EMPTY_NOTIFICATIONS, useNotifications } from './notifications-store';
import { applyArrived } from './feed-reducers';
import { useFeeds } from './feed-store';

/** Which quarter of its backfill the community is in ('done' after it). */
const backfillStep = (status: HubStatus | null): string => (status?.community?.state === 'backfilling' ? String(Math.floor(status.community.progress * 4)) : 'done');

/**
 * Keeps the social stores live: posts pushed into the following feed, notifications with the unread
 * count, and a fresh start of both when the member changes (likes, blocks and follows differ) or the
 * hub comes back after serving saved data. Returns the disposer.
 */
export function startSocialFeed(api: ApiClient): () => void {
  const offPost = api.on('social.post', ({ post }) => useFeeds.getState().reduce((d) => applyArrived(d, 'following', post)));
  const offNote = api.on('social.notification', ({ notification, unread }) => useNotifications.setState((s) => addArrived(s, notification, unread)));
  const offHub = useHub.subscribe((s, prev) => {
    const user = s.status?.user?.userId ?? null;
    const before = prev.status?.user?.userId ?? null;
    if (user !== before) {
      useFeeds.getState().reset();
      useNotifications.setState(EMPTY_NOTIFICATIONS);
      if (user) void loadNotifications(api);
      return;
    }
    // The simulated community writes its history in steps: show it as it lands.
    if (prev.status !== null && backfillStep(s.status) !== backfillStep(prev.status)) useFeeds.getState().reset();
    const back = s.status?.state === 'online' && prev.status !== null && prev.status.state !== 'online';
    if (back) {
      // What was read while offline came from the cache: read it again from the hub.
      if (Object.values(useFeeds.getState().feeds).some((f) => f.stale)) useFeeds.getState().reset();
      if (user) void loadNotifications(api);
    }
  });
  if (useHub.getState().status?.user) void loadNotifications(api);
  return () => {
    offPost();
    offNote();
    offHub();
  };
}
