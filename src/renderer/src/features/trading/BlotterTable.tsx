import { flexRender, type ColumnDef, type SortingState } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { templateMinWidth } from './grid-template';
import { ariaSort, sortMark, useKeyboardGrid } from './use-keyboard-grid';

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
  /** Sorted by a server: the header shows this and reports clicks (see useKeyboardGrid). */
  sorting?: SortingState;
  onSortingChange?(sorting: SortingState): void;
  /** The end of the rows is near: load the next page. */
  onNearEnd?(): void;
  /** A line under the rows (loading more…). */
  footer?: ReactNode;
  /** The selected row by id when a store holds the selection; `onSelect` reports moves. */
  selectedId?: string | null;
  onSelect?(row: T): void;
  /** Keys without modifiers acting on the selected row (see useKeyboardGrid). */
  rowKeys?: Readonly<Record<string, (row: T) => void>>;
}

/**
 * The blotters' table: sortable by clicking a header, virtualised, and driven with the keyboard
 * like the watchlist (↑ ↓ Home End to move, Enter to act, Delete to cancel or close).
 */
export function BlotterTable<T>({ label, testId, data, columns, template, rowId, rowClass, rowTitle, empty, initialSorting, onActivate, onDelete, sorting, onSortingChange, onNearEnd, footer, selectedId, onSelect, rowKeys }: BlotterTableProps<T>) {
  // The header sits in the scroller (sticky), so the rows start HEAD_HEIGHT below its top.
  const { table, rows, virtual, scroller, selected, select, onKeyDown } = useKeyboardGrid({ data, columns, rowId, initialSorting, rowHeight: ROW_HEIGHT, scrollMargin: HEAD_HEIGHT, onActivate, onDelete, sorting, onSortingChange, onNearEnd, selectedId, onSelect, rowKeys });
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
                  aria-sort={ariaSort(sorted)}
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  {sortMark(sorted)}
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
                  aria-selected={v.index === selected}
                  className={`bt-row${v.index === selected ? ' selected' : ''}${extra ? ` ${extra}` : ''}`}
                  style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${v.start - HEAD_HEIGHT}px)` }}
                  title={rowTitle?.(row.original)}
                  onClick={() => select(v.index)}
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
          {footer}
        </div>
      </div>
    </div>
  );
}
