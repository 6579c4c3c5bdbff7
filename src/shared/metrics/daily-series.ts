import { byTime } from './by-time';
import { dayIndex, dayIndexFromUtcDay, DAY_MS, utcDayFromIndex, type UtcDay } from './utc-day';

/** One raw equity observation published by a strategy (at least daily). */
export interface EquityMark {
  /** ms since the epoch. */
  time: number;
  /** Cash + open positions marked to market, account currency. */
  equity: number;
  /** Σ|qty| × mark price in account currency at that time. */
  grossExposure: number;
}

/** An external capital flow: deposit (+) or withdrawal (−). Fees, funding and rebates are P&L, not flows. */
export interface CapitalFlow {
  /** ms since the epoch. */
  time: number;
  /** Account currency. */
  amount: number;
}

/** One calendar day of the daily series: `E_d`, `F_d` and the gross exposure at the end of day `d`. */
export interface DailyPoint {
  day: UtcDay;
  /** Equity at the end of the day. */
  equity: number;
  /** Sum of the external flows stamped inside the day. */
  flow: number;
  /** Gross exposure at the end of the day (for leverage). */
  grossExposure: number;
}

/**
 * Builds `E_0..E_n`: one point per calendar UTC day from the first mark's day to `lastDay`
 * (default: the last mark's day). A day's equity and gross exposure are those of the last mark at or
 * before the end of the day, carried forward on days without one; its flow is the sum of the flows
 * stamped inside it. Leading days whose equity is not above 0 are dropped, so the first point is the
 * first funded day (the base). Marks and flows after `lastDay` are ignored.
 */
export function dailySeries(marks: readonly EquityMark[], flows: readonly CapitalFlow[], lastDay?: UtcDay): DailyPoint[] {
  if (marks.length === 0) return [];
  const sortedMarks = byTime(marks);
  const sortedFlows = byTime(flows);
  const first = dayIndex(sortedMarks[0]!.time);
  const last = lastDay === undefined ? dayIndex(sortedMarks[sortedMarks.length - 1]!.time) : dayIndexFromUtcDay(lastDay);
  const out: DailyPoint[] = [];
  let m = 0;
  let f = 0;
  let equity = 0;
  let grossExposure = 0;
  // Flows before the first mark's day precede any equity, so they can carry no return.
  while (f < sortedFlows.length && dayIndex(sortedFlows[f]!.time) < first) f++;
  for (let d = first; d <= last; d++) {
    const end = (d + 1) * DAY_MS;
    while (m < sortedMarks.length && sortedMarks[m]!.time < end) {
      equity = sortedMarks[m]!.equity;
      grossExposure = sortedMarks[m]!.grossExposure;
      m++;
    }
    let flow = 0;
    while (f < sortedFlows.length && sortedFlows[f]!.time < end) flow += sortedFlows[f++]!.amount;
    if (out.length === 0 && !(equity > 0)) continue;
    out.push({ day: utcDayFromIndex(d), equity, flow, grossExposure });
  }
  return out;
}
