import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface KeyboardGridOptions<T> {
  data: T[];
  // Columns mix accessor types; the grid only renders them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: Array<ColumnDef<T, any>>;
  /** Stable row ids (an order id, a symbol); the row's index otherwise. */
  rowId?(row: T): string;
  initialSorting?: SortingState;
  rowHeight: number;
  /** Height inside the scroller above the first row (a sticky header). */
  scrollMargin?: number;
  /** Enter on the selected row (a double click is wired by the caller). */
  onActivate?(row: T): void;
  /** Delete / Backspace on the selected row. */
  onDelete?(row: T): void;
  /**
   * Sorting done elsewhere (a server): the grid shows `sorting` and reports header clicks through
   * `onSortingChange` without reordering the rows itself.
   */
  sorting?: SortingState;
  onSortingChange?(sorting: SortingState): void;
  /** Called when the rows on screen come within a screenful of the end (to load the next page). */
  onNearEnd?(): void;
  /** The selected row by id, when a store holds the selection (the grid follows it and scrolls to it). */
  selectedId?: string | null;
  /** The selection moved to a row (a click or a key). */
  onSelect?(row: T): void;
  /** Keys without modifiers that act on the selected row, by `KeyboardEvent.key` in lower case (`c`: copy). */
  rowKeys?: Readonly<Record<string, (row: T) => void>>;
}

/**
 * The state and keys of a sortable, virtualised grid, shared by the blotters and the watchlist:
 * ↑ ↓ Home End PageUp PageDown move the selection, Enter acts on the selected row, Delete removes
 * it. Keys pressed on a control inside the grid (a header button) are left to that control. The
 * callers render their own rows from `rows`, `virtual` and `selected`.
 */
export function useKeyboardGrid<T>({ data, columns, rowId, initialSorting, rowHeight, scrollMargin = 0, onActivate, onDelete, sorting: outerSorting, onSortingChange, onNearEnd, selectedId, onSelect, rowKeys }: KeyboardGridOptions<T>) {
  const [ownSorting, setSorting] = useState<SortingState>(initialSorting ?? []);
  const [selected, setSelected] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const manual = outerSorting !== undefined;
  const sorting = outerSorting ?? ownSorting;
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: (update) => {
      const next = typeof update === 'function' ? update(sorting) : update;
      if (manual) onSortingChange?.(next);
      else setSorting(next);
    },
    manualSorting: manual,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: rowId,
  });
  const rows = table.getRowModel().rows;
  // The sticky header covers `scrollMargin` of the scroller: rows scrolled to (Home, ↑) stop below it.
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 10, scrollMargin, scrollPaddingStart: scrollMargin });
  const lastShown = virtual.getVirtualItems().at(-1)?.index ?? -1;
  const nearEnd = onNearEnd !== undefined && rows.length > 0 && lastShown >= rows.length - 1 - Math.ceil((scroller.current?.clientHeight ?? 0) / rowHeight);
  const nearEndRef = useRef(onNearEnd);
  nearEndRef.current = onNearEnd;
  useEffect(() => {
    if (nearEnd) nearEndRef.current?.();
  }, [nearEnd, rows.length]);
  // The selection stays on a row when rows go away; a selection held by id follows its row.
  const held = selectedId === undefined || selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  const current = held >= 0 ? held : Math.min(selected, Math.max(0, rows.length - 1));
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (held < 0 || selectedId === scrolledTo.current) return;
    scrolledTo.current = selectedId ?? null;
    virtual.scrollToIndex(held);
  });

  const select = (index: number): void => {
    setSelected(index);
    const row = rows[index];
    if (row) onSelect?.(row.original);
  };
  const move = (to: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    select(next);
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
    else if (row && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey && rowKeys?.[e.key.toLowerCase()]) rowKeys[e.key.toLowerCase()]!(row);
    else return;
    e.preventDefault();
  };

  return { table, rows, virtual, scroller, selected: current, select, onKeyDown };
}

/** `aria-sort` of a column header. */
export const ariaSort = (sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' => (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none');

/** The arrow after a sorted column's title. */
export const sortMark = (sorted: false | 'asc' | 'desc'): string => (sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : '');
