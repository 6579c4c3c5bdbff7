import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';
import { templateMinWidth } from './grid-template';

const ROW_HEIGHT = 22;
const HEAD_HEIGHT = 24;

export interface BlotterColumnMeta {
  /** Text alignment of the column: numbers right, words left, actions centred. */
  align?: 'left' | 'right' | 'center';
}

interface BlotterTableProps<T> {
  label: string;
  testId: string;
  data: T[];
  // Columns mix accessor types; the table only renders them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: Array<ColumnDef<T, any>>;
  /** CSS grid-template-columns for the header and every row. */
  template: string;
  rowId(row: T): string;
  rowClass?(row: T): string | undefined;
  rowTitle?(row: T): string | undefined;
  empty: string;
  initialSorting?: SortingState;
  /** Enter / double click on a row. */
  onActivate?(row: T): void;
  /** Delete / Backspace on a row (cancel an order, close a position). */
  onDelete?(row: T): void;
}

/**
 * The blotters' table: sortable by clicking a header, virtualised, and driven with the keyboard
 * like the watchlist (↑ ↓ Home End to move, Enter to act, Delete to cancel or close).
 */
export function BlotterTable<T>({ label, testId, data, columns, template, rowId, rowClass, rowTitle, empty, initialSorting, onActivate, onDelete }: BlotterTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting ?? []);
  const [selected, setSelected] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const table = useReactTable({ data, columns, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel(), getRowId: rowId });
  const rows = table.getRowModel().rows;
  // The header sits in the scroller (sticky), so the rows start HEAD_HEIGHT below its top.
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10, scrollMargin: HEAD_HEIGHT });
  const current = Math.min(selected, Math.max(0, rows.length - 1));

  const move = (to: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setSelected(next);
    virtual.scrollToIndex(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    const row = rows[current]?.original;
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === 'PageDown') move(current + 10);
    else if (e.key === 'PageUp') move(current - 10);
    else if (e.key === 'Enter' && row && onActivate) onActivate(row);
    else if ((e.key === 'Delete' || e.key === 'Backspace') && row && onDelete) onDelete(row);
    else return;
    e.preventDefault();
  };
  const align = (meta: unknown): string => (meta as BlotterColumnMeta | undefined)?.align ?? 'right';

  return (
    <div className="bt-table" role="grid" aria-label={label} aria-rowcount={rows.length} tabIndex={0} onKeyDown={onKeyDown} data-testid={testId}>
      <div ref={scroller} className="bt-scroll">
        <div className="bt-inner" style={{ minWidth: templateMinWidth(template) }}>
          <div className="bt-head" role="row" style={{ gridTemplateColumns: template, height: HEAD_HEIGHT }}>
            {table.getHeaderGroups()[0]!.headers.map((h) => {
              const sorted = h.column.getIsSorted();
              const sortable = h.column.getCanSort();
              return (
                <button
                  key={h.id}
                  type="button"
                  role="columnheader"
                  tabIndex={-1}
                  className={`bt-cell bt-${align(h.column.columnDef.meta)}${sorted ? ' sorted' : ''}`}
                  onClick={sortable ? h.column.getToggleSortingHandler() : undefined}
                  disabled={!sortable}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                </button>
              );
            })}
          </div>
          {rows.length === 0 ? <div className="bt-empty">{empty}</div> : null}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const row = rows[v.index]!;
              const extra = rowClass?.(row.original);
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-selected={v.index === current}
                  className={`bt-row${v.index === current ? ' selected' : ''}${extra ? ` ${extra}` : ''}`}
                  style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${v.start - HEAD_HEIGHT}px)` }}
                  title={rowTitle?.(row.original)}
                  onClick={() => setSelected(v.index)}
                  onDoubleClick={() => onActivate?.(row.original)}
                >
                  {row.getVisibleCells().map((cell) => (
                    <span key={cell.id} role="gridcell" className={`bt-cell bt-${align(cell.column.columnDef.meta)}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
