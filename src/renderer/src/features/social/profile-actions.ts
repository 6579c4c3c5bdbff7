import type { ApiClient } from '../../api/api-client';
import type { ParamsIn } from '../../../../shared/contract';
import type { UserProfile } from '../../../../shared/social/social-types';
import { reportFailure, requireSignIn } from '../hub-connection/hub-actions';
import { useHub } from '../hub-connection/hub-store';
import { useFeeds } from './feed-store';
import { useProfile, type ProfileRef } from './profile-store';
import { attempt, toast, type Outcome } from './social-outcome';

const sameRef = (a: ProfileRef | null, b: ProfileRef): boolean => a !== null && JSON.stringify(a) === JSON.stringify(b);

/** Loads the profile the panel shows. */
export async function loadProfile(api: ApiClient, ref: ProfileRef): Promise<void> {
  useProfile.setState({ status: 'loading', error: null });
  const res = await attempt(() => api.call('social.profile', ref));
  if (!sameRef(useProfile.getState().ref, ref)) return;
  if (res.ok) useProfile.setState({ data: res.value, status: 'ready' });
  else useProfile.setState({ status: 'error', error: res.message });
}

const patchUser = (patch: Partial<UserProfile>): void =>
  useProfile.setState((s) => (s.data ? { data: { ...s.data, user: { ...s.data.user, ...patch } } } : {}));

/** Follows or unfollows the shown member. */
export async function followMember(api: ApiClient, user: UserProfile): Promise<void> {
  if (!requireSignIn('to follow traders')) return;
  const follow = !user.followedByMe;
  const res = await attempt(() => api.call('social.follow', { target: { kind: 'user', id: user.userId }, follow }));
  if (!res.ok) return reportFailure(res, follow ? 'Follow' : 'Unfollow');
  patchUser({ followedByMe: res.value.following, followers: res.value.followers });
  // The following feed now holds other people: load it again when shown.
  useFeeds.getState().reduce((d) => ({ ...d, feeds: Object.fromEntries(Object.entries(d.feeds).filter(([k]) => k !== 'following')) }));
  toast('info', follow ? `Following @${user.username}` : `No longer following @${user.username}`);
}

/** Unblocks (blocking goes through the post menu's confirmation). */
export async function unblockMember(api: ApiClient, user: UserProfile): Promise<void> {
  const res = await attempt(() => api.call('social.block', { userId: user.userId, blocked: false }));
  if (!res.ok) return reportFailure(res, 'Unblock');
  patchUser({ blockedByMe: res.value.blocked });
  useFeeds.getState().reset();
  toast('info', `@${user.username} unblocked`);
}

/** Changes the trader's own display name, bio or colour. */
export async function updateOwnProfile(api: ApiClient, params: ParamsIn<'social.updateProfile'>): Promise<Outcome<UserProfile>> {
  const res = await attempt(() => api.call('social.updateProfile', params));
  if (!res.ok) return res;
  patchUser(res.value);
  const status = useHub.getState().status;
  if (status?.user) useHub.getState().set({ ...status, user: res.value });
  toast('success', 'Profile saved');
  return res;
}
