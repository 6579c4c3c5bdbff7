import { z } from 'zod';

export const ASSET_CLASSES = ['crypto', 'stock', 'fx', 'index'] as const;
export const assetClassSchema = z.enum(ASSET_CLASSES);
export type AssetClass = z.infer<typeof assetClassSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/**
 * When an instrument trades, in its venue's time zone. A session may wrap midnight (FX opens
 * Sunday 17:00 New York and runs to Friday 17:00); `days` are ISO weekdays (1 = Monday) on which
 * a session opens.
 */
export const tradingHoursSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always') }),
  z.object({
    kind: z.literal('sessions'),
    timeZone: z.string(),
    sessions: z.array(z.object({ days: z.array(z.int().min(1).max(7)).min(1), open: hhmm, close: hhmm })).min(1),
  }),
]);
export type TradingHours = z.infer<typeof tradingHoursSchema>;

/**
 * A symbol as a caller writes it in a request (`BTC/USDT`, `AAPL`, `BINANCE:BTC/USDT`): trimmed,
 * 1 to 48 characters. A live exchange's instruments carry its venue as a prefix.
 */
export const symbolSchema = z.string().trim().min(1).max(48);

export const instrumentSchema = z.object({
  symbol: z.string().min(1),
  name: z.string(),
  assetClass: assetClassSchema,
  venue: z.string(),
  quoteCurrency: z.string().min(3).max(5),
  tickSize: z.number().positive(),
  lotStep: z.number().positive(),
  minQty: z.number().positive(),
  pricePrecision: z.int().min(0).max(12),
  tradingHours: tradingHoursSchema,
});
export type Instrument = z.infer<typeof instrumentSchema>;
