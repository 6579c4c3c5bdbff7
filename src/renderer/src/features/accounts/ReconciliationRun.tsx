import type { Reconciliation } from '../../../../shared/trading/reconciliation';
import { formatTime } from '../trading/trading-format';
import { DIFFERENCE_LABEL, TRIGGER_LABEL } from './difference-labels';
import { checkedText } from './reconciliation-reducers';

/** One reconciliation: when and why it ran, what it compared, and each difference with how it was resolved. */
export function ReconciliationRun({ run, clock, latest }: { run: Reconciliation; clock: 'utc' | 'local'; latest: boolean }) {
  const n = run.differences.length;
  return (
    <article className={`recon-run${n > 0 ? ' has-diffs' : ''}${latest ? ' latest' : ''}`} aria-label={`Reconciliation at ${formatTime(run.time, clock)}`} data-testid="reconciliation-run">
      <header className="recon-head">
        <span className="num">{formatTime(run.time, clock)}</span>
        <span className="tag">{TRIGGER_LABEL[run.trigger]}</span>
        <span className="dim">checked {checkedText(run.checked)}</span>
        <span className="toolbar-spacer" />
        <span className={n > 0 ? 'recon-result warn' : 'recon-result up'}>{n === 0 ? '✓ no differences' : `${n} difference${n === 1 ? '' : 's'}`}</span>
      </header>
      {n > 0 ? (
        <table className="recon-diffs">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Symbol</th>
              <th scope="col">Detail</th>
              <th scope="col">Resolution</th>
            </tr>
          </thead>
          <tbody>
            {run.differences.map((d, i) => (
              <tr key={i} className={`diff-${d.kind}`}>
                <td>
                  <span className="diff-kind">{DIFFERENCE_LABEL[d.kind]}</span>
                </td>
                <td className="sym" title={d.orderId ? `Order ${d.orderId}` : undefined}>
                  {d.symbol ?? '—'}
                </td>
                <td>{d.detail}</td>
                <td className="dim">{d.resolution}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
