import type { ApiClient } from '../../api/api-client';
import type { Command } from '../command-palette/commands';
import { signOut } from '../hub-connection/hub-actions';
import { useHubDialog } from '../hub-connection/hub-dialog-store';
import { useHub } from '../hub-connection/hub-store';
import { loadLeaderboard } from '../leaderboard/leaderboard-actions';
import { usePublishDialog } from '../strategy/publish-dialog-store';
import { useTrading } from '../trading/trading-store';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';
import { useComposer } from './composer-store';
import { useFeedView } from './feed-view-store';
import { markRead } from './notifications-actions';
import { openProfile } from './profile-store';

const open = (id: 'leaderboard' | 'feed' | 'notifications'): void => {
  const dock = useWorkspace.getState().dock;
  if (dock) showPanel(dock, id);
};

/** The palette's social commands: panels, writing a post, signing in or out, publishing an account. */
export function socialCommands(api: ApiClient): Command[] {
  const group = 'Social';
  const user = useHub.getState().status?.user ?? null;
  const { accountId, accounts } = useTrading.getState();
  const account = accountId ? accounts[accountId] : undefined;
  return [
    { id: 'social.leaderboard', title: 'Open leaderboard', group, run: () => open('leaderboard') },
    { id: 'social.leaderboard.reload', title: 'Reload leaderboard', group, run: () => loadLeaderboard(api) },
    { id: 'social.feed', title: 'Open feed', group, run: () => open('feed') },
    {
      id: 'social.write',
      title: 'Write a post',
      group,
      run: () => {
        useFeedView.getState().closeThread();
        open('feed');
        useComposer.getState().focus();
      },
    },
    { id: 'social.notifications', title: 'Open notifications', group, run: () => open('notifications') },
    ...(user
      ? [
          { id: 'social.profile', title: 'Open my profile', group, run: () => openProfile({ userId: user.userId }) },
          { id: 'social.markRead', title: 'Mark all notifications read', group, run: () => markRead(api) },
          { id: 'hub.signOut', title: `Sign out of the hub (@${user.username})`, group, run: () => signOut(api) },
        ]
      : [
          { id: 'hub.signIn', title: 'Sign in to the hub…', group, run: () => useHubDialog.getState().open('signIn') },
          { id: 'hub.signUp', title: 'Create a hub account…', group, run: () => useHubDialog.getState().open('signUp') },
        ]),
    { id: 'hub.settings', title: 'Hub settings (embedded or remote hub)…', group, run: () => useHubDialog.getState().open('hub') },
    { id: 'strategy.publish', title: account ? `Publish account “${account.name}” as a strategy…` : 'Publish account as a strategy…', group, run: () => usePublishDialog.getState().show(account?.id ?? null) },
  ];
}
