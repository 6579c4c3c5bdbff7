import { useApi } from '../../api/api-context';
import { usePalette } from '../command-palette/palette-store';
import { usePreferences } from '../preferences/preferences-store';
import { NotificationBell } from '../social/NotificationBell';
import { useSystemStore } from '../system/system-store';
import { CONNECTION_LABEL } from './connection-label';
import { formatClock, formatDate } from './format-time';
import { Logo } from './Logo';
import { MOD_KEY } from './mod-key';
import { useNow } from './use-now';


function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).at(-1) ?? p;
}

export function TopBar() {
  const api = useApi();
  const info = useSystemStore((s) => s.info);
  const connection = useSystemStore((s) => s.connection);
  const { theme, clock, toggleTheme, toggleClock } = usePreferences();
  const openPalette = usePalette((s) => s.setOpen);
  const now = useNow();

  return (
    <header className="topbar" role="banner">
      <div className="brand" title="Instant Social Trading · 即时社交交易">
        <Logo />
        <span className="brand-name">Instant Social Trading</span>
      </div>
      <button type="button" className="palette-trigger" onClick={() => openPalette(true)} aria-label="Open command palette" aria-keyshortcuts="Control+K Meta+K">
        <span>Search commands…</span>
        <kbd>{MOD_KEY} K</kbd>
      </button>
      <div className="topbar-right">
        <span className="chip" title={info ? `Host: ${info.host === 'electron' ? 'desktop app' : 'headless server'}` : 'Host'} data-testid="host-kind">
          {info ? (info.host === 'electron' ? 'Desktop' : 'Headless') : '…'}
          <span className="chip-dim">{api.transport === 'ipc' ? 'IPC' : 'WebSocket'}</span>
        </span>
        <span className={`chip conn conn-${connection}`} data-testid="connection-state" aria-live="polite">
          <span className="dot" aria-hidden="true" />
          {CONNECTION_LABEL[connection]}
        </span>
        <span className="chip" title={info?.dataDir ?? ''} data-testid="profile">
          <span className="chip-dim">Profile</span>
          {info ? baseName(info.dataDir) : '…'}
        </span>
        <button type="button" className="clock" onClick={toggleClock} aria-label={`Clock shows ${clock === 'utc' ? 'UTC' : 'local time'}; switch`} data-testid="clock">
          <span className="clock-date">{formatDate(now, clock)}</span>
          <span className="clock-time">{formatClock(now, clock)}</span>
          <span className="clock-zone">{clock === 'utc' ? 'UTC' : 'LOCAL'}</span>
        </button>
        <NotificationBell />
        <button type="button" className="icon-button" onClick={toggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'} data-testid="theme-toggle">
          {theme === 'dark' ? '☾' : '☀'}
        </button>
      </div>
    </header>
  );
}
