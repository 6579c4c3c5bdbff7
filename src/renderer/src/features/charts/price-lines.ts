import { LineStyle, type IPriceLine, type ISeriesApi, type SeriesType } from 'lightweight-charts';

/** A horizontal line at a price: a working order, a position's entry, a stop-loss or take-profit. */
export interface PriceLineSpec {
  id: string;
  price: number;
  color: string;
  dashed: boolean;
  /** Short text on the price axis label (e.g. "LMT"); the overlay carries the full label. */
  axisTitle: string;
}

/** Keeps a series' price lines equal to a list of specs, changing only what changed. */
export function createPriceLines(): { set(series: ISeriesApi<SeriesType>, specs: readonly PriceLineSpec[]): void; reattach(series: ISeriesApi<SeriesType>): void } {
  let drawn = new Map<string, { line: IPriceLine; spec: PriceLineSpec }>();
  let current: readonly PriceLineSpec[] = [];
  const options = (s: PriceLineSpec) => ({ price: s.price, color: s.color, lineWidth: 1 as const, lineStyle: s.dashed ? LineStyle.Dashed : LineStyle.Solid, axisLabelVisible: true, title: s.axisTitle });
  const same = (a: PriceLineSpec, b: PriceLineSpec): boolean => a.price === b.price && a.color === b.color && a.dashed === b.dashed && a.axisTitle === b.axisTitle;
  return {
    set(series, specs) {
      current = specs;
      const next = new Map<string, { line: IPriceLine; spec: PriceLineSpec }>();
      for (const spec of specs) {
        const have = drawn.get(spec.id);
        if (have) {
          if (!same(have.spec, spec)) have.line.applyOptions(options(spec));
          next.set(spec.id, { line: have.line, spec });
          drawn.delete(spec.id);
        } else {
          next.set(spec.id, { line: series.createPriceLine(options(spec)), spec });
        }
      }
      for (const gone of drawn.values()) series.removePriceLine(gone.line);
      drawn = next;
    },
    /** The main series was replaced (chart type changed): its lines went with it. */
    reattach(series) {
      drawn = new Map();
      this.set(series, current);
    },
  };
}
