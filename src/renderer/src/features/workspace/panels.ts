import type { DockviewApi } from 'dockview-react';

/** Every panel the workspace can show, by id. Feature issues add theirs here. */
export const PANELS = {
  charts: { title: 'Charts' },
  watchlist: { title: 'Watchlist' },
  system: { title: 'System' },
  activity: { title: 'Activity' },
  shortcuts: { title: 'Keyboard' },
  ticket: { title: 'Order ticket' },
  positions: { title: 'Positions' },
  orders: { title: 'Orders' },
  fills: { title: 'Fills' },
  account: { title: 'Account' },
  reconciliation: { title: 'Reconciliation' },
  leaderboard: { title: 'Leaderboard' },
  feed: { title: 'Feed' },
  strategy: { title: 'Strategy' },
  profile: { title: 'Profile' },
  notifications: { title: 'Notifications' },
  copy: { title: 'Copy' },
} as const;
export type PanelId = keyof typeof PANELS;

/** Where a closed panel reopens: as a tab beside the first of these that is open. */
const HOMES: Partial<Record<PanelId, readonly PanelId[]>> = {
  ticket: ['watchlist'],
  positions: ['orders', 'fills', 'account', 'activity', 'system'],
  orders: ['positions', 'fills', 'account', 'activity', 'system'],
  fills: ['positions', 'orders', 'account', 'activity', 'system'],
  account: ['positions', 'orders', 'fills', 'activity', 'system'],
  reconciliation: ['account', 'positions', 'orders', 'fills', 'activity', 'system'],
  leaderboard: ['positions', 'orders', 'fills', 'account', 'activity'],
  copy: ['leaderboard', 'positions', 'orders', 'fills', 'account', 'activity'],
  feed: ['notifications', 'watchlist', 'activity'],
  notifications: ['feed', 'watchlist', 'activity'],
  // Profiles need room: they open as tabs beside the charts.
  strategy: ['profile', 'charts'],
  profile: ['strategy', 'charts'],
};

/** Focuses a panel, opening it where it fits when it is closed. */
export function showPanel(dock: DockviewApi, id: PanelId): void {
  const existing = dock.getPanel(id);
  if (existing) {
    existing.api.setActive();
    return;
  }
  const home = HOMES[id]?.find((h) => dock.getPanel(h));
  if (id === 'ticket' && home) {
    dock.addPanel({ id, component: id, title: PANELS[id].title, position: { referencePanel: home, direction: 'above' } });
    return;
  }
  dock.addPanel({ id, component: id, title: PANELS[id].title, ...(home ? { position: { referencePanel: home, direction: 'within' as const } } : {}) });
}

/** The layout of a new profile. */
export function applyDefaultLayout(dock: DockviewApi): void {
  dock.clear();
  dock.addPanel({ id: 'charts', component: 'charts', title: PANELS.charts.title });
  // The ticket on top of the right column: notifications rise from the bottom right and must not cover it.
  // Below it the watchlist and the feed share the rest, tall enough to read posts.
  dock.addPanel({ id: 'ticket', component: 'ticket', title: PANELS.ticket.title, position: { referencePanel: 'charts', direction: 'right' }, initialWidth: 320 });
  dock.addPanel({ id: 'watchlist', component: 'watchlist', title: PANELS.watchlist.title, position: { referencePanel: 'ticket', direction: 'below' }, initialHeight: 400 });
  // Under the charts: the blotters as tabs, and beside them the session's activity with the system panels.
  dock.addPanel({ id: 'positions', component: 'positions', title: PANELS.positions.title, position: { referencePanel: 'charts', direction: 'below' }, initialHeight: 240 });
  for (const id of ['orders', 'fills', 'account'] as const) {
    dock.addPanel({ id, component: id, title: PANELS[id].title, position: { referencePanel: 'positions', direction: 'within' } });
  }
  dock.addPanel({ id: 'activity', component: 'activity', title: PANELS.activity.title, position: { referencePanel: 'positions', direction: 'right' }, initialWidth: 340 });
  for (const id of ['system', 'shortcuts'] as const) {
    dock.addPanel({ id, component: id, title: PANELS[id].title, position: { referencePanel: 'activity', direction: 'within' } });
  }
  // Social on first sight without hiding trading: the Feed beside the watchlist, the Leaderboard
  // beside the blotters, both in front.
  dock.addPanel({ id: 'feed', component: 'feed', title: PANELS.feed.title, position: { referencePanel: 'watchlist', direction: 'within' } });
  dock.addPanel({ id: 'leaderboard', component: 'leaderboard', title: PANELS.leaderboard.title, position: { referencePanel: 'positions', direction: 'within' } });
  // Copy trading beside the Leaderboard, behind it.
  dock.addPanel({ id: 'copy', component: 'copy', title: PANELS.copy.title, position: { referencePanel: 'leaderboard', direction: 'within' } });
  dock.getPanel('activity')?.api.setActive();
  dock.getPanel('leaderboard')?.api.setActive();
  dock.getPanel('feed')?.api.setActive();
  dock.getPanel('charts')?.api.setActive();
}
