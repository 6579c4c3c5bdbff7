import { useEffect, useMemo, useRef, useState } from 'react';
import './pane-trading.css';
import { roundToStep } from '../../../../shared/numbers/steps';
import { useApi } from '../../api/api-context';
import { useInstruments } from '../market/instruments-store';
import { usePreferences } from '../preferences/preferences-store';
import { cancelOrder, closePosition, moveOrder } from '../trading/trading-actions';
import { formatPnl, formatPriceOf, formatQtyShort, pnlClass } from '../trading/trading-format';
import { useTrading } from '../trading/trading-store';
import { seriesColors } from './chart-theme';
import type { PaneChart } from './pane-chart';
import { tradingLines, type LineColors, type LineDrag, type TradingLine } from './trading-lines';

/** Line colours from the theme's CSS variables (read again when the theme changes). */
function lineColors(_theme: string): LineColors {
  const c = seriesColors();
  return { buy: c.up, sell: c.down, position: c.line };
}

/** A line being dragged: its id and the price under the pointer. */
interface Dragging {
  id: string;
  price: number;
}

/**
 * Working orders, brackets and the open position of the pane's symbol, drawn as price lines with
 * a handle each: drag a handle (or focus it and press ↑/↓) to move the order, × to cancel it or
 * close the position.
 */
export function PaneTradingOverlay({ chart, symbol }: { chart: PaneChart | null; symbol: string }) {
  const api = useApi();
  const orders = useTrading((s) => s.orders);
  const position = useTrading((s) => s.positions[symbol]);
  const inst = useInstruments((s) => s.bySymbol.get(symbol));
  const theme = usePreferences((s) => s.theme);
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const [, setFrame] = useState(0);
  const root = useRef<HTMLDivElement>(null);

  const lines = useMemo(() => tradingLines(symbol, Object.values(orders), position, lineColors(theme), (q) => formatQtyShort(q, inst)), [symbol, orders, position, inst, theme]);
  const shown = useMemo(() => (dragging ? lines.map((l) => (l.id === dragging.id ? { ...l, price: dragging.price } : l)) : lines), [lines, dragging]);

  useEffect(() => {
    if (!chart) return;
    chart.setPriceLines(shown);
  }, [chart, shown]);
  useEffect(() => () => chart?.setPriceLines([]), [chart]);
  // Handles follow their prices as the chart scrolls, zooms or rescales.
  const hasLines = shown.length > 0;
  useEffect(() => (chart && hasLines ? chart.onViewChange(() => setFrame((n) => n + 1)) : undefined), [chart, hasLines]);

  const move = (drag: LineDrag, price: number): Promise<void> => {
    const order = orders[drag.orderId];
    return order ? moveOrder(api, order, drag.field, price) : Promise.resolve();
  };

  if (!chart || !inst || shown.length === 0) return null;
  const tick = inst.tickSize;
  // Lines belong to the price pane: one priced beyond it is not drawn over the volume or indicator panes.
  const height = chart.mainPaneHeight();
  const right = chart.priceScaleWidth() + 6;

  const priceAt = (clientY: number): number | null => {
    const box = root.current?.getBoundingClientRect();
    if (!box) return null;
    const p = chart.yToPrice(clientY - box.top);
    return p === null || !(p > 0) ? null : Math.max(tick, roundToStep(p, tick));
  };

  const handle = (line: TradingLine) => {
    const y = chart.priceToY(line.price);
    if (y === null || y < 0 || y > height) return null;
    const drag = line.drag;
    return (
      <div key={line.id} className={`trade-line ${line.tone}${dragging?.id === line.id ? ' dragging' : ''}`} style={{ top: y, right }} data-testid="trade-line" data-line={line.id}>
        <span
          className={drag ? 'trade-line-grip draggable' : 'trade-line-grip'}
          role={drag ? 'slider' : undefined}
          tabIndex={drag ? 0 : undefined}
          aria-label={drag ? `${line.label} at ${formatPriceOf(line.price, inst)}: drag or press ↑/↓ to move` : undefined}
          aria-valuenow={drag ? line.price : undefined}
          title={drag ? 'Drag to move · ↑/↓ one tick' : undefined}
          onPointerDown={
            drag
              ? (e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  e.currentTarget.setPointerCapture(e.pointerId);
                  setDragging({ id: line.id, price: line.price });
                }
              : undefined
          }
          onPointerMove={
            drag
              ? (e) => {
                  if (dragging?.id !== line.id) return;
                  const price = priceAt(e.clientY);
                  if (price !== null && price !== dragging.price) setDragging({ id: line.id, price });
                }
              : undefined
          }
          onPointerUp={
            drag
              ? () => {
                  const done = dragging;
                  setDragging(null);
                  const original = lines.find((l) => l.id === line.id)?.price;
                  if (done?.id === line.id && done.price !== original) void move(drag, done.price);
                }
              : undefined
          }
          onKeyDown={
            drag
              ? (e) => {
                  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
                  e.preventDefault();
                  const next = roundToStep(line.price + (e.key === 'ArrowUp' ? tick : -tick), tick);
                  if (next > 0) void move(drag, next);
                }
              : undefined
          }
        >
          {line.label}
          {dragging?.id === line.id ? <b className="mono"> → {formatPriceOf(line.price, inst)}</b> : null}
        </span>
        {line.pnl !== null ? <span className={`trade-line-pnl mono ${pnlClass(line.pnl)}`}>{formatPnl(line.pnl)}</span> : null}
        {line.close ? (
          <button
            type="button"
            className="trade-line-close"
            aria-label={line.close.kind === 'order' ? `Cancel ${line.label}` : `Close the ${symbol} position`}
            title={line.close.kind === 'order' ? 'Cancel order' : 'Close position'}
            onClick={() => {
              const c = line.close!;
              void (c.kind === 'order' ? cancelOrder(api, c.order) : closePosition(api, c.symbol, c.qty));
            }}
          >
            ×
          </button>
        ) : null}
      </div>
    );
  };

  return (
    <div ref={root} className="trade-lines" data-testid="trade-lines">
      {shown.map(handle)}
    </div>
  );
}
