import {
  AreaSeries,
  BarSeries,
  CandlestickSeries,
  createChart,
  LineSeries,
  PriceScaleMode,
  type IChartApi,
  type ISeriesApi,
  type MouseEventParams,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { createHeikinAshi, heikinAshi, isOverlay, type IndicatorCalculator, type IndicatorSpec } from '../../../../shared/indicators';
import type { Bar } from '../../../../shared/market/bar';
import type { Instrument } from '../../../../shared/market/instrument';
import type { ChartType } from '../../../../shared/workspace/workspace-schema';
import { chartThemeOptions, seriesColors } from './chart-theme';
import { formatPercent, formatPrice, formatVolume } from './format';
import { addIndicatorSeries, type IndicatorSeries } from './indicator-series';
import { createPriceLines, type PriceLineSpec } from './price-lines';
import { tickMarkLabel } from './tick-marks';

export interface PaneChartEvents {
  /** The user moved the crosshair (time in ms), or left the chart (null). */
  onCrosshair(time: number | null): void;
  /** The user scrolled or zoomed: visible time range in ms. */
  onVisibleRange(range: { from: number; to: number }): void;
  /** The user scrolled near the oldest loaded bar. */
  onNeedOlder(): void;
}

/** A lightweight-charts chart for one pane: main series, indicators, legend, live updates. */
export interface PaneChart {
  /** Replaces all bars (first load, older bars prepended, symbol or timeframe changed). */
  setBars(bars: readonly Bar[], keepRange: boolean): void;
  /** A live bar: updates the last one or appends — `series.update()`, never `setData()`. */
  update(bar: Bar): void;
  setChartType(type: ChartType): void;
  setScale(scale: 'linear' | 'log'): void;
  setIndicators(specs: readonly IndicatorSpec[]): void;
  setInstrument(instrument: Instrument | undefined): void;
  /** Shows the crosshair of a synced pane (or hides it). */
  showCrosshair(time: number | null): void;
  setVisibleRange(range: { from: number; to: number }): void;
  applyTheme(): void;
  /** Trading lines on the main series (working orders, position entry, stop-loss, take-profit). */
  setPriceLines(lines: readonly PriceLineSpec[]): void;
  /** Pixel y of a price within the chart area; null when it cannot be placed. */
  priceToY(price: number): number | null;
  yToPrice(y: number): number | null;
  /** Width of the right price scale, so overlays stay clear of it. */
  priceScaleWidth(): number;
  /** Height of the price pane (the indicator and volume panes are below it). */
  mainPaneHeight(): number;
  /** Called at most once a frame when prices may have moved on screen (scroll, zoom, autoscale, resize). */
  onViewChange(listener: () => void): () => void;
  /** The chart as an image (lightweight-charts' own screenshot: panes and scales). */
  takeScreenshot(): HTMLCanvasElement;
  readonly bars: readonly Bar[];
  destroy(): void;
}

const toTime = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;
const fromTime = (t: Time): number => (t as number) * 1000;

/**
 * lightweight-charts rebuilds an object per bar of a series on every update, so a live series'
 * cost grows with its length. The chart therefore holds only the newest bars (plus what the user
 * scrolled back to); the rest stay in memory, and indicators are computed over all of them.
 */
const SERIES_WINDOW = 600;
const WINDOW_STEP = 600;

export function createPaneChart(container: HTMLElement, legend: HTMLElement, events: PaneChartEvents): PaneChart {
  const theme = chartThemeOptions();
  const chart: IChartApi = createChart(container, { autoSize: true, ...theme, timeScale: { ...theme.timeScale, tickMarkFormatter: tickMarkLabel } });
  let bars: Bar[] = [];
  /** Index in `bars` of the first bar handed to the chart. */
  let windowStart = 0;
  let hoverTime: number | null = null;
  let type: ChartType = 'candles';
  let instrument: Instrument | undefined;
  let main: ISeriesApi<SeriesType> = addMain(chart, type);
  let ha: IndicatorCalculator<Bar> = createHeikinAshi();
  let indicators: IndicatorSeries[] = [];
  let specs: readonly IndicatorSpec[] = [];
  let syncing = false;
  const priceLines = createPriceLines();
  const viewListeners = new Set<() => void>();
  let viewFrame = 0;
  const viewChanged = (): void => {
    if (viewFrame !== 0 || viewListeners.size === 0) return;
    viewFrame = requestAnimationFrame(() => {
      viewFrame = 0;
      for (const l of viewListeners) l();
    });
  };
  const resizeObserver = new ResizeObserver(viewChanged);
  resizeObserver.observe(container);

  const precision = (): number => instrument?.pricePrecision ?? 2;
  const applyPriceFormat = (): void => {
    main.applyOptions({ priceFormat: { type: 'price', precision: precision(), minMove: instrument?.tickSize ?? 0.01 } });
  };

  const mainPoint = (b: Bar, haBar?: Bar | null) => {
    if (type === 'line' || type === 'area') return { time: toTime(b.time), value: b.close };
    const src = type === 'heikin-ashi' && haBar ? haBar : b;
    return { time: toTime(b.time), open: src.open, high: src.high, low: src.low, close: src.close };
  };

  const setMainData = (): void => {
    const shown = bars.slice(windowStart);
    if (type === 'heikin-ashi') {
      // Heikin-Ashi carries state from the first bar: transform all, draw the window.
      const transformed = heikinAshi(bars);
      ha = createHeikinAshi();
      for (const b of bars) ha.push(b);
      main.setData(shown.map((b, i) => mainPoint(b, transformed[windowStart + i])));
    } else {
      main.setData(shown.map((b) => mainPoint(b)));
    }
  };

  const setAllData = (): void => {
    setMainData();
    for (const s of indicators) s.setBars(bars, windowStart);
  };

  // The legend's spans are made once; updates only change their text.
  const legendCells = ['O', 'H', 'L', 'C', 'V', ''].map((k) => {
    const span = document.createElement('span');
    const key = document.createElement('b');
    key.textContent = k;
    const value = document.createTextNode('');
    span.append(key, value);
    legend.append(span);
    return value;
  });
  const renderLegend = (index: number): void => {
    const bar = bars[index];
    if (!bar) {
      for (const c of legendCells) c.data = '';
      return;
    }
    const p = precision();
    const prev = bars[index - 1];
    const change = prev ? bar.close / prev.close - 1 : bar.close / bar.open - 1;
    legend.dataset.dir = bar.close >= bar.open ? 'up' : 'down';
    const values = [formatPrice(bar.open, p), formatPrice(bar.high, p), formatPrice(bar.low, p), formatPrice(bar.close, p), formatVolume(bar.volume), formatPercent(change)];
    values.forEach((v, i) => (legendCells[i]!.data = v));
  };

  const indexAt = (ms: number): number => {
    let lo = 0;
    let hi = bars.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = bars[mid]!.time;
      if (t === ms) return mid;
      if (t < ms) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  const onCrosshairMove = (param: MouseEventParams): void => {
    hoverTime = param.time === undefined ? null : fromTime(param.time);
    const at = hoverTime === null ? -1 : indexAt(hoverTime);
    renderLegend(at >= 0 ? at : bars.length - 1);
    if (!syncing && param.sourceEvent) events.onCrosshair(hoverTime);
    viewChanged();
  };
  chart.subscribeCrosshairMove(onCrosshairMove);

  /** Hands older in-memory bars to the chart; false when it already has them all. */
  const widenWindow = (): boolean => {
    if (windowStart === 0) return false;
    windowStart = Math.max(0, windowStart - WINDOW_STEP);
    keepingRange(setAllData);
    return true;
  };
  const keepingRange = (fn: () => void): void => {
    const range = chart.timeScale().getVisibleRange();
    fn();
    if (range) {
      syncing = true;
      chart.timeScale().setVisibleRange(range);
      syncing = false;
    }
  };
  let widening = false;
  const onLogicalRange = (range: { from: number; to: number } | null): void => {
    viewChanged();
    if (!range || range.from >= 25 || bars.length === 0 || widening) return;
    // Widening moves the range; the deferral keeps this handler from re-entering itself.
    widening = true;
    queueMicrotask(() => {
      if (!widenWindow()) events.onNeedOlder();
      widening = false;
    });
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(onLogicalRange);
  const onTimeRange = (range: { from: Time; to: Time } | null): void => {
    if (range && !syncing) events.onVisibleRange({ from: fromTime(range.from), to: fromTime(range.to) });
  };
  chart.timeScale().subscribeVisibleTimeRangeChange(onTimeRange);

  const rebuildIndicators = (): void => {
    for (const s of indicators) s.remove();
    // Sub-panes are removed from the bottom up so indexes stay valid.
    for (let i = chart.panes().length - 1; i >= 1; i--) chart.removePane(i);
    let nextPane = 1;
    indicators = specs.map((spec, i) => addIndicatorSeries(chart, spec, isOverlay(spec.kind) ? 0 : nextPane++, i));
    chart.panes().forEach((pane, i) => pane.setStretchFactor(i === 0 ? 3 : 1));
    for (const s of indicators) s.setBars(bars, windowStart);
  };

  return {
    get bars() {
      return bars;
    },
    setBars(next, keepRange) {
      if (keepRange) {
        // Older bars were prepended where the user scrolled: show them, keep the view.
        const added = next.length - bars.length;
        bars = [...next];
        windowStart = Math.max(0, windowStart + added - WINDOW_STEP);
        keepingRange(setAllData);
      } else {
        bars = [...next];
        windowStart = Math.max(0, bars.length - SERIES_WINDOW);
        setAllData();
      }
      renderLegend(bars.length - 1);
      viewChanged();
    },
    update(bar) {
      const last = bars.at(-1);
      if (last && bar.time < last.time) return; // older than what we show: not a live update
      const replace = last?.time === bar.time;
      if (replace) bars[bars.length - 1] = bar;
      else bars.push(bar);
      const haBar = type === 'heikin-ashi' ? (replace ? ha.updateLast(bar) : ha.push(bar)) : null;
      main.update(mainPoint(bar, haBar));
      for (const s of indicators) s.update(bar, replace);
      if (hoverTime === null) renderLegend(bars.length - 1);
      viewChanged();
    },
    setChartType(next) {
      if (next === type) return;
      type = next;
      chart.removeSeries(main);
      main = addMain(chart, type);
      applyPriceFormat();
      setMainData();
      priceLines.reattach(main);
      viewChanged();
    },
    setScale(scale) {
      chart.priceScale('right').applyOptions({ mode: scale === 'log' ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal });
      viewChanged();
    },
    setIndicators(next) {
      if (JSON.stringify(next) === JSON.stringify(specs)) return;
      specs = next;
      rebuildIndicators();
    },
    setInstrument(next) {
      instrument = next;
      applyPriceFormat();
    },
    showCrosshair(time) {
      syncing = true;
      try {
        const at = time === null ? -1 : indexAt(time);
        const bar = at >= windowStart ? bars[at] : undefined;
        if (!bar) chart.clearCrosshairPosition();
        else chart.setCrosshairPosition(bar.close, toTime(bar.time), main);
      } finally {
        syncing = false;
      }
    },
    setVisibleRange(range) {
      if (bars.length === 0) return;
      syncing = true;
      try {
        chart.timeScale().setVisibleRange({ from: toTime(range.from), to: toTime(range.to) });
      } catch {
        // the other pane's range may lie outside our data: keep ours
      } finally {
        syncing = false;
      }
    },
    applyTheme() {
      chart.applyOptions(chartThemeOptions());
      main.applyOptions(mainColors(type));
      rebuildIndicators();
    },
    setPriceLines(lines) {
      priceLines.set(main, lines);
      viewChanged();
    },
    priceToY(price) {
      const y = main.priceToCoordinate(price);
      return y === null ? null : Number(y);
    },
    yToPrice(y) {
      const price = main.coordinateToPrice(y);
      return price === null ? null : Number(price);
    },
    priceScaleWidth: () => chart.priceScale('right').width(),
    mainPaneHeight: () => chart.panes()[0]?.getHeight() ?? 0,
    takeScreenshot: () => chart.takeScreenshot(),
    onViewChange(listener) {
      viewListeners.add(listener);
      viewChanged();
      return () => viewListeners.delete(listener);
    },
    destroy() {
      resizeObserver.disconnect();
      if (viewFrame !== 0) cancelAnimationFrame(viewFrame);
      viewListeners.clear();
      chart.unsubscribeCrosshairMove(onCrosshairMove);
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onLogicalRange);
      chart.timeScale().unsubscribeVisibleTimeRangeChange(onTimeRange);
      chart.remove();
    },
  };
}

function mainColors(type: ChartType): Record<string, string> {
  const c = seriesColors();
  if (type === 'line') return { color: c.line };
  if (type === 'area') return { lineColor: c.line, topColor: `${c.line}55`, bottomColor: `${c.line}05` };
  if (type === 'bars') return { upColor: c.up, downColor: c.down };
  return { upColor: c.up, downColor: c.down, borderUpColor: c.up, borderDownColor: c.down, wickUpColor: c.up, wickDownColor: c.down };
}

function addMain(chart: IChartApi, type: ChartType): ISeriesApi<SeriesType> {
  const colors = mainColors(type);
  switch (type) {
    case 'bars':
      return chart.addSeries(BarSeries, { ...colors, thinBars: false });
    case 'line':
      return chart.addSeries(LineSeries, { ...colors, lineWidth: 2 });
    case 'area':
      return chart.addSeries(AreaSeries, { ...colors, lineWidth: 2 });
    default:
      return chart.addSeries(CandlestickSeries, colors);
  }
}
