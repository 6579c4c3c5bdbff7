export { computeAll, type IndicatorCalculator } from './indicator';
export {
  createCalculator,
  INDICATOR_DEFAULTS,
  indicatorLabel,
  indicatorSpecSchema,
  isOverlay,
  type IndicatorKind,
  type IndicatorOutputs,
  type IndicatorSpec,
  type IndicatorSpecOf,
} from './indicator-spec';
export { createAtr, type AtrOptions } from './atr';
export { createBollinger, type BollingerOptions, type BollingerValue } from './bollinger';
export { createEma, type EmaOptions } from './ema';
export { createHeikinAshi, heikinAshi } from './heikin-ashi';
export { createMacd, type MacdOptions, type MacdValue } from './macd';
export { createRsi, type RsiOptions } from './rsi';
export { createSma, type SmaOptions } from './sma';
export { createVolume } from './volume';
export { createVwap } from './vwap';
