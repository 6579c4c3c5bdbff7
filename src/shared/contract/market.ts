import { z } from 'zod';
import { barSchema } from '../market/bar';
import type { BarColumns } from '../market/bar-columns';
import { instrumentSchema, symbolSchema } from '../market/instrument';
import { timeframeSchema } from '../market/timeframes';
import { defineEvent, defineMethod } from './define';

const symbolsSchema = z.array(symbolSchema).min(1).max(100);
export const MAX_BARS_PER_CALL = 5000;

/** `market.bars` with `format: "columns"`: one array per field, all of the same length. */
export const barColumnsSchema = z
  .object({
    time: z.array(z.int()),
    open: z.array(z.number()),
    high: z.array(z.number()),
    low: z.array(z.number()),
    close: z.array(z.number()),
    volume: z.array(z.number().nonnegative()),
  })
  .refine((c) => [c.open, c.high, c.low, c.close, c.volume].every((column) => column.length === c.time.length), { message: 'every column has one value per bar' }) satisfies z.ZodType<BarColumns>;

export const quoteSchema = z.object({
  symbol: z.string(),
  time: z.int(),
  bid: z.number(),
  ask: z.number(),
  bidSize: z.number().nonnegative(),
  askSize: z.number().nonnegative(),
  last: z.number(),
  /** Close of the previous trading day, for the day's change; null when unknown. */
  prevClose: z.number().nullable(),
});
export type Quote = z.infer<typeof quoteSchema>;

export const marketMethods = {
  'market.instruments': defineMethod({
    summary: 'Instruments of the market feed, optionally filtered by a query on symbol and name (best matches first).',
    params: z.strictObject({ query: z.string().max(64).optional() }),
    result: z.array(instrumentSchema),
  }),
  'market.bars': defineMethod({
    summary: `Bars of one symbol and timeframe, ascending by time: the last \`limit\` (≤ ${MAX_BARS_PER_CALL}) starting before \`before\` (ms; default now, including the bar still forming). Gaps are backfilled from the feed and cached. \`format: "columns"\` answers with one array per field (\`{ time: [...], open: [...], ... }\`) instead of one object per bar: about half the bytes, for large loads.`,
    params: z.strictObject({
      symbol: symbolSchema,
      timeframe: timeframeSchema,
      before: z.int().positive().optional(),
      limit: z.int().min(1).max(MAX_BARS_PER_CALL).default(500),
      format: z.enum(['rows', 'columns']).default('rows'),
    }),
    result: z.union([z.array(barSchema), barColumnsSchema]),
  }),
  'market.subscribe': defineMethod({
    summary: 'Starts live data for symbols on this connection: `market.quote` events, and `market.bar` events for the given timeframes (default 1m; `[]` for quotes only). Returns every symbol this connection follows.',
    params: z.strictObject({ symbols: symbolsSchema, timeframes: z.array(timeframeSchema).max(7).default(['1m']) }),
    result: z.object({ symbols: z.array(z.string()) }),
  }),
  'market.unsubscribe': defineMethod({
    summary: 'Stops live bars for the given timeframes of symbols on this connection, or all live data for them when no timeframes are given.',
    params: z.strictObject({ symbols: symbolsSchema, timeframes: z.array(timeframeSchema).max(7).optional() }),
    result: z.object({ symbols: z.array(z.string()) }),
  }),
  'market.importBars': defineMethod({
    summary: 'Imports OHLCV history from CSV (a file path on the host, or the text itself) into the cache for a known symbol. Common layouts are detected; a bad row is reported with its line and nothing is imported.',
    params: z
      .strictObject({
        symbol: symbolSchema,
        timeframe: timeframeSchema,
        path: z.string().min(1).max(4096).optional(),
        text: z.string().min(1).optional(),
      })
      .refine((p) => (p.path === undefined) !== (p.text === undefined), { message: 'give exactly one of path or text', path: ['path'] }),
    result: z.object({ imported: z.int().nonnegative(), from: z.int(), to: z.int(), layout: z.string() }),
  }),
};

export const marketEvents = {
  'market.quote': defineEvent({
    summary: 'Top of book and last trade of a followed symbol, coalesced to at most 20 a second per symbol.',
    payload: quoteSchema,
  }),
  'market.bar': defineEvent({
    summary: 'The bar forming now for a followed symbol and timeframe (coalesced), and each bar once more with `final: true` when it closes.',
    payload: z.object({ symbol: z.string(), timeframe: timeframeSchema, bar: barSchema, final: z.boolean() }),
  }),
  'market.instruments': defineEvent({
    summary: 'A venue’s instruments appeared or changed (a live account connected and loaded its exchange’s markets): call `market.instruments` again.',
    payload: z.object({ venue: z.string(), count: z.int().nonnegative() }),
  }),
  'market.history': defineEvent({
    summary: 'Bars of a followed symbol in [from, to) were replaced by the exchange’s own (backfilled after a reconnect): charts showing that span reload it.',
    payload: z.object({ symbol: z.string(), from: z.int(), to: z.int() }),
  }),
};
