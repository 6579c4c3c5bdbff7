import type { ApiClient } from '../../api/api-client';
import { reportFailure, requireSignIn } from '../hub-connection/hub-actions';
import { attempt, toast } from '../social/social-outcome';
import { useStrategyView } from './strategy-view-store';

/** Loads the shown strategy's profile; `quiet` keeps what is on screen while it reloads (live refresh). */
export async function loadStrategy(api: ApiClient, strategyId: string, { quiet = false }: { quiet?: boolean } = {}): Promise<void> {
  if (!quiet) useStrategyView.setState({ status: 'loading', error: null });
  const res = await attempt(() => api.call('strategy.get', { strategyId }));
  if (useStrategyView.getState().strategyId !== strategyId) return;
  if (res.ok) useStrategyView.setState({ detail: res.value, status: 'ready', error: null });
  else if (!quiet || !useStrategyView.getState().detail) useStrategyView.setState({ status: 'error', error: res.message });
}

/** Follows or unfollows the shown strategy (its posts join the following feed). */
export async function followStrategy(api: ApiClient): Promise<void> {
  const detail = useStrategyView.getState().detail;
  if (!detail || !requireSignIn('to follow strategies')) return;
  const { strategy } = detail;
  const follow = !strategy.followedByMe;
  const res = await attempt(() => api.call('social.follow', { target: { kind: 'strategy', id: strategy.strategyId }, follow }));
  if (!res.ok) return reportFailure(res, follow ? 'Follow' : 'Unfollow');
  const now = useStrategyView.getState().detail;
  if (now?.strategy.strategyId === strategy.strategyId) useStrategyView.setState({ detail: { ...now, strategy: { ...now.strategy, followedByMe: res.value.following, followers: res.value.followers } } });
  toast('info', follow ? `Following ${strategy.name}` : `No longer following ${strategy.name}`);
}
