import { create } from 'zustand';
import type { LeaderboardFilters, LeaderboardRow, LeaderboardSort } from '../../../../shared/social/leaderboard';
import type { PERIODS } from '../../../../shared/social/leaderboard';
import { EMPTY_FILTER_INPUTS, type FilterErrors, type FilterInputs } from './leaderboard-filters';

export type Period = (typeof PERIODS)[number];

export interface LeaderboardState {
  period: Period;
  sort: LeaderboardSort;
  dir: 'asc' | 'desc';
  filters: LeaderboardFilters;
  inputs: FilterInputs;
  inputErrors: FilterErrors;
  rows: LeaderboardRow[];
  nextCursor: string | null;
  /** Strategies matching the filters. */
  total: number;
  computedAt: number | null;
  /** Served from the local cache: the hub could not be reached. */
  stale: boolean;
  fetchedAt: number | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
}

/** The Leaderboard panel's query (period, sort, filters) and the rows loaded so far. */
export const useLeaderboard = create<LeaderboardState>()(() => ({
  period: '1Y',
  sort: 'return',
  dir: 'desc',
  filters: {},
  inputs: EMPTY_FILTER_INPUTS,
  inputErrors: {},
  rows: [],
  nextCursor: null,
  total: 0,
  computedAt: null,
  stale: false,
  fetchedAt: null,
  status: 'idle',
  error: null,
  loadingMore: false,
}));

/** Appends a page's rows, dropping any strategy already listed (a ranking that moved between pages). */
export function appendRows(rows: readonly LeaderboardRow[], page: readonly LeaderboardRow[]): LeaderboardRow[] {
  const seen = new Set(rows.map((r) => r.strategyId));
  return [...rows, ...page.filter((r) => !seen.has(r.strategyId))];
}
