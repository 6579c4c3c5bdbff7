import type { Result } from '../../../../shared/contract';
import { computeStrategyMetrics } from '../../../../shared/metrics';
import type { DayValue } from '../strategy/equity-series';
import { formatCount, formatDrawdown, formatRatio, formatReturn, toneOf } from '../strategy/figures';

export type WhatIf = Result<'copy.whatIf'>;
type Side = WhatIf['follower'];

/** One line of the side-by-side statistics: the copy's figure and the leader's, as shown. */
export interface WhatIfRow {
  label: string;
  title: string;
  mine: string;
  leader: string;
  mineTone: '' | 'up' | 'down';
  leaderTone: '' | 'up' | 'down';
  /** The risk score is drawn as a badge: its raw value. */
  risk?: { mine: number | null; leader: number | null };
}

const row = (label: string, title: string, pick: (s: Side) => number | null, format: (v: number | null) => string, toned: boolean, r: WhatIf): WhatIfRow => {
  const mine = pick(r.follower);
  const leader = pick(r.leader);
  return { label, title, mine: format(mine), leader: format(leader), mineTone: toned ? toneOf(mine) : '', leaderTone: toned ? toneOf(leader) : '' };
};

/** Return, CAGR, max drawdown, Sharpe, risk score and trades of the copy beside the leader's ("—" where METRICS.md has none). */
export function whatIfRows(r: WhatIf): WhatIfRow[] {
  return [
    row('Return', 'Time-weighted return over the window', (s) => s.stats.return, (v) => formatReturn(v), true, r),
    row('CAGR', 'Annualised return (needs 30 return days)', (s) => s.stats.cagr, (v) => formatReturn(v, 1), true, r),
    { ...row('Max drawdown', 'Largest fall of the equity index from a peak', (s) => s.stats.maxDrawdown.value, (v) => formatDrawdown(v), false, r), mineTone: r.follower.stats.maxDrawdown.value ? 'down' : '', leaderTone: r.leader.stats.maxDrawdown.value ? 'down' : '' },
    row('Sharpe', 'Mean daily return ÷ its standard deviation × √365 (needs 30 return days)', (s) => s.stats.sharpe, (v) => formatRatio(v), false, r),
    { ...row('Risk score', 'Risk 1–10 from the volatility of the last 90 return days', (s) => s.riskScore, (v) => (v === null ? '—' : String(v)), false, r), risk: { mine: r.follower.riskScore, leader: r.leader.riskScore } },
    row('Trades', 'Closed round trips in the window', (s) => s.stats.trades, (v) => formatCount(v), false, r),
  ];
}

/**
 * The drawdown under an equity index (`1 − I_d / running max`), computed by the one metrics
 * implementation from the index taken as an equity series without flows.
 */
export function drawdownOfIndex(index: readonly DayValue[]): DayValue[] {
  if (index.length === 0) return [];
  return computeStrategyMetrics({ days: index.map((p) => ({ day: p.day, equity: p.value, flow: 0, grossExposure: 0 })), fills: [] }).drawdown;
}

/** The most frequent reasons for not copying, at most `n`. */
export const topReasons = (r: WhatIf, n = 4): WhatIf['reasons'] => r.reasons.slice(0, n);
