import { LiveAccountsStatus } from '../accounts/LiveAccountsStatus';
import { HubStatusChip } from '../hub-connection/HubStatusChip';
import { formatBytes } from '../system/system-actions';
import { useSystemStore } from '../system/system-store';
import { CONNECTION_LABEL } from './connection-label';
import { formatDuration } from './format-time';

export function StatusBar() {
  const { info, status, latencyMs, connection, error } = useSystemStore();
  return (
    <footer className="statusbar" role="contentinfo" data-testid="statusbar">
      <span className={`status-item conn-${connection}`}>
        <span className="dot" aria-hidden="true" /> Core {CONNECTION_LABEL[connection].toLowerCase()}
      </span>
      <span className="status-item num" title="Round trip of the last API call">
        RTT {latencyMs === null ? '—' : `${latencyMs.toFixed(1)} ms`}
      </span>
      <HubStatusChip />
      <LiveAccountsStatus />
      {error ? <span className="status-item status-error">{error}</span> : null}
      <span className="status-spacer" />
      <span className="status-item num">DB {status ? formatBytes(status.databaseBytes) : '—'}</span>
      <span className="status-item num">Schema v{info?.schemaVersion ?? '—'}</span>
      <span className="status-item num">Up {status ? formatDuration(status.uptimeSeconds) : '—'}</span>
      <span className="status-item num">v{info?.version ?? '—'}</span>
    </footer>
  );
}
