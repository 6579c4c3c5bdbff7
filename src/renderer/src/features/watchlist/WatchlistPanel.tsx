import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Quote } from '../../../../shared/contract';
import { useChartWorkspace } from '../charts/chart-workspace-store';
import { formatPercent, formatPrice } from '../charts/format';
import { SymbolSearch } from '../charts/SymbolSearch';
import { useInstruments } from '../market/instruments-store';
import { useMarket } from '../market/market-context';
import { dayChange, useQuotes } from '../market/quotes-store';

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
  const [sorting, setSorting] = useState<SortingState>([]);
  const [selected, setSelected] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

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
      col.accessor('symbol', { header: 'Symbol', cell: (c) => <span className="sym">{c.getValue()}</span> }),
      col.accessor((r) => r.quote?.last ?? null, { id: 'last', header: 'Last', sortUndefined: 'last', cell: (c) => (c.getValue() === null ? '—' : formatPrice(c.getValue() as number, c.row.original.precision)) }),
      col.accessor('change', {
        header: 'Chg %',
        cell: (c) => {
          const v = c.getValue();
          return v === null ? '—' : <span className={v >= 0 ? 'up' : 'down'}>{formatPercent(v)}</span>;
        },
      }),
      col.accessor((r) => (r.quote && r.quote.ask > r.quote.bid ? r.quote.ask - r.quote.bid : null), { id: 'spread', header: 'Spread', cell: (c) => (c.getValue() === null ? '—' : formatPrice(c.getValue() as number, c.row.original.precision)) }),
    ],
    [],
  );

  const table = useReactTable({ data, columns, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  const rows = table.getRowModel().rows;
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  const chart = (symbol: string | undefined): void => {
    if (!symbol) return;
    const ws = useChartWorkspace.getState();
    ws.setSymbol(ws.activePane, symbol);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, selected + (e.key === 'ArrowDown' ? 1 : -1)));
      setSelected(next);
      virtual.scrollToIndex(next);
    } else if (e.key === 'Enter') {
      chart(rows[selected]?.original.symbol);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      const symbol = rows[selected]?.original.symbol;
      if (symbol) useChartWorkspace.getState().setWatchlist(symbols.filter((s) => s !== symbol));
    }
  };

  return (
    <section className="panel-body watchlist" aria-label="Watchlist">
      <div className="watchlist-add">
        <SymbolSearch symbol="" placeholder="Add symbol…" onPick={(s) => !symbols.includes(s) && useChartWorkspace.getState().setWatchlist([...symbols, s])} />
      </div>
      <div className="wl-table" role="grid" aria-label="Watchlist" aria-rowcount={rows.length} tabIndex={0} onKeyDown={onKeyDown} data-testid="watchlist">
        <div className="wl-head" role="row">
          {table.getHeaderGroups()[0]!.headers.map((h) => (
            <button key={h.id} type="button" role="columnheader" className={`wl-cell wl-${h.id}`} onClick={h.column.getToggleSortingHandler()} aria-sort={h.column.getIsSorted() === 'asc' ? 'ascending' : h.column.getIsSorted() === 'desc' ? 'descending' : 'none'}>
              {flexRender(h.column.columnDef.header, h.getContext())}
              {h.column.getIsSorted() === 'asc' ? ' ▲' : h.column.getIsSorted() === 'desc' ? ' ▼' : ''}
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
                  onClick={() => setSelected(v.index)}
                  onDoubleClick={() => chart(row.original.symbol)}
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
