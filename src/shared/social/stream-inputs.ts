import {
  dailySeries,
  dayIndex,
  utcDayFromIndex,
  type CapitalFlow,
  type DailyPoint,
  type EquityMark,
  type MetricFill,
  type UtcDay,
} from '../metrics';
import type { EventBody, FillBody } from './strategy-event';

/**
 * What the metrics take from a verified strategy stream, read the same way by the hub's
 * leaderboard, the core's strategy profiles and the copy executor.
 */
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

/**
 * The day a stream's daily series runs to: today (a quiet strategy's equity carries forward,
 * METRICS.md), or the last mark's day when that is later (a publisher's clock a little ahead).
 */
export function seriesLastDay(marks: readonly EquityMark[], now: number): UtcDay {
  let last = dayIndex(now);
  for (const m of marks) last = Math.max(last, dayIndex(m.time));
  return utcDayFromIndex(last);
}

/** A stream's daily series (E_0…E_n with flows) as of `now`. */
export function streamDays(inputs: Pick<StreamInputs, 'marks' | 'flows'>, now: number): DailyPoint[] {
  return dailySeries(inputs.marks, inputs.flows, seriesLastDay(inputs.marks, now));
}
