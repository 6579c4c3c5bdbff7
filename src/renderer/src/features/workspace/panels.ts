import type { DockviewApi } from 'dockview-react';

/** Every panel the workspace can show, by id. Feature issues add theirs here. */
export const PANELS = {
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
  dock.addPanel({ id: 'system', component: 'system', title: PANELS.system.title });
  dock.addPanel({ id: 'activity', component: 'activity', title: PANELS.activity.title, position: { referencePanel: 'system', direction: 'right' } });
  dock.addPanel({ id: 'shortcuts', component: 'shortcuts', title: PANELS.shortcuts.title, position: { referencePanel: 'activity', direction: 'below' } });
  dock.getPanel('system')?.api.setActive();
}
