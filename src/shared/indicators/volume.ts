import type { IndicatorCalculator } from './indicator';

/** The bar's own volume, so a volume pane is driven like any other indicator. */
export function createVolume(): IndicatorCalculator<number> {
  return { push: (bar) => bar.volume, updateLast: (bar) => bar.volume };
}
