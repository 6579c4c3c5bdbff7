import type { DockviewApi } from 'dockview-react';

/** Every panel the workspace can show, by id. Feature issues add theirs here. */
export const PANELS = {
  charts: { title: 'Charts' },
  watchlist: { title: 'Watchlist' },
  system: { title: 'System' },
  activity: { title: 'Activity' },
  shortcuts: { title: 'Keyboard' },
} as const;
export type PanelId = keyof typeof PANELS;

/** Focuses a panel, opening it where it fits when it is closed. */
export function showPanel(dock: DockviewApi, id: PanelId): void {
  const existing = dock.getPanel(id);
  if (existing) {
    existing.api.setActive();
    return;
  }
  dock.addPanel({ id, component: id, title: PANELS[id].title });
}

/** The layout of a new profile. */
export function applyDefaultLayout(dock: DockviewApi): void {
  dock.clear();
  dock.addPanel({ id: 'charts', component: 'charts', title: PANELS.charts.title });
  dock.addPanel({ id: 'watchlist', component: 'watchlist', title: PANELS.watchlist.title, position: { referencePanel: 'charts', direction: 'right' }, initialWidth: 300 });
  dock.addPanel({ id: 'activity', component: 'activity', title: PANELS.activity.title, position: { referencePanel: 'watchlist', direction: 'below' }, initialHeight: 220 });
  dock.addPanel({ id: 'system', component: 'system', title: PANELS.system.title, position: { referencePanel: 'activity', direction: 'within' } });
  dock.addPanel({ id: 'shortcuts', component: 'shortcuts', title: PANELS.shortcuts.title, position: { referencePanel: 'activity', direction: 'within' } });
  dock.getPanel('activity')?.api.setActive();
  dock.getPanel('charts')?.api.setActive();
}
