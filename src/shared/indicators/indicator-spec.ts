import { z } from 'zod';
import { createAtr } from './atr';
import { type BollingerValue, createBollinger } from './bollinger';
import { createEma } from './ema';
import type { IndicatorCalculator } from './indicator';
import { createMacd, type MacdValue } from './macd';
import { createRsi } from './rsi';
import { createSma } from './sma';
import { createVolume } from './volume';
import { createVwap } from './vwap';

const period = (fallback: number) => z.int().min(1).max(500).default(fallback);

const smaSpecSchema = z.object({ kind: z.literal('sma'), period: period(20) });
const emaSpecSchema = z.object({ kind: z.literal('ema'), period: period(50) });
const bollingerSpecSchema = z.object({ kind: z.literal('bollinger'), period: period(20), stdDev: z.number().min(0.1).max(10).default(2) });
const vwapSpecSchema = z.object({ kind: z.literal('vwap') });
const rsiSpecSchema = z.object({ kind: z.literal('rsi'), period: period(14) });
const macdSpecSchema = z
  .object({ kind: z.literal('macd'), fast: period(12), slow: period(26), signal: period(9) })
  .refine((spec) => spec.fast < spec.slow, { message: 'The MACD fast period must be shorter than the slow period', path: ['fast'] });
const atrSpecSchema = z.object({ kind: z.literal('atr'), period: period(14) });
const volumeSpecSchema = z.object({ kind: z.literal('volume') });

/**
 * A chart indicator and its parameters, as saved in a layout. Parsing fills missing parameters
 * with the defaults (SMA 20, EMA 50, BB 20 2, RSI 14, MACD 12 26 9, ATR 14).
 */
export const indicatorSpecSchema = z.discriminatedUnion('kind', [
  smaSpecSchema,
  emaSpecSchema,
  bollingerSpecSchema,
  vwapSpecSchema,
  rsiSpecSchema,
  macdSpecSchema,
  atrSpecSchema,
  volumeSpecSchema,
]);

/** A chart indicator and its parameters. */
export type IndicatorSpec = z.infer<typeof indicatorSpecSchema>;

/** Which indicator a spec is for. */
export type IndicatorKind = IndicatorSpec['kind'];

/** The spec of one kind. */
export type IndicatorSpecOf<K extends IndicatorKind> = Extract<IndicatorSpec, { kind: K }>;

/** What each kind's calculator yields per bar. */
export type IndicatorOutputs = {
  sma: number;
  ema: number;
  bollinger: BollingerValue;
  vwap: number;
  rsi: number;
  macd: MacdValue;
  atr: number;
  volume: number;
};

/** The default spec of every kind, e.g. for an "add indicator" menu. */
export const INDICATOR_DEFAULTS: { readonly [K in IndicatorKind]: Readonly<IndicatorSpecOf<K>> } = {
  sma: Object.freeze(smaSpecSchema.parse({ kind: 'sma' })),
  ema: Object.freeze(emaSpecSchema.parse({ kind: 'ema' })),
  bollinger: Object.freeze(bollingerSpecSchema.parse({ kind: 'bollinger' })),
  vwap: Object.freeze(vwapSpecSchema.parse({ kind: 'vwap' })),
  rsi: Object.freeze(rsiSpecSchema.parse({ kind: 'rsi' })),
  macd: Object.freeze(macdSpecSchema.parse({ kind: 'macd' })),
  atr: Object.freeze(atrSpecSchema.parse({ kind: 'atr' })),
  volume: Object.freeze(volumeSpecSchema.parse({ kind: 'volume' })),
};

// Overlays share the price pane (and its scale); the others get a pane of their own.
const OVERLAY: Readonly<Record<IndicatorKind, boolean>> = {
  sma: true,
  ema: true,
  bollinger: true,
  vwap: true,
  volume: false,
  rsi: false,
  macd: false,
  atr: false,
};

/** True when `kind` is drawn over the price pane rather than in a sub-pane. */
export function isOverlay(kind: IndicatorKind): boolean {
  return OVERLAY[kind];
}

/** A short legend label: "SMA 20", "BB 20 2", "MACD 12 26 9", "VWAP". */
export function indicatorLabel(spec: IndicatorSpec): string {
  switch (spec.kind) {
    case 'sma':
      return `SMA ${spec.period}`;
    case 'ema':
      return `EMA ${spec.period}`;
    case 'bollinger':
      return `BB ${spec.period} ${spec.stdDev}`;
    case 'vwap':
      return 'VWAP';
    case 'rsi':
      return `RSI ${spec.period}`;
    case 'macd':
      return `MACD ${spec.fast} ${spec.slow} ${spec.signal}`;
    case 'atr':
      return `ATR ${spec.period}`;
    case 'volume':
      return 'Volume';
  }
}

const FACTORIES: { readonly [K in IndicatorKind]: (spec: IndicatorSpecOf<K>) => IndicatorCalculator<IndicatorOutputs[K]> } = {
  sma: createSma,
  ema: createEma,
  bollinger: createBollinger,
  vwap: () => createVwap(),
  rsi: createRsi,
  macd: createMacd,
  atr: createAtr,
  volume: () => createVolume(),
};

/** A fresh calculator for `spec`. */
export function createCalculator<S extends IndicatorSpec>(spec: S): IndicatorCalculator<IndicatorOutputs[S['kind']]> {
  // TypeScript cannot tie FACTORIES[spec.kind] to spec's own kind; the mapped type above does.
  const factory = FACTORIES[spec.kind] as (spec: S) => IndicatorCalculator<IndicatorOutputs[S['kind']]>;
  return factory(spec);
}
