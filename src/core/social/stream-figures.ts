import type { z } from 'zod';
import { computeStrategyMetrics, roundTrips, type RoundTrip, type StrategyMetrics } from '../../shared/metrics';
import type { roundTripSchema } from '../../shared/social/metrics-schema';
import { streamDays, type StreamInputs } from '../../shared/social/stream-inputs';

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
 * Every figure of a strategy profile from its verified stream alone (METRICS.md): the daily series
 * from its marks and flows (days without a mark carry equity forward), the round trips from its fills.
 */
export function streamFigures(inputs: StreamInputs, now: number): { metrics: StrategyMetrics; recentTrades: WireRoundTrip[] } {
  const days = streamDays(inputs, now);
  return { metrics: computeStrategyMetrics({ days, fills: inputs.fills }), recentTrades: recentTrades(roundTrips(inputs.fills)) };
}
