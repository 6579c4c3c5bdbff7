import type { LayoutId } from '../../../../shared/workspace/workspace-schema';

export interface LayoutSpec {
  cols: number;
  rows: number;
  /** CSS grid areas per pane (row/col start / end), when a pane spans cells. */
  areas?: string[];
}

/** Chart layouts: a grid of columns × rows; "3" is one large pane beside two stacked. */
export const LAYOUT_SPECS: Readonly<Record<LayoutId, LayoutSpec>> = {
  '1': { cols: 1, rows: 1 },
  '2': { cols: 2, rows: 1 },
  '3': { cols: 2, rows: 2, areas: ['1 / 1 / 3 / 2', '1 / 2 / 2 / 3', '2 / 2 / 3 / 3'] },
  '4': { cols: 2, rows: 2 },
  '6': { cols: 3, rows: 2 },
  '8': { cols: 4, rows: 2 },
  '16': { cols: 4, rows: 4 },
};

export const paneCount = (layout: LayoutId): number => Number(layout);
