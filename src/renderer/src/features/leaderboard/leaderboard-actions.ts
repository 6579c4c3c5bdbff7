import type { ApiClient } from '../../api/api-client';
import type { LeaderboardSort } from '../../../../shared/social/leaderboard';
import { attempt } from '../social/social-outcome';
import { filtersFromInputs, type FilterInputs } from './leaderboard-filters';
import { appendRows, useLeaderboard, type Period } from './leaderboard-store';

const PAGE = 50;
let generation = 0;
let filterTimer: ReturnType<typeof setTimeout> | undefined;

/** Loads the first page for the current query (replacing the rows). A newer query's answer wins. */
export async function loadLeaderboard(api: ApiClient): Promise<void> {
  const mine = ++generation;
  const { period, sort, dir, filters } = useLeaderboard.getState();
  useLeaderboard.setState({ status: 'loading', error: null, loadingMore: false });
  const res = await attempt(() => api.call('leaderboard.list', { period, sort, dir, filters, limit: PAGE }));
  if (mine !== generation) return;
  if (!res.ok) return useLeaderboard.setState({ status: 'error', error: res.message });
  const p = res.value;
  useLeaderboard.setState({ rows: p.rows, nextCursor: p.nextCursor, total: p.total, computedAt: p.computedAt, stale: p.stale, fetchedAt: p.fetchedAt, status: 'ready' });
}

/** Loads the next page (infinite scroll); does nothing while one is on its way or at the end. */
export async function loadMoreLeaderboard(api: ApiClient): Promise<void> {
  const s = useLeaderboard.getState();
  if (s.status !== 'ready' || s.loadingMore || s.nextCursor === null) return;
  const mine = generation;
  useLeaderboard.setState({ loadingMore: true });
  const res = await attempt(() => api.call('leaderboard.list', { period: s.period, sort: s.sort, dir: s.dir, filters: s.filters, limit: PAGE, cursor: s.nextCursor! }));
  if (mine !== generation) return;
  if (!res.ok) return useLeaderboard.setState({ loadingMore: false, error: res.message });
  const p = res.value;
  useLeaderboard.setState((prev) => ({ rows: appendRows(prev.rows, p.rows), nextCursor: p.nextCursor, total: p.total, stale: p.stale, fetchedAt: p.fetchedAt, loadingMore: false }));
}

export function setPeriod(api: ApiClient, period: Period): void {
  if (useLeaderboard.getState().period === period) return;
  useLeaderboard.setState({ period });
  void loadLeaderboard(api);
}

/** Sorts by a column (the hub sorts); `dir` defaults to flipping when it is the current column. */
export function setSort(api: ApiClient, sort: LeaderboardSort, dir?: 'asc' | 'desc'): void {
  const s = useLeaderboard.getState();
  const next = dir ?? (s.sort === sort ? (s.dir === 'desc' ? 'asc' : 'desc') : 'desc');
  if (s.sort === sort && s.dir === next) return;
  useLeaderboard.setState({ sort, dir: next });
  void loadLeaderboard(api);
}

/** Edits filter fields; once they are valid the query follows after a short pause in typing. */
export function editFilters(api: ApiClient, change: Partial<FilterInputs>, { now = false }: { now?: boolean } = {}): void {
  const inputs = { ...useLeaderboard.getState().inputs, ...change };
  const { filters, errors } = filtersFromInputs(inputs);
  useLeaderboard.setState({ inputs, inputErrors: errors });
  clearTimeout(filterTimer);
  if (Object.keys(errors).length > 0) return;
  if (JSON.stringify(filters) === JSON.stringify(useLeaderboard.getState().filters)) return;
  const apply = (): void => {
    useLeaderboard.setState({ filters });
    void loadLeaderboard(api);
  };
  if (now) apply();
  else filterTimer = setTimeout(apply, 300);
}
