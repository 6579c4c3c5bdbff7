import { useEffect, useRef } from 'react';
import type { StrategyDetail } from '../../../../shared/contract';
import { usePreferences } from '../preferences/preferences-store';
import { createEquityChart, type EquityChart } from './equity-chart';

/** The equity curve over the drawdown, themed like the chart panes. */
export function EquityChartView({ metrics }: { metrics: StrategyDetail['metrics'] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EquityChart | null>(null);
  const theme = usePreferences((s) => s.theme);

  useEffect(() => {
    if (!box.current) return;
    const c = createEquityChart(box.current);
    chart.current = c;
    return () => {
      c.destroy();
      chart.current = null;
    };
  }, []);
  useEffect(() => chart.current?.set(metrics.index, metrics.drawdown), [metrics.index, metrics.drawdown]);
  useEffect(() => {
    // Colours come from CSS variables: re-read them once the theme attribute has been applied.
    const frame = requestAnimationFrame(() => chart.current?.applyTheme());
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  return (
    <figure className="equity-figure" aria-label="Equity curve and drawdown" data-testid="equity-chart" data-points={metrics.index.length}>
      <figcaption className="equity-caption">
        <span>
          <i className="key key-equity" aria-hidden="true" /> Cumulative return
        </span>
        <span>
          <i className="key key-dd" aria-hidden="true" /> Drawdown
        </span>
      </figcaption>
      {metrics.index.length < 2 ? <p className="feed-empty equity-empty">No daily return yet: the curve starts after the first full day.</p> : null}
      <div ref={box} className="equity-canvas" hidden={metrics.index.length < 2} />
    </figure>
  );
}
