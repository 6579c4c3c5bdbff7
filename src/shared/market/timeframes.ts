import { z } from 'zod';

/** Bar timeframes, all aligned to UTC (a 4h bar starts at 00, 04, 08… UTC; a 1D bar at 00:00 UTC). */
export const TIMEFRAMES = ['1s', '1m', '5m', '15m', '1h', '4h', '1D'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export const timeframeSchema = z.enum(TIMEFRAMES);

/** Milliseconds in a minute, an hour and a (UTC) day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1s': 1_000,
  '1m': MINUTE_MS,
  '5m': 300_000,
  '15m': 900_000,
  '1h': HOUR_MS,
  '4h': 14_400_000,
  '1D': DAY_MS,
};

/** Start (ms since epoch, UTC) of the bar of `tf` containing `timeMs`. */
export function bucketStart(timeMs: number, tf: Timeframe): number {
  const size = TIMEFRAME_MS[tf];
  return timeMs - (((timeMs % size) + size) % size);
}
