import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import { EquityChartView } from '../strategy/EquityChartView';
import { formatCount } from '../strategy/figures';
import { RiskBadge } from '../strategy/RiskBadge';
import { formatMoney, formatPnl, pnlClass } from '../trading/trading-format';
import { useTrading } from '../trading/trading-store';
import { runWhatIf, setWhatIfMonths } from './copy-dialog-actions';
import { useCopyDialog, WHAT_IF_MONTHS } from './copy-dialog-store';
import { drawdownOfIndex, topReasons, whatIfRows, type WhatIf } from './what-if-view';

/** The what-if: the leader's last months replayed through the settings, my curve over the leader's, figures side by side. */
export function WhatIfSection() {
  const api = useApi();
  const w = useCopyDialog((s) => s.whatIf);
  const accountId = useCopyDialog((s) => s.inputs?.accountId);
  const ccy = useTrading((s) => (accountId ? s.accounts[accountId]?.currency : undefined)) ?? '';
  const running = w.status === 'running';
  return (
    <section className="copy-whatif" aria-label="What if" data-testid="copy-whatif" data-state={w.status}>
      <div className="copy-whatif-head">
        <h3 className="section-title">What if I had copied it</h3>
        <span className="toolbar-spacer" />
        <span className="seg seg-small" role="radiogroup" aria-label="What-if window">
          {WHAT_IF_MONTHS.map((m) => (
            <button key={m} type="button" role="radio" aria-checked={w.months === m} className={w.months === m ? 'seg-btn active' : 'seg-btn'} onClick={() => setWhatIfMonths(m)}>
              {m}M
            </button>
          ))}
        </span>
        <button type="button" className="button button-small" disabled={running} onClick={() => void runWhatIf(api)}>
          {running ? 'Running…' : 'Run what-if'}
        </button>
      </div>
      {w.result ? (
        <WhatIfResult result={w.result} allocation={w.allocation} currency={ccy} stale={w.stale} />
      ) : (
        <p className={w.status === 'error' ? 'field-error' : 'hint copy-whatif-empty'} role={w.status === 'error' ? 'alert' : undefined}>
          {w.status === 'error'
            ? w.error
            : running
              ? 'Replaying the leader’s verified fills…'
              : `Replays the leader’s last ${w.months} month${w.months === 1 ? '' : 's'} of verified fills through these settings — sizing, guards, your fees and lot sizes — and shows the equity you would have had beside the leader’s.`}
        </p>
      )}
      {w.result && w.status === 'error' ? (
        <p className="field-error" role="alert">
          {w.error}
        </p>
      ) : null}
    </section>
  );
}

function WhatIfResult({ result, allocation, currency, stale }: { result: WhatIf; allocation: number | null; currency: string; stale: boolean }) {
  const mine = useMemo(() => ({ index: result.follower.index, drawdown: drawdownOfIndex(result.follower.index) }), [result]);
  const compare = useMemo(() => ({ label: 'Leader', index: result.leader.index }), [result]);
  const rows = whatIfRows(result);
  const pnl = allocation === null ? null : result.finalEquity - allocation;
  const reasons = topReasons(result);
  return (
    <div className={stale ? 'copy-whatif-result stale' : 'copy-whatif-result'}>
      {stale ? (
        <p className="copy-stale" role="status">
          Settings changed since this run: run it again to see them.
        </p>
      ) : null}
      <EquityChartView metrics={mine} compare={compare} label="You (copy)" />
      <div className="copy-whatif-figures">
        <table className="copy-compare num" aria-label="What-if statistics">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">You</th>
              <th scope="col">Leader</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} title={r.title}>
                <th scope="row">{r.label}</th>
                <td className={r.mineTone}>{r.risk ? <RiskBadge score={r.risk.mine} /> : r.mine}</td>
                <td className={r.leaderTone}>{r.risk ? <RiskBadge score={r.risk.leader} /> : r.leader}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="copy-whatif-side">
          <dl className="copy-kv">
            <div>
              <dt>Window</dt>
              <dd className="num">{result.from && result.to ? `${result.from} → ${result.to}` : '—'}</dd>
            </div>
            <div>
              <dt>Final equity</dt>
              <dd className="num">
                {formatMoney(result.finalEquity)} {currency}
                {pnl !== null ? <span className={pnlClass(pnl)}> ({formatPnl(pnl)})</span> : null}
              </dd>
            </div>
            <div>
              <dt>Leader trades</dt>
              <dd className="num" data-testid="whatif-counts">
                <span className="up">{formatCount(result.copied)} copied</span> · <span className={result.skipped > 0 ? 'warn' : ''}>{formatCount(result.skipped)} skipped</span>
              </dd>
            </div>
          </dl>
          {reasons.length > 0 ? (
            <ul className="copy-reasons" aria-label="Why trades were not copied">
              {reasons.map((r) => (
                <li key={r.reason}>
                  <span>{r.reason}</span>
                  <b className="num">{formatCount(r.count)}</b>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">Every leader trade in the window would have been copied.</p>
          )}
        </div>
      </div>
    </div>
  );
}
