import { useEffect, useMemo } from 'react';
import { useApi } from '../../api/api-context';
import type { Follow } from '../../../../shared/contract';
import { formatCount } from '../strategy/figures';
import { formatMoney } from '../trading/trading-format';
import { BlotterTable } from '../trading/BlotterTable';
import { useTrading } from '../trading/trading-store';
import { loadFollows, selectFollow, stopFollow, togglePause } from './copy-actions';
import { openEditDialog } from './copy-dialog-actions';
import { orderFollows } from './copy-reducers';
import { useCopy } from './copy-store';
import { followColumns, FOLLOW_TEMPLATE } from './follow-columns';
import { FollowDetail } from './FollowDetail';
import './copy.css';

/**
 * Every follow with its live figures (allocation equity, P&L, return, divergence, latency,
 * slippage, signals, state) and actions; the selected follow's log or reconciliation below.
 * Keys on the list: ↑ ↓ select, Enter or E edits, P pauses or resumes, Delete stops.
 */
export function CopyPanel() {
  const api = useApi();
  const follows = useCopy((s) => s.follows);
  const status = useCopy((s) => s.status);
  const error = useCopy((s) => s.error);
  const selectedId = useCopy((s) => s.selectedId);
  const busy = useCopy((s) => s.busy);
  const accounts = useTrading((s) => s.accounts);
  const data = useMemo(() => orderFollows(follows), [follows]);
  const columns = useMemo(() => followColumns(api, accounts, busy), [api, accounts, busy]);
  const running = data.filter((f) => f.state !== 'stopped');
  const selected = selectedId ? follows[selectedId] : undefined;
  const currencies = new Set(running.map((f) => accounts[f.accountId]?.currency ?? ''));
  const allocated = running.length === 0 ? null : currencies.size === 1 ? `${formatMoney(running.reduce((a, f) => a + f.allocation, 0))} ${[...currencies][0]}` : 'several currencies';

  // The shown follow's log loads when the panel opens on it.
  useEffect(() => {
    if (selectedId) selectFollow(api, selectedId);
  }, [api, selectedId]);

  const rowKeys = useMemo(() => ({ p: (f: Follow) => void togglePause(api, f), e: (f: Follow) => f.state !== 'stopped' && openEditDialog(f) }), [api]);
  const empty = status === 'loading' ? 'Loading your copies…' : status === 'error' ? (error ?? 'Copies could not be loaded') : 'Not copying anyone yet: open a strategy from the Leaderboard and press Copy (or C on a leaderboard row).';

  return (
    <section className="panel-body blotter copy-panel" aria-label="Copy trading" data-testid="copy-panel">
      <div className="bt-toolbar" role="toolbar" aria-label="Copy trading">
        <span className="bt-metrics num">
          <span>
            <b>Copying</b>
            {formatCount(running.length)}
          </span>
          {allocated ? (
            <span>
              <b>Allocated</b>
              {allocated}
            </span>
          ) : null}
        </span>
        <span className="toolbar-spacer" />
        <span className="hint copy-keys">
          <kbd>P</kbd> pause/resume · <kbd>Enter</kbd> edit · <kbd>Del</kbd> stop
        </span>
        <button type="button" className="icon-button" aria-label="Reload the copies" title="Reload" onClick={() => void loadFollows(api)}>
          ↻
        </button>
      </div>
      <div className="copy-follows">
        <BlotterTable
          label="Follows"
          testId="copy-follows"
          data={data}
          columns={columns}
          template={FOLLOW_TEMPLATE}
          rowId={(f) => f.followId}
          rowClass={(f) => (f.state === 'stopped' ? 'row-final' : undefined)}
          rowTitle={(f) => `${f.strategyName} on ${accounts[f.accountId]?.name ?? f.accountId} — Enter edits, P pauses or resumes, Delete stops`}
          empty={empty}
          selectedId={selectedId}
          onSelect={(f) => selectFollow(api, f.followId)}
          onActivate={(f) => f.state !== 'stopped' && openEditDialog(f)}
          onDelete={(f) => void stopFollow(api, f)}
          rowKeys={rowKeys}
        />
      </div>
      {selected ? <FollowDetail follow={selected} /> : null}
    </section>
  );
}
