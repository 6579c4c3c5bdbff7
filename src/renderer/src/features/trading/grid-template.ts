/** Blotter rows: the gap between columns and the padding at both ends, as in global.css (.bt-row). */
export const COLUMN_GAP = 8;
export const SIDE_PADDING = 20;

/**
 * The narrowest a CSS grid template can be — the sum of its tracks' minimum pixels, the gaps and
 * the padding — so a blotter narrower than that scrolls sideways instead of clipping its columns.
 * Tracks without a pixel minimum (`1fr`) count as 0.
 */
export function templateMinWidth(template: string): number {
  const expanded = template.replace(/repeat\((\d+),\s*(minmax\([^)]*\)|[^)\s]+)\)/g, (_, n: string, track: string) => Array<string>(Number(n)).fill(track).join(' '));
  const tracks = (expanded.match(/minmax\([^)]*\)|\S+/g) ?? []).map((track) => {
    const px = /(\d+(?:\.\d+)?)px/.exec(track);
    return px ? Number(px[1]) : 0;
  });
  return tracks.reduce((a, b) => a + b, 0) + Math.max(0, tracks.length - 1) * COLUMN_GAP + SIDE_PADDING;
}
