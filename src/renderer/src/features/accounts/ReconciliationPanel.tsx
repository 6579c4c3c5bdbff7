import type { IDockviewPanelProps } from 'dockview-react';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { usePreferences } from '../preferences/preferences-store';
import { AccountPicker } from '../trading/AccountPicker';
import { formatTime } from '../trading/trading-format';
import { useSelectedAccount } from '../trading/trading-store';
import { reconnectAccount } from './account-actions';
import { ReconciliationRun } from './ReconciliationRun';
import { useReconciliations } from './reconciliation-store';
import { usePanelVisible } from './use-panel-visible';
import './accounts.css';

const EMPTY: readonly never[] = [];

/**
 * The selected live account's reconciliations with its exchange, newest first, as they arrive. The
 * exchange is the source of truth: each difference says what the terminal did about it.
 */
export function ReconciliationPanel({ api: panel }: IDockviewPanelProps) {
  const api = useApi();
  const account = useSelectedAccount();
  const clock = usePreferences((s) => s.clock);
  const runs = useReconciliations((s) => (account ? (s.byAccount[account.id] ?? EMPTY) : EMPTY));
  const visible = usePanelVisible(panel);
  const [busy, setBusy] = useState(false);
  const latest = runs[0];

  // On screen, the latest run counts as seen: the badges go out.
  useEffect(() => {
    if (visible && account && latest) useReconciliations.getState().markSeen(account.id);
  }, [visible, account, latest]);

  const live = account !== undefined && account.kind !== 'paper';
  return (
    <section className="panel-body blotter" aria-label="Reconciliation">
      <div className="bt-toolbar" role="toolbar" aria-label="Reconciliation">
        <AccountPicker compact />
        {live ? <span className="chip-dim">Orders, fills and holdings compared with {account.exchange ?? 'the exchange'} after every (re)connect</span> : null}
        <span className="toolbar-spacer" />
        {live ? (
          <button
            type="button"
            className="button button-small"
            disabled={busy || !account.hasCredentials}
            onClick={() => {
              setBusy(true);
              void reconnectAccount(api, account).finally(() => setBusy(false));
            }}
            title="Reconnect now: a fresh reconciliation follows"
          >
            {busy ? 'Reconnecting…' : 'Reconnect & reconcile'}
          </button>
        ) : null}
      </div>
      <div className="recon-body">
        {!live ? (
          <p className="empty">Reconciliation compares a live exchange account with its exchange. Select a live account.</p>
        ) : runs.length === 0 ? (
          <p className="empty">No reconciliation yet: one runs when {account.name} connects.</p>
        ) : (
          <>
            {latest && latest.differences.length > 0 ? (
              <div className="recon-notice" role="alert" data-testid="reconciliation-notice">
                <b>
                  The latest reconciliation ({formatTime(latest.time, clock)}, after {latest.trigger}) found {latest.differences.length} difference{latest.differences.length === 1 ? '' : 's'}.
                </b>{' '}
                The exchange’s state was taken; check each resolution below.
              </div>
            ) : null}
            {runs.map((r, i) => (
              <ReconciliationRun key={`${r.time}-${r.trigger}`} run={r} clock={clock} latest={i === 0} />
            ))}
          </>
        )}
      </div>
    </section>
  );
}
