import { create } from 'zustand';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';

export type FeedPanelTab = 'following' | 'trending' | 'symbol';

interface FeedViewState {
  tab: FeedPanelTab;
  /** The $SYMBOL tab's cashtag, without `$`. */
  symbol: string;
  /** A post whose thread the Feed panel shows over the list, or null. */
  threadPostId: string | null;
  setTab(tab: FeedPanelTab): void;
  closeThread(): void;
}

/** What the Feed panel shows. Cashtags and comment counts anywhere open it here. */
export const useFeedView = create<FeedViewState>()((set) => ({
  tab: 'trending',
  symbol: 'BTC',
  threadPostId: null,
  setTab: (tab) => set({ tab, threadPostId: null }),
  closeThread: () => set({ threadPostId: null }),
}));

const focusFeed = (): void => {
  const dock = useWorkspace.getState().dock;
  if (dock) showPanel(dock, 'feed');
};

/** Opens the $SYMBOL tab of the Feed panel for a cashtag. */
export function openCashtag(symbol: string): void {
  useFeedView.setState({ tab: 'symbol', symbol: symbol.replace(/^\$/, '').toUpperCase(), threadPostId: null });
  focusFeed();
}

/** Opens a post's thread (its comments) in the Feed panel. */
export function openThread(postId: string): void {
  useFeedView.setState({ threadPostId: postId });
  focusFeed();
}
