import './strategy.css';

/** The risk score 1–10 (METRICS.md) as a badge: low green, middle amber, high red; the number says it without colour. */
export function RiskBadge({ score }: { score: number | null }) {
  if (score === null) return <span className="dim" title="Too little history for a risk score (14 return days)">—</span>;
  const band = score <= 3 ? 'low' : score <= 6 ? 'mid' : 'high';
  return (
    <span className={`risk-badge risk-${band}`} title={`Risk ${score} of 10 (volatility of the last 90 days, +1 above 5× leverage)`} aria-label={`Risk ${score} of 10`}>
      {score}
    </span>
  );
}
