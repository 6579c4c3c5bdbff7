import { create } from 'zustand';
import type { StrategyDetail } from '../../../../shared/contract';
import type { Period } from '../leaderboard/leaderboard-store';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';

interface StrategyViewState {
  strategyId: string | null;
  detail: StrategyDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The period whose figures the statistics show. */
  period: Period;
}

/** The strategy the Strategy panel shows. */
export const useStrategyView = create<StrategyViewState>()(() => ({ strategyId: null, detail: null, status: 'idle', error: null, period: 'all' }));

/** Shows a strategy's profile in the Strategy panel (from the leaderboard, a post, a profile, a notification). */
export function openStrategy(strategyId: string): void {
  if (useStrategyView.getState().strategyId !== strategyId) useStrategyView.setState({ strategyId, detail: null, status: 'idle', error: null });
  const dock = useWorkspace.getState().dock;
  if (dock) showPanel(dock, 'strategy');
}
