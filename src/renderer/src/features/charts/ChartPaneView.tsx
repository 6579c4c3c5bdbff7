import { useRef, useState } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market/timeframes';
import { CHART_TYPES, type ChartPane, type ChartType } from '../../../../shared/workspace/workspace-schema';
import { useChartWorkspace } from './chart-workspace-store';
import { IndicatorMenu } from './IndicatorMenu';
import { PaneTradeButtons } from './PaneTradeButtons';
import { PaneTradingOverlay } from './PaneTradingOverlay';
import { SymbolSearch } from './SymbolSearch';
import { usePaneChart } from './use-pane-chart';

const CHART_TYPE_LABEL: Record<ChartType, string> = { candles: 'Candles', bars: 'Bars', line: 'Line', area: 'Area', 'heikin-ashi': 'Heikin-Ashi' };
/** Timeframes on the pane header; 1s stays in the menu. */
const HEADER_TFS: Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1D'];

export function ChartPaneView({ pane, index, active, style }: { pane: ChartPane; index: number; active: boolean; style?: React.CSSProperties }) {
  const container = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const state = usePaneChart(pane, container, legend);
  const ws = useChartWorkspace;
  const [menu, setMenu] = useState(false);

  return (
    <section
      className={active ? 'chart-pane active' : 'chart-pane'}
      style={style}
      aria-label={`Chart ${index + 1}: ${pane.symbol} ${pane.timeframe}`}
      data-testid={`chart-pane-${index}`}
      onMouseDownCapture={() => ws.getState().setActivePane(index)}
      onFocusCapture={() => ws.getState().setActivePane(index)}
    >
      <header className="pane-header">
        <SymbolSearch symbol={pane.symbol} onPick={(s) => ws.getState().setSymbol(index, s)} />
        <div className="tf-group" role="group" aria-label="Timeframe">
          {HEADER_TFS.map((tf) => (
            <button key={tf} type="button" className={tf === pane.timeframe ? 'tf active' : 'tf'} aria-pressed={tf === pane.timeframe} onClick={() => ws.getState().setTimeframe(index, tf)}>
              {tf}
            </button>
          ))}
          {!HEADER_TFS.includes(pane.timeframe) ? <span className="tf active">{pane.timeframe}</span> : null}
        </div>
        <select className="select" aria-label="Chart type" value={pane.chartType} onChange={(e) => ws.getState().setChartType(index, e.target.value as ChartType)}>
          {CHART_TYPES.map((t) => (
            <option key={t} value={t}>
              {CHART_TYPE_LABEL[t]}
            </option>
          ))}
        </select>
        <select className="select" aria-label="More timeframes" value={pane.timeframe} onChange={(e) => ws.getState().setTimeframe(index, e.target.value as Timeframe)}>
          {TIMEFRAMES.map((tf) => (
            <option key={tf} value={tf}>
              {tf}
            </option>
          ))}
        </select>
        <button type="button" className={pane.scale === 'log' ? 'tf active' : 'tf'} aria-pressed={pane.scale === 'log'} onClick={() => ws.getState().toggleScale(index)} title="Logarithmic price scale">
          log
        </button>
        <div className="pane-menu-anchor">
          <button type="button" className="tf" aria-expanded={menu} aria-label="Indicators" onClick={() => setMenu((m) => !m)}>
            ƒx {pane.indicators.length > 0 ? pane.indicators.length : ''}
          </button>
          {menu ? (
            <IndicatorMenu
              indicators={pane.indicators}
              onAdd={(k) => ws.getState().addIndicator(index, k)}
              onUpdate={(at, spec) => ws.getState().updateIndicator(index, at, spec)}
              onRemove={(at) => ws.getState().removeIndicator(index, at)}
              onClose={() => setMenu(false)}
            />
          ) : null}
        </div>
      </header>
      <div className="pane-body">
        <div ref={legend} className="chart-legend mono" aria-live="off" data-testid={`legend-${index}`} />
        <div ref={container} className="chart-canvas" />
        <PaneTradingOverlay chart={state.chart} symbol={pane.symbol} />
        <PaneTradeButtons symbol={pane.symbol} index={index} />
        {state.status === 'loading' ? <div className="pane-overlay">Loading {pane.symbol}…</div> : null}
        {state.status === 'error' ? (
          <div className="pane-overlay error" role="alert">
            {state.error}
          </div>
        ) : null}
      </div>
    </section>
  );
}
