import { AreaSeries, createChart, LineSeries, LineStyle, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { chartThemeOptions, seriesColors } from '../charts/chart-theme';
import { drawdownPoints, equityPoints, percentLabel, type DayValue } from './equity-series';

/** A strategy's equity curve (cumulative return) over its drawdown, one chart with two panes. */
export interface EquityChart {
  /** `compare`: another index drawn as a line over the curve (a copy what-if: the leader's). */
  set(index: readonly DayValue[], drawdown: readonly DayValue[], compare?: readonly DayValue[]): void;
  /** Re-reads the theme's colours (after a dark/light switch). */
  applyTheme(): void;
  destroy(): void;
}

function seriesOptions(): { equity: Record<string, unknown>; drawdown: Record<string, unknown>; compare: Record<string, unknown> } {
  const c = seriesColors();
  const percent = { type: 'custom' as const, formatter: percentLabel, minMove: 0.01 };
  return {
    equity: { lineColor: c.line, topColor: `${c.line}44`, bottomColor: `${c.line}05`, lineWidth: 2, priceFormat: percent, priceLineStyle: LineStyle.Dotted },
    drawdown: { lineColor: c.down, topColor: `${c.down}08`, bottomColor: `${c.down}55`, invertFilledArea: true, lineWidth: 1, priceFormat: percent, priceLineVisible: false },
    compare: { color: c.accent, lineWidth: 2, lineStyle: LineStyle.Dashed, priceFormat: percent, priceLineVisible: false },
  };
}

export function createEquityChart(container: HTMLElement): EquityChart {
  const theme = chartThemeOptions();
  const chart: IChartApi = createChart(container, {
    autoSize: true,
    ...theme,
    timeScale: { ...theme.timeScale, timeVisible: false, rightOffset: 2 },
    handleScroll: { vertTouchDrag: false },
  });
  const opts = seriesOptions();
  const equity: ISeriesApi<'Area'> = chart.addSeries(AreaSeries, opts.equity, 0);
  const drawdown: ISeriesApi<'Area'> = chart.addSeries(AreaSeries, opts.drawdown, 1);
  // Created on first use: a profile never draws one.
  let compare: ISeriesApi<'Line'> | null = null;
  chart.panes().forEach((pane, i) => pane.setStretchFactor(i === 0 ? 3 : 1));

  return {
    set(index, dd, other) {
      equity.setData(equityPoints(index));
      drawdown.setData(drawdownPoints(dd));
      if (other) (compare ??= chart.addSeries(LineSeries, seriesOptions().compare, 0)).setData(equityPoints(other));
      else compare?.setData([]);
      chart.timeScale().fitContent();
    },
    applyTheme() {
      chart.applyOptions(chartThemeOptions());
      const next = seriesOptions();
      equity.applyOptions(next.equity);
      drawdown.applyOptions(next.drawdown);
      compare?.applyOptions(next.compare);
    },
    destroy: () => chart.remove(),
  };
}
