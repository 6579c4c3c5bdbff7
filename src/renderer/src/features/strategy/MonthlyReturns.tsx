import { useMemo } from 'react';
import { formatReturn, toneOf } from './figures';
import { cellIntensity, MONTH_LABELS, monthlyGrid, type MonthReturn } from './monthly-grid';

/** Tint of a return cell: green or red, stronger for bigger months. */
const tint = (v: number): string => `color-mix(in srgb, var(${v >= 0 ? '--up' : '--down'}) ${Math.round(8 + cellIntensity(v) * 42)}%, transparent)`;

/** Monthly returns: a row per year (newest first), a column per month, the year compounded at the end. */
export function MonthlyReturns({ monthly }: { monthly: readonly MonthReturn[] }) {
  const years = useMemo(() => monthlyGrid(monthly), [monthly]);
  if (years.length === 0) return <p className="feed-empty">No complete return day yet.</p>;
  return (
    <div className="monthly-wrap">
      <table className="monthly num" data-testid="monthly-returns" aria-label="Monthly returns">
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTH_LABELS.map((m) => (
              <th key={m} scope="col">
                {m}
              </th>
            ))}
            <th scope="col">Year</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              {y.months.map((c, i) =>
                c ? (
                  <td key={i} style={{ background: tint(c.value) }} title={`${MONTH_LABELS[i]} ${y.year}: ${formatReturn(c.value)} over ${c.days} return day${c.days === 1 ? '' : 's'}`}>
                    {formatReturn(c.value, 1)}
                  </td>
                ) : (
                  <td key={i} className="empty-cell" />
                ),
              )}
              <td className={`year-total ${toneOf(y.total)}`}>{formatReturn(y.total, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
