import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type SeriesType, type UTCTimestamp, type WhitespaceData } from 'lightweight-charts';
import { createCalculator, indicatorLabel, isOverlay, type IndicatorCalculator, type IndicatorSpec } from '../../../../shared/indicators';
import type { Bar } from '../../../../shared/market/bar';
import { seriesColors } from './chart-theme';

type Point = { time: UTCTimestamp; value: number; color?: string } | WhitespaceData<UTCTimestamp>;

/** One indicator on a chart: its calculator, its series, and how an output becomes points. */
export interface IndicatorSeries {
  readonly spec: IndicatorSpec;
  /** Computes over all bars (so values are exact) and draws those from index `from` on. */
  setBars(bars: readonly Bar[], from: number): void;
  /** Live bar: `replace` when it is the same bar as the last one (still forming). */
  update(bar: Bar, replace: boolean): void;
  remove(): void;
}

const toTime = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;

/**
 * Adds an indicator to the chart: overlays on the price pane, the others each in a pane of their
 * own below it. Values come from the shared incremental calculators.
 */
export function addIndicatorSeries(chart: IChartApi, spec: IndicatorSpec, paneIndex: number, colorIndex: number): IndicatorSeries {
  const colors = seriesColors();
  const color = colors.palette[colorIndex % colors.palette.length]!;
  const label = indicatorLabel(spec);
  const pane = isOverlay(spec.kind) ? 0 : paneIndex;
  const line = (c: string, title: string, width: 1 | 2 = 1): ISeriesApi<'Line'> =>
    chart.addSeries(LineSeries, { color: c, lineWidth: width, title, priceLineVisible: false, lastValueVisible: true, crosshairMarkerVisible: false }, pane);

  // Each output is mapped to one or more series; `project` turns a calculator value into points.
  let series: Array<ISeriesApi<SeriesType>>;
  let project: (value: unknown, bar: Bar) => Point[];
  switch (spec.kind) {
    case 'bollinger': {
      const [u, m, l] = [line(color, `${label} U`), line(color, label), line(color, `${label} L`)];
      m.applyOptions({ lineStyle: LineStyle.Dashed });
      series = [u, m, l];
      project = (v, b) => {
        const t = toTime(b.time);
        const x = v as { upper: number; middle: number; lower: number } | null;
        return x ? [{ time: t, value: x.upper }, { time: t, value: x.middle }, { time: t, value: x.lower }] : [{ time: t }, { time: t }, { time: t }];
      };
      break;
    }
    case 'macd': {
      const hist = chart.addSeries(HistogramSeries, { title: 'Hist', priceLineVisible: false, lastValueVisible: false }, pane);
      series = [hist, line(colors.line, label), line(colors.accent, 'Signal')];
      project = (v, b) => {
        const t = toTime(b.time);
        const x = v as { macd: number; signal: number | null; histogram: number | null } | null;
        if (!x) return [{ time: t }, { time: t }, { time: t }];
        return [
          x.histogram === null ? { time: t } : { time: t, value: x.histogram, color: x.histogram >= 0 ? colors.up : colors.down },
          { time: t, value: x.macd },
          x.signal === null ? { time: t } : { time: t, value: x.signal },
        ];
      };
      break;
    }
    case 'volume': {
      series = [chart.addSeries(HistogramSeries, { title: 'Vol', priceLineVisible: false, priceFormat: { type: 'volume' } }, pane)];
      project = (v, b) => [v === null ? { time: toTime(b.time) } : { time: toTime(b.time), value: v as number, color: b.close >= b.open ? `${colors.up}99` : `${colors.down}99` }];
      break;
    }
    case 'rsi': {
      const s = line(color, label, 2);
      s.createPriceLine({ price: 70, color: colors.down, lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false, title: '' });
      s.createPriceLine({ price: 30, color: colors.up, lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false, title: '' });
      series = [s];
      project = (v, b) => [v === null ? { time: toTime(b.time) } : { time: toTime(b.time), value: v as number }];
      break;
    }
    default: {
      series = [line(color, label, spec.kind === 'atr' ? 2 : 1)];
      project = (v, b) => [v === null ? { time: toTime(b.time) } : { time: toTime(b.time), value: v as number }];
    }
  }

  let calc: IndicatorCalculator<unknown> = createCalculator(spec);
  return {
    spec,
    setBars(bars, from) {
      calc = createCalculator(spec);
      const columns: Point[][] = series.map(() => new Array<Point>(bars.length - from));
      for (let i = 0; i < bars.length; i++) {
        const value = calc.push(bars[i]!);
        if (i < from) continue;
        const points = project(value, bars[i]!);
        for (let k = 0; k < series.length; k++) columns[k]![i - from] = points[k]!;
      }
      series.forEach((s, k) => s.setData(columns[k]!));
    },
    update(bar, replace) {
      const points = project(replace ? calc.updateLast(bar) : calc.push(bar), bar);
      series.forEach((s, k) => s.update(points[k]!));
    },
    remove() {
      for (const s of series) chart.removeSeries(s);
    },
  };
}
