import { useEffect } from 'react';
import { useConnectionActivity } from '../features/activity/use-connection-activity';
import { useWorkspacePersistence } from '../features/charts/use-workspace-persistence';
import { CommandPalette } from '../features/command-palette/CommandPalette';
import { MarketProvider } from '../features/market/market-context';
import { usePalette } from '../features/command-palette/palette-store';
import { StatusBar } from '../features/frame/StatusBar';
import { TopBar } from '../features/frame/TopBar';
import { usePreferences } from '../features/preferences/preferences-store';
import { useSystemFeed } from '../features/system/use-system-feed';
import { Toasts } from '../features/toasts/Toasts';
import { Workspace } from '../features/workspace/Workspace';

/** The terminal frame: top bar, docking workspace, status bar, palette and toasts. */
export function App() {
  const theme = usePreferences((s) => s.theme);
  useSystemFeed();
  useConnectionActivity();
  useWorkspacePersistence();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        usePalette.getState().toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <MarketProvider>
      <div className="frame">
        <TopBar />
        <Workspace />
        <StatusBar />
        <CommandPalette />
        <Toasts />
      </div>
    </MarketProvider>
  );
}
