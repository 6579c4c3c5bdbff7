import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { ChartPaneView } from './ChartPaneView';
import { useChartWorkspace } from './chart-workspace-store';
import { gridTemplate, paneArea, resizeTracks } from './grid-geometry';
import { LAYOUT_SPECS } from './layouts';

/** The panes of the current layout in a CSS grid; the gutters between them can be dragged. */
export function ChartGrid() {
  const layout = useChartWorkspace((s) => s.layout);
  const panes = useChartWorkspace((s) => s.panes);
  const activePane = useChartWorkspace((s) => s.activePane);
  const sizes = useChartWorkspace((s) => s.sizes);
  const loaded = useChartWorkspace((s) => s.loaded);
  const grid = useRef<HTMLDivElement>(null);
  const spec = LAYOUT_SPECS[layout];
  const cols = sizes?.cols.length === spec.cols ? sizes.cols : Array<number>(spec.cols).fill(1);
  const rows = sizes?.rows.length === spec.rows ? sizes.rows : Array<number>(spec.rows).fill(1);

  const startDrag = (axis: 'cols' | 'rows', at: number) => (e: ReactPointerEvent<HTMLDivElement>) => {
    const el = grid.current;
    if (!el) return;
    e.preventDefault();
    const start = axis === 'cols' ? e.clientX : e.clientY;
    const total = axis === 'cols' ? el.clientWidth : el.clientHeight;
    const initial = axis === 'cols' ? cols : rows;
    const onMove = (ev: PointerEvent): void => {
      const next = resizeTracks(initial, at, (axis === 'cols' ? ev.clientX : ev.clientY) - start, total);
      useChartWorkspace.getState().setSizes(axis === 'cols' ? { cols: next, rows } : { cols, rows: next });
    };
    const onUp = (): void => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  // Until the saved workspace is known, drawing the default one would only fetch bars to discard.
  if (!loaded) return <div className="chart-grid loading" data-testid="chart-grid" aria-busy="true" />;

  return (
    <div ref={grid} className="chart-grid" style={{ gridTemplateColumns: gridTemplate(cols), gridTemplateRows: gridTemplate(rows) }} data-testid="chart-grid" data-layout={layout}>
      {panes.map((pane, i) => (
        <ChartPaneView key={pane.id} pane={pane} index={i} active={i === activePane} style={{ gridArea: paneArea(spec, i) }} />
      ))}
      {cols.slice(1).map((_, c) => (
        <div key={`c${c}`} className="gutter gutter-col" style={{ gridColumn: 2 * c + 2, gridRow: '1 / -1' }} onPointerDown={startDrag('cols', c)} role="separator" aria-orientation="vertical" aria-label="Resize columns" />
      ))}
      {rows.slice(1).map((_, r) => (
        <div key={`r${r}`} className="gutter gutter-row" style={{ gridRow: 2 * r + 2, gridColumn: '1 / -1' }} onPointerDown={startDrag('rows', r)} role="separator" aria-orientation="horizontal" aria-label="Resize rows" />
      ))}
    </div>
  );
}
