import type { z } from 'zod';
import {
  computeStrategyMetrics,
  dailySeries,
  dayIndex,
  roundTrips,
  utcDayFromIndex,
  type CapitalFlow,
  type EquityMark,
  type MetricFill,
  type RoundTrip,
  type StrategyMetrics,
  type UtcDay,
} from '../../shared/metrics';
import type { roundTripSchema } from '../../shared/social/metrics-schema';
import type { EventBody, FillBody } from '../../shared/social/strategy-event';

/** What the metrics take from a stream: its fills, equity marks and capital flows, in stream order. */
export interface StreamInputs {
  fills: MetricFill[];
  marks: EquityMark[];
  flows: CapitalFlow[];
}

/** A verified fill as the metrics take it: the instrument's lot step comes with it, so every reader rounds alike. */
export function metricFill(body: FillBody): MetricFill {
  return { symbol: body.symbol, side: body.side, qty: body.qty, price: body.price, fee: body.fee, fxRate: body.fxRate, time: body.time, lotStep: body.lotStep };
}

/** Splits event bodies (in seq order) into the metrics' inputs. */
export function streamInputs(bodies: Iterable<EventBody>): StreamInputs {
  const out: StreamInputs = { fills: [], marks: [], flows: [] };
  for (const b of bodies) {
    if (b.type === 'fill') out.fills.push(metricFill(b));
    else if (b.type === 'mark') out.marks.push({ time: b.time, equity: b.equity, grossExposure: b.grossExposure });
    else out.flows.push({ time: b.time, amount: b.amount });
  }
  return out;
}

export type WireRoundTrip = z.infer<typeof roundTripSchema>;

/** Most recent first: open trips (latest opened first), then up to `closedKept` closed ones (latest closed first). */
export function recentTrades(trips: { open: readonly RoundTrip[]; closed: readonly RoundTrip[] }, closedKept = 100): WireRoundTrip[] {
  const open = [...trips.open].sort((a, b) => b.openedAt - a.openedAt);
  const closed = trips.closed.slice(-closedKept).reverse();
  return [...open, ...closed].map((t) => ({
    symbol: t.symbol,
    side: t.side,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    maxQty: t.maxQty,
    fees: t.fees,
    pnl: t.pnl,
    closes: t.closes.map((c) => ({ time: c.time, qty: c.qty, price: c.price, realizedPnl: c.realizedPnl })),
  }));
}

/**
 * The day the daily series runs to: today (a quiet strategy's equity carries forward), or the last
 * mark's day when that is later (a publisher's clock a little ahead) — as the hub's leaderboard does.
 */
export function seriesLastDay(marks: readonly EquityMark[], now: number): UtcDay {
  let last = dayIndex(now);
  for (const m of marks) last = Math.max(last, dayIndex(m.time));
  return utcDayFromIndex(last);
}

/**
 * Every figure of a strategy profile from its verified stream alone (METRICS.md): the daily series
 * from its marks and flows (days without a mark carry equity forward), the round trips from its fills.
 */
export function streamFigures(inputs: StreamInputs, now: number): { metrics: StrategyMetrics; recentTrades: WireRoundTrip[] } {
  const days = dailySeries(inputs.marks, inputs.flows, seriesLastDay(inputs.marks, now));
  return { metrics: computeStrategyMetrics({ days, fills: inputs.fills }), recentTrades: recentTrades(roundTrips(inputs.fills)) };
}
