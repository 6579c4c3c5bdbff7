import { create } from 'zustand';
import type { Result } from '../../../../shared/contract';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';

/** Whose profile: by user id, or by username (a mention). */
export type ProfileRef = { userId: string } | { username: string };

interface ProfileState {
  ref: ProfileRef | null;
  data: Result<'social.profile'> | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
}

/** The member the Profile panel shows. */
export const useProfile = create<ProfileState>()(() => ({ ref: null, data: null, status: 'idle', error: null }));

/** Shows a member's profile in the Profile panel. */
export function openProfile(ref: ProfileRef): void {
  const current = useProfile.getState().ref;
  const same = current !== null && JSON.stringify(current) === JSON.stringify(ref);
  if (!same) useProfile.setState({ ref, data: null, status: 'idle', error: null });
  const dock = useWorkspace.getState().dock;
  if (dock) showPanel(dock, 'profile');
}
