import { useEffect, useRef } from 'react';
import type { StrategyDetail } from '../../../../shared/contract';
import { usePreferences } from '../preferences/preferences-store';
import { createEquityChart, type EquityChart } from './equity-chart';
import type { DayValue } from './equity-series';

/** A second index drawn over the curve, with its legend (a copy what-if: the leader's). */
export interface EquityComparison {
  label: string;
  index: readonly DayValue[];
}

/**
 * The equity curve over the drawdown, themed like the chart panes; `compare` adds another curve,
 * `label` names the main one in the legend.
 */
export function EquityChartView({ metrics, compare, label = 'Cumulative return' }: { metrics: Pick<StrategyDetail['metrics'], 'index' | 'drawdown'>; compare?: EquityComparison; label?: string }) {
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
  const other = compare?.index;
  useEffect(() => chart.current?.set(metrics.index, metrics.drawdown, other), [metrics.index, metrics.drawdown, other]);
  useEffect(() => {
    // Colours come from CSS variables: re-read them once the theme attribute has been applied.
    const frame = requestAnimationFrame(() => chart.current?.applyTheme());
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  return (
    <figure className="equity-figure" aria-label="Equity curve and drawdown" data-testid="equity-chart" data-points={metrics.index.length}>
      <figcaption className="equity-caption">
        <span>
          <i className="key key-equity" aria-hidden="true" /> {label}
        </span>
        {compare ? (
          <span>
            <i className="key key-compare" aria-hidden="true" /> {compare.label}
          </span>
        ) : null}
        <span>
          <i className="key key-dd" aria-hidden="true" /> Drawdown
        </span>
      </figcaption>
      {metrics.index.length < 2 ? <p className="feed-empty equity-empty">No daily return yet: the curve starts after the first full day.</p> : null}
      <div ref={box} className="equity-canvas" hidden={metrics.index.length < 2} />
    </figure>
  );
}
