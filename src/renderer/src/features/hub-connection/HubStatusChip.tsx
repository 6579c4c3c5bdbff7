import { useHubDialog } from './hub-dialog-store';
import { hubChipView } from './hub-status-view';
import { useHub } from './hub-store';
import '../accounts/accounts.css';
import './hub-connection.css';

/** The status bar's hub chip: connection (online / connecting / offline, saved data), community backfill, and who is signed in. */
export function HubStatusChip() {
  const status = useHub((s) => s.status);
  const view = hubChipView(status);
  const user = status?.user ?? null;
  return (
    <span className="status-item">
      <button type="button" className={`status-button hub-chip hub-${view.tone}`} title={view.title} onClick={() => useHubDialog.getState().open('hub')} data-testid="hub-status" data-state={view.tone} data-community={status?.community?.state ?? 'none'} aria-label={`${view.label}. Hub settings`}>
        <span className="dot" aria-hidden="true" />
        {view.label}
      </button>
      {view.backfill !== null ? (
        <span className="hub-backfill" title="The simulated community is building its history" data-testid="hub-backfill">
          Community <span className="hub-progress" aria-hidden="true"><span style={{ width: `${Math.round(view.backfill * 100)}%` }} /></span>
          <span className="num">{Math.round(view.backfill * 100)}%</span>
        </span>
      ) : null}
      {status ? (
        user ? (
          <button type="button" className="status-button" onClick={() => useHubDialog.getState().open('hub')} title="Signed in to the hub: sign out or change hub" data-testid="hub-user">
            <span className="avatar-dot" style={{ background: user.avatarColor }} aria-hidden="true" />@{user.username}
          </button>
        ) : (
          <button type="button" className="status-button hub-sign-in" onClick={() => useHubDialog.getState().open('signIn')} data-testid="hub-sign-in">
            Sign in
          </button>
        )
      ) : null}
    </span>
  );
}
