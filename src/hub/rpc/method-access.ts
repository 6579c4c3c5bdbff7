import type { HubMethodName } from '../../shared/social/hub-methods';

/**
 * Who may call a method and what it costs: `public` anyone; `auth` anyone, counted against the
 * per-IP sign-in allowance; `member` signed in; `write` signed in and counted against the
 * account's writes per minute.
 */
export type MethodAccess = 'public' | 'auth' | 'member' | 'write';

export const METHOD_ACCESS: Readonly<Record<HubMethodName, MethodAccess>> = {
  'hub.hello': 'public',
  'auth.signUp': 'auth',
  'auth.signIn': 'auth',
  'auth.resume': 'auth',
  'auth.signOut': 'member',
  'auth.revokeOthers': 'member',
  'users.get': 'public',
  'users.update': 'write',
  'users.block': 'write',
  'follows.set': 'write',
  'strategies.create': 'write',
  'strategies.get': 'public',
  // A publisher's stream is bounded by the per-connection rate, not the social writes allowance.
  'strategies.publish': 'member',
  'strategies.events': 'public',
  'strategies.subscribe': 'public',
  'strategies.unsubscribe': 'public',
  'posts.create': 'write',
  'posts.edit': 'write',
  'posts.delete': 'write',
  'posts.get': 'public',
  'posts.image': 'public',
  'comments.create': 'write',
  'comments.delete': 'write',
  'likes.set': 'write',
  'feed.get': 'public',
  'notifications.list': 'member',
  'notifications.markRead': 'member',
  'reports.create': 'write',
  'leaderboard.query': 'public',
  'copies.report': 'member',
};
