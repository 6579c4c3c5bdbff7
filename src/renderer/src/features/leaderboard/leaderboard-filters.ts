import { ASSET_CLASSES, type AssetClass } from '../../../../shared/market/instrument';
import type { LeaderboardFilters } from '../../../../shared/social/leaderboard';
import { parseNumber } from '../trading/order-math';

/** The filter fields as typed. */
export interface FilterInputs {
  assetClass: '' | AssetClass;
  minAgeDays: string;
  /** Percent (25 = 25 %). */
  maxDrawdownPct: string;
  riskMin: string;
  riskMax: string;
  minTrades: string;
  search: string;
}

export const EMPTY_FILTER_INPUTS: FilterInputs = { assetClass: '', minAgeDays: '', maxDrawdownPct: '', riskMin: '', riskMax: '', minTrades: '', search: '' };

export type FilterErrors = Partial<Record<keyof FilterInputs, string>>;

const wholeIn = (text: string, min: number, max: number): number | undefined | null => {
  const n = parseNumber(text);
  if (n === undefined) return text.trim() ? null : undefined;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** The query's filters from the fields, or what is wrong with each field (the query keeps its last good filters). */
export function filtersFromInputs(f: FilterInputs): { filters: LeaderboardFilters; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const filters: LeaderboardFilters = {};
  if (f.assetClass && (ASSET_CLASSES as readonly string[]).includes(f.assetClass)) filters.assetClass = f.assetClass;
  const age = wholeIn(f.minAgeDays, 0, 36_500);
  if (age === null) errors.minAgeDays = 'Whole days, 0 or more';
  else if (age !== undefined) filters.minAgeDays = age;
  const dd = parseNumber(f.maxDrawdownPct);
  if (dd !== undefined && !(dd >= 0 && dd <= 100)) errors.maxDrawdownPct = 'Between 0 and 100 %';
  else if (dd === undefined && f.maxDrawdownPct.trim()) errors.maxDrawdownPct = 'A percentage';
  else if (dd !== undefined) filters.maxDrawdown = dd / 100;
  const lo = wholeIn(f.riskMin, 1, 10);
  const hi = wholeIn(f.riskMax, 1, 10);
  if (lo === null) errors.riskMin = '1 to 10';
  if (hi === null) errors.riskMax = '1 to 10';
  if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) errors.riskMax = 'At least the minimum';
  else {
    if (typeof lo === 'number') filters.riskMin = lo;
    if (typeof hi === 'number') filters.riskMax = hi;
  }
  const trades = wholeIn(f.minTrades, 0, 1_000_000);
  if (trades === null) errors.minTrades = 'A whole number';
  else if (trades !== undefined) filters.minTrades = trades;
  const search = f.search.trim().slice(0, 64);
  if (search) filters.search = search;
  return { filters, errors };
}

/** How many filters narrow the list (the search counts as one). */
export function activeFilterCount(filters: LeaderboardFilters): number {
  return Object.values(filters).filter((v) => v !== undefined && v !== '').length;
}
