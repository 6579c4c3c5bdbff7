import type { ApiClient } from '../../api/api-client';
import { LAYOUTS } from '../../../../shared/workspace/workspace-schema';
import { setActiveTimeframe, useChartWorkspace } from '../charts/chart-workspace-store';
import { copyCommands } from '../copy/copy-commands';
import { TIMEFRAME_HOTKEYS } from '../charts/timeframe-hotkeys';
import { usePreferences } from '../preferences/preferences-store';
import { backupProfile } from '../system/system-actions';
import { socialCommands } from '../social/social-commands';
import { tradingCommands } from '../trading/trading-commands';
import { applyDefaultLayout, PANELS, showPanel, type PanelId } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';

export interface Command {
  id: string;
  title: string;
  group: string;
  shortcut?: string;
  run(): void | Promise<void>;
}

/** Everything the palette can do; each feature adds its commands here. */
export function buildCommands(api: ApiClient): Command[] {
  const prefs = usePreferences.getState();
  const dock = useWorkspace.getState().dock;
  const panelCommands: Command[] = (Object.keys(PANELS) as PanelId[]).map((id) => ({
    id: `panel.${id}`,
    title: `Show ${PANELS[id].title} panel`,
    group: 'View',
    run: () => {
      if (dock) showPanel(dock, id);
    },
  }));
  return [
    { id: 'theme.toggle', title: prefs.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme', group: 'View', run: prefs.toggleTheme },
    { id: 'clock.toggle', title: prefs.clock === 'utc' ? 'Show local time' : 'Show UTC time', group: 'View', run: prefs.toggleClock },
    ...panelCommands,
    {
      id: 'layout.reset',
      title: 'Reset layout',
      group: 'View',
      run: () => {
        if (dock) applyDefaultLayout(dock);
      },
    },
    { id: 'profile.backup', title: 'Back up profile database', group: 'Profile', run: () => backupProfile(api) },
    ...tradingCommands(api),
    ...socialCommands(api),
    ...copyCommands(api),
    ...LAYOUTS.map((l) => ({ id: `layout.${l}`, title: `Chart layout: ${l} pane${l === '1' ? '' : 's'}`, group: 'Charts', run: () => useChartWorkspace.getState().setLayout(l) })),
    ...TIMEFRAME_HOTKEYS.map(([key, tf]) => ({
      id: `tf.${tf}`,
      title: `Active chart timeframe: ${tf}`,
      group: 'Charts',
      shortcut: `Alt ${key}`,
      run: () => setActiveTimeframe(tf),
    })),
  ];
}

/** Case-insensitive match of every word of the query, in any order. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => {
    const hay = `${c.group} ${c.title}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
