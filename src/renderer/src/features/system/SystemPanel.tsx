import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { formatDuration } from '../frame/format-time';
import { backupProfile, formatBytes } from './system-actions';
import { useSystemStore } from './system-store';

/** What is running and where its data lives, with the profile's maintenance actions. */
export function SystemPanel() {
  const api = useApi();
  const { info, status, latencyMs } = useSystemStore();
  const [busy, setBusy] = useState(false);

  const rows: Array<[string, string]> = [
    ['Application', info ? `${info.app} ${info.version}` : '…'],
    ['Host', info ? (info.host === 'electron' ? 'Desktop (Electron)' : 'Headless (Node)') : '…'],
    ['Transport', api.transport === 'ipc' ? 'Electron IPC' : 'JSON-RPC 2.0 over WebSocket'],
    ['Data directory', info?.dataDir ?? '…'],
    ['Schema version', info ? String(info.schemaVersion) : '…'],
    ['Started', info ? new Date(info.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '…'],
    ['Uptime', status ? formatDuration(status.uptimeSeconds) : '—'],
    ['Database size', status ? formatBytes(status.databaseBytes) : '—'],
    ['Core state', status?.state ?? '—'],
    ['API round trip', latencyMs === null ? '—' : `${latencyMs.toFixed(1)} ms`],
  ];

  return (
    <section className="panel-body" aria-label="System">
      <table className="kv" data-testid="system-info">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className={k === 'Data directory' ? 'mono wrap' : 'mono'}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="panel-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void backupProfile(api).finally(() => setBusy(false));
          }}
        >
          {busy ? 'Backing up…' : 'Back up profile database'}
        </button>
        <span className="hint">Online backup into the data directory’s backups folder; trading keeps running.</span>
      </div>
    </section>
  );
}
