import { createColumnHelper, flexRender } from '@tanstack/react-table';
import { useEffect, useMemo } from 'react';
import type { Quote } from '../../../../shared/contract';
import { chartInActivePane, useChartWorkspace } from '../charts/chart-workspace-store';
import { formatPercent, formatPrice } from '../charts/format';
import { SymbolSearch } from '../charts/SymbolSearch';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { useMarket } from '../market/market-context';
import { dayChange, quoteSpread, useQuotes } from '../market/quotes-store';
import { ariaSort, sortMark, useKeyboardGrid } from '../trading/use-keyboard-grid';

interface Row {
  symbol: string;
  name: string;
  precision: number;
  quote: Quote | undefined;
  change: number | null;
}

const col = createColumnHelper<Row>();
const ROW_HEIGHT = 24;

/** Live last and day change for a list of symbols; sortable, keyboard-driven; Enter charts the symbol. */
export function WatchlistPanel() {
  const { live } = useMarket();
  const symbols = useChartWorkspace((s) => s.watchlist);
  const quotes = useQuotes((s) => s.bySymbol);
  const instruments = useInstruments((s) => s.bySymbol);

  useEffect(() => {
    const releases = symbols.map((s) => live.retain(s));
    return () => releases.forEach((r) => r());
  }, [live, symbols]);

  const data = useMemo<Row[]>(
    () =>
      symbols.map((symbol) => {
        const quote = quotes[symbol];
        return { symbol, name: instruments.get(symbol)?.name ?? '', precision: instruments.get(symbol)?.pricePrecision ?? 2, quote, change: dayChange(quote) };
      }),
    [symbols, quotes, instruments],
  );

  const columns = useMemo(
    () => [
      col.accessor('symbol', { header: 'Symbol', cell: (c) => <SymbolLabel symbol={c.getValue()} /> }),
      col.accessor((r) => r.quote?.last ?? null, { id: 'last', header: 'Last', sortUndefined: 'last', cell: (c) => (c.getValue() === null ? '—' : formatPrice(c.getValue() as number, c.row.original.precision)) }),
      col.accessor('change', {
        header: 'Chg %',
        cell: (c) => {
          const v = c.getValue();
          return v === null ? '—' : <span className={v >= 0 ? 'up' : 'down'}>{formatPercent(v)}</span>;
        },
      }),
      col.accessor((r) => quoteSpread(r.quote), { id: 'spread', header: 'Spread', cell: (c) => (c.getValue() === null ? '—' : formatPrice(c.getValue() as number, c.row.original.precision)) }),
    ],
    [],
  );

  const { table, rows, virtual, scroller, selected, select, onKeyDown } = useKeyboardGrid({
    data,
    columns,
    rowHeight: ROW_HEIGHT,
    onActivate: (r) => chartInActivePane(r.symbol),
    onDelete: (r) => useChartWorkspace.getState().unwatch(r.symbol),
  });

  return (
    <section className="panel-body watchlist" aria-label="Watchlist">
      <div className="watchlist-add">
        <SymbolSearch symbol="" placeholder="Add symbol…" onPick={(s) => useChartWorkspace.getState().watch(s)} />
      </div>
      <div className="wl-table" role="grid" aria-label="Watchlist" aria-rowcount={rows.length} tabIndex={0} onKeyDown={onKeyDown} data-testid="watchlist">
        <div className="wl-head" role="row">
          {table.getHeaderGroups()[0]!.headers.map((h) => (
            <button key={h.id} type="button" role="columnheader" className={`wl-cell wl-${h.id}`} onClick={h.column.getToggleSortingHandler()} aria-sort={ariaSort(h.column.getIsSorted())}>
              {flexRender(h.column.columnDef.header, h.getContext())}
              {sortMark(h.column.getIsSorted())}
            </button>
          ))}
        </div>
        <div ref={scroller} className="wl-body">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const row = rows[v.index]!;
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-selected={v.index === selected}
                  className={v.index === selected ? 'wl-row selected' : 'wl-row'}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  title={row.original.name}
                  onClick={() => select(v.index)}
                  onDoubleClick={() => chartInActivePane(row.original.symbol)}
                >
                  {row.getVisibleCells().map((cell) => (
                    <span key={cell.id} role="gridcell" className={`wl-cell wl-${cell.column.id} num`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
