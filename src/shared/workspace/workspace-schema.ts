import { z } from 'zod';
import { indicatorSpecSchema } from '../indicators';
import { timeframeSchema } from '../market/timeframes';

/** Chart layouts by number of panes. */
export const LAYOUTS = ['1', '2', '3', '4', '6', '8', '16'] as const;
export const layoutSchema = z.enum(LAYOUTS);
export type LayoutId = z.infer<typeof layoutSchema>;

export const CHART_TYPES = ['candles', 'bars', 'line', 'area', 'heikin-ashi'] as const;
export const chartTypeSchema = z.enum(CHART_TYPES);
export type ChartType = z.infer<typeof chartTypeSchema>;

export const chartPaneSchema = z.object({
  id: z.string().min(1).max(40),
  symbol: z.string().min(1).max(32),
  timeframe: timeframeSchema,
  chartType: chartTypeSchema.default('candles'),
  scale: z.enum(['linear', 'log']).default('linear'),
  indicators: z.array(indicatorSpecSchema).max(12).default([]),
});
export type ChartPane = z.infer<typeof chartPaneSchema>;

export const chartSyncSchema = z.object({
  symbol: z.boolean().default(false),
  timeframe: z.boolean().default(false),
  crosshair: z.boolean().default(true),
  timeRange: z.boolean().default(false),
});
export type ChartSync = z.infer<typeof chartSyncSchema>;

/** Everything a trader arranged: restored on restart, saved by name, exported as JSON. */
export const workspaceStateSchema = z
  .object({
    version: z.literal(1),
    layout: layoutSchema,
    panes: z.array(chartPaneSchema).min(1).max(16),
    activePane: z.int().min(0).max(15).default(0),
    sync: chartSyncSchema.default({ symbol: false, timeframe: false, crosshair: true, timeRange: false }),
    /** Relative column and row sizes of the layout's grid. */
    sizes: z.object({ cols: z.array(z.number().positive()).max(4), rows: z.array(z.number().positive()).max(4) }).optional(),
    watchlist: z.array(z.string().min(1).max(32)).max(200).default([]),
  })
  .refine((w) => w.activePane < w.panes.length, { message: 'activePane must name one of the panes', path: ['activePane'] });
export type WorkspaceState = z.infer<typeof workspaceStateSchema>;

export const workspaceNameSchema = z.string().trim().min(1).max(64);
