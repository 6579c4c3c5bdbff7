import { z } from 'zod';

/** An OHLCV bar; `time` is the bar's start in ms since the epoch (UTC). */
export const barSchema = z.object({
  time: z.int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number().nonnegative(),
});
export type Bar = z.infer<typeof barSchema>;
