import { useHub } from '../hub-connection/hub-store';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';
import { BellIcon } from './icons';
import { useNotifications } from './notifications-store';

/** The top bar's bell with the unread count; opens the Notifications panel. */
export function NotificationBell() {
  const unread = useNotifications((s) => s.unread);
  const signedIn = useHub((s) => s.status?.user != null);
  if (!signedIn) return null;
  const label = unread === 0 ? 'Notifications' : `Notifications: ${unread} unread`;
  return (
    <button
      type="button"
      className={unread > 0 ? 'icon-button bell has-unread' : 'icon-button bell'}
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      onClick={() => {
        const dock = useWorkspace.getState().dock;
        if (dock) showPanel(dock, 'notifications');
      }}
    >
      <BellIcon />
      {unread > 0 ? (
        <span className="bell-badge num" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </button>
  );
}
