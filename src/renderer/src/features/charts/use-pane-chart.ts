import { useEffect, useRef, useState, type RefObject } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import type { Bar } from '../../../../shared/market/bar';
import { barsOf } from '../../../../shared/market/bar-columns';
import type { ChartPane } from '../../../../shared/workspace/workspace-schema';
import { useInstruments } from '../market/instruments-store';
import { useMarket } from '../market/market-context';
import { usePreferences } from '../preferences/preferences-store';
import { markPanePainted, markPhase } from '../../perf/perf-probe';
import { MAX_BARS_PER_CALL } from '../../../../shared/contract';
import { takeBars } from './bars-prefetch';
import { chartSync } from './chart-sync';
import { useChartWorkspace } from './chart-workspace-store';
import { historyTouches, mergeReloaded } from './history-reload';
import { createPaneChart, type PaneChart } from './pane-chart';
import { paneSnapshots } from './pane-snapshots';

const PAGE = 1000;

export interface PaneChartState {
  status: 'loading' | 'ready' | 'error';
  error?: string;
}

export interface PaneChartHandle extends PaneChartState {
  /** The pane's chart while it exists (for overlays such as trading lines). */
  chart: PaneChart | null;
}

/**
 * Drives one pane: creates the chart, loads bars for its symbol and timeframe, applies live bars,
 * pages older bars in on scroll-back, reloads bars a live venue replaced, and takes part in
 * crosshair/time-range sync.
 */
export function usePaneChart(pane: ChartPane, container: RefObject<HTMLDivElement | null>, legend: RefObject<HTMLDivElement | null>): PaneChartHandle {
  const api = useApi();
  const { live, events } = useMarket();
  const instrument = useInstruments((s) => s.bySymbol.get(pane.symbol));
  const theme = usePreferences((s) => s.theme);
  const chartRef = useRef<PaneChart | null>(null);
  const [state, setState] = useState<PaneChartState>({ status: 'loading' });
  const [chartHandle, setChartHandle] = useState<PaneChart | null>(null);
  const paging = useRef({ loading: false, exhausted: false, generation: 0 });
  // The pane as rendered now, for callbacks created once with the chart (paging back).
  const currentPane = useRef(pane);
  currentPane.current = pane;

  // The chart itself lives as long as the pane.
  useEffect(() => {
    if (!container.current || !legend.current) return;
    const id = pane.id;
    const chart = createPaneChart(container.current, legend.current, {
      onCrosshair: (time) => {
        if (useChartWorkspace.getState().sync.crosshair) chartSync.crosshair(id, time);
      },
      onVisibleRange: (range) => {
        if (useChartWorkspace.getState().sync.timeRange) chartSync.range(id, range);
      },
      onNeedOlder: () => void loadOlder(),
    });
    chartRef.current = chart;
    setChartHandle(chart);
    const unregister = chartSync.register(id, { showCrosshair: (t) => chart.showCrosshair(t), setVisibleRange: (r) => chart.setVisibleRange(r) });
    const unregisterSnapshot = paneSnapshots.register(id, () => chart.takeScreenshot());

    const loadOlder = async (): Promise<void> => {
      const p = paging.current;
      const first = chart.bars[0];
      if (p.loading || p.exhausted || !first) return;
      p.loading = true;
      const generation = p.generation;
      const { symbol, timeframe } = currentPane.current;
      try {
        const older = barsOf(await api.call('market.bars', { symbol, timeframe, before: first.time, limit: PAGE }));
        if (generation !== paging.current.generation) return;
        if (older.length === 0) p.exhausted = true;
        else chart.setBars([...older, ...chart.bars], true);
      } catch {
        // scrolling back again retries
      } finally {
        p.loading = false;
      }
    };
    return () => {
      unregister();
      unregisterSnapshot();
      chart.destroy();
      chartRef.current = null;
      setChartHandle(null);
    };
    // The chart is created once per pane id; everything else is applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pane.id]);

  // Symbol or timeframe: reload history, then follow live bars.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const generation = ++paging.current.generation;
    paging.current = { loading: false, exhausted: false, generation };
    setState({ status: 'loading' });
    let pendingLive: Bar[] = [];
    let loaded = false;
    // While replaced history reloads, the live bars that arrive meanwhile (re-applied on top of it).
    let reloading: Bar[] | null = null;
    let reloads = 0;
    const offBars = events.onBar(pane.symbol, pane.timeframe, (bar) => {
      reloading?.push(bar);
      if (loaded) chart.update(bar);
      else pendingLive.push(bar);
    });
    // A live venue backfilled bars after a reconnect: what this pane shows of them is stale.
    const offHistory = events.onHistory(pane.symbol, (span) => {
      if (!loaded || !historyTouches(chart.bars, span)) return;
      const mine = ++reloads;
      reloading = [];
      const limit = Math.min(MAX_BARS_PER_CALL, Math.max(PAGE, chart.bars.length));
      api
        .call('market.bars', { symbol: pane.symbol, timeframe: pane.timeframe, limit, format: 'columns' })
        .then(barsOf)
        .then(
          (fresh) => {
            if (generation !== paging.current.generation || mine !== reloads) return;
            chart.setBars(mergeReloaded(chart.bars, fresh, reloading ?? []), true);
            reloading = null;
          },
          () => {
            // The chart keeps what it had; the next backfill or a symbol change loads again.
            if (mine === reloads) reloading = null;
          },
        );
    });
    // History first: the core answers it before it starts the live feed for this pane.
    const history = takeBars(api, pane.symbol, pane.timeframe);
    const release = live.retain(pane.symbol, pane.timeframe);
    history.then(
      (bars) => {
        if (generation !== paging.current.generation) return;
        markPhase('pane-bars', pane.id);
        chart.setBars(bars, false);
        markPanePainted(pane.id);
        loaded = true;
        for (const b of pendingLive) chart.update(b);
        pendingLive = [];
        setState({ status: 'ready' });
      },
      (e: unknown) => {
        if (generation !== paging.current.generation) return;
        setState({ status: 'error', error: errorMessage(e) });
      },
    );
    return () => {
      offBars();
      offHistory();
      release();
    };
  }, [api, live, events, pane.id, pane.symbol, pane.timeframe]);

  useEffect(() => chartRef.current?.setInstrument(instrument), [instrument]);
  useEffect(() => chartRef.current?.setChartType(pane.chartType), [pane.chartType]);
  useEffect(() => chartRef.current?.setScale(pane.scale), [pane.scale]);
  useEffect(() => chartRef.current?.setIndicators(pane.indicators), [pane.indicators]);
  // The theme the chart's colours were read for (the document's when it was created).
  const drawnTheme = useRef(document.documentElement.dataset.theme);
  useEffect(() => {
    // A chart made in this theme has its colours already; re-applying would rebuild its indicators.
    if (theme === drawnTheme.current) return;
    // Colours come from CSS variables: re-read them once the theme attribute has been applied.
    const frame = requestAnimationFrame(() => {
      drawnTheme.current = theme;
      chartRef.current?.applyTheme();
    });
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  return { ...state, chart: chartHandle };
}
