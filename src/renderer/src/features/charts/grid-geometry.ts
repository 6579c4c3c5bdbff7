import type { LayoutSpec } from './layouts';

const GUTTER_PX = 5;

/** CSS grid tracks with a gutter track between cells: "1fr 5px 2fr". */
export function gridTemplate(fractions: readonly number[]): string {
  return fractions.map((f) => `${f}fr`).join(` ${GUTTER_PX}px `);
}

/** The grid-area (in tracks, gutters included) of pane `index`. */
export function paneArea(spec: LayoutSpec, index: number): string {
  const explicit = spec.areas?.[index];
  const [rowStart, colStart, rowEnd, colEnd] = explicit
    ? (explicit.split('/').map((s) => Number(s.trim())) as [number, number, number, number])
    : [Math.floor(index / spec.cols) + 1, (index % spec.cols) + 1, Math.floor(index / spec.cols) + 2, (index % spec.cols) + 2];
  const track = (cell: number): number => 2 * (cell - 1) + 1;
  return `${track(rowStart)} / ${track(colStart)} / ${track(rowEnd) - 1} / ${track(colEnd) - 1}`;
}

/**
 * Moves the divider after track `at` by `deltaPx`, taking from one neighbour what the other gets;
 * neither side shrinks below 10 % of the total.
 */
export function resizeTracks(fractions: readonly number[], at: number, deltaPx: number, totalPx: number): number[] {
  const sum = fractions.reduce((a, b) => a + b, 0);
  const usable = totalPx - GUTTER_PX * (fractions.length - 1);
  if (usable <= 0) return [...fractions];
  const delta = (deltaPx / usable) * sum;
  const min = sum * 0.1;
  const a = fractions[at]!;
  const b = fractions[at + 1]!;
  const clamped = Math.max(min - a, Math.min(b - min, delta));
  const next = [...fractions];
  next[at] = a + clamped;
  next[at + 1] = b - clamped;
  return next;
}
