import { DockviewReact, themeDark, themeLight, type DockviewReadyEvent, type IDockviewPanelProps } from 'dockview-react';
import type { FunctionComponent } from 'react';
import { ReconciliationPanel } from '../accounts/ReconciliationPanel';
import { ActivityPanel } from '../activity/ActivityPanel';
import { CopyPanel } from '../copy/CopyPanel';
import { CopyRuntime } from '../copy/CopyRuntime';
import { ChartsPanel } from '../charts/ChartsPanel';
import { WatchlistPanel } from '../watchlist/WatchlistPanel';
import { LeaderboardPanel } from '../leaderboard/LeaderboardPanel';
import { FeedPanel } from '../social/FeedPanel';
import { NotificationsPanel } from '../social/NotificationsPanel';
import { ProfilePanel } from '../social/ProfilePanel';
import { SocialRuntime } from '../social/SocialRuntime';
import { StrategyPanel } from '../strategy/StrategyPanel';
import { usePreferences } from '../preferences/preferences-store';
import { SystemPanel } from '../system/SystemPanel';
import { AccountPanel } from '../trading/AccountPanel';
import { FillsPanel } from '../trading/FillsPanel';
import { OrdersPanel } from '../trading/OrdersPanel';
import { OrderTicket } from '../trading/OrderTicket';
import { PositionsPanel } from '../trading/PositionsPanel';
import { TradingRuntime } from '../trading/TradingRuntime';
import { applyDefaultLayout, type PanelId } from './panels';
import { ShortcutsPanel } from './ShortcutsPanel';
import { useWorkspace } from './workspace-store';

const COMPONENTS: Record<PanelId, FunctionComponent<IDockviewPanelProps>> = {
  charts: ChartsPanel,
  watchlist: WatchlistPanel,
  system: SystemPanel,
  activity: ActivityPanel,
  shortcuts: ShortcutsPanel,
  ticket: OrderTicket,
  positions: PositionsPanel,
  orders: OrdersPanel,
  fills: FillsPanel,
  account: AccountPanel,
  reconciliation: ReconciliationPanel,
  leaderboard: LeaderboardPanel,
  feed: FeedPanel,
  strategy: StrategyPanel,
  profile: ProfilePanel,
  notifications: NotificationsPanel,
  copy: CopyPanel,
};

/** The docking area: panels can be split, tabbed, resized and dragged. */
export function Workspace() {
  const theme = usePreferences((s) => s.theme);
  const onReady = (event: DockviewReadyEvent): void => {
    useWorkspace.setState({ dock: event.api });
    applyDefaultLayout(event.api);
  };
  return (
    <main className="workspace" aria-label="Workspace">
      <DockviewReact components={COMPONENTS} onReady={onReady} theme={theme === 'dark' ? themeDark : themeLight} />
      <TradingRuntime />
      <SocialRuntime />
      <CopyRuntime />
    </main>
  );
}
