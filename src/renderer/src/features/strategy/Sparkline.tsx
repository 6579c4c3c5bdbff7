/** The period's equity index as a tiny line: green when it ends above where it began, red below. */
export function Sparkline({ points, width = 60, height = 16 }: { points: readonly number[]; width?: number; height?: number }) {
  if (points.length < 2) return <span className="dim">—</span>;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const step = width / (points.length - 1);
  const d = points.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`).join(' ');
  const up = points.at(-1)! >= points[0]!;
  return (
    <svg className={`sparkline ${up ? 'up' : 'down'}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <polyline points={d} fill="none" stroke="currentColor" strokeWidth="1.25" strokeLinejoin="round" />
    </svg>
  );
}
