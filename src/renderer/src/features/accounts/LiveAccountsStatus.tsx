import { useShallow } from 'zustand/react/shallow';
import type { Account } from '../../../../shared/trading/account';
import { useTrading } from '../trading/trading-store';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';
import { CONNECTION_STATE_LABEL, connectionTitle, liveAccounts } from './connection-status';
import { openReconciliation } from './open-reconciliation';
import { unseenDifferences } from './reconciliation-reducers';
import { useReconciliations } from './reconciliation-store';
import './accounts.css';

function LiveAccountStatus({ account }: { account: Account }) {
  const unseen = useReconciliations((s) => unseenDifferences(s.byAccount[account.id], s.seen[account.id]));
  const c = account.connection;
  const state = c?.state ?? 'down';
  return (
    <span className="status-item">
      <button
        type="button"
        className={`status-button lconn lconn-${state}`}
        data-testid={`status-connection-${account.id}`}
        data-state={state}
        title={c ? connectionTitle(account, c) : account.name}
        onClick={() => {
          useTrading.getState().selectAccount(account.id);
          const dock = useWorkspace.getState().dock;
          if (dock) showPanel(dock, 'account');
        }}
      >
        <span className="dot" aria-hidden="true" />
        {account.name} <span className="lconn-state">{CONNECTION_STATE_LABEL[state].toLowerCase()}</span>
      </button>
      {unseen > 0 ? (
        <button type="button" className="status-button badge badge-warn" onClick={() => openReconciliation(account.id)} title="The latest reconciliation with the exchange found differences: show them">
          ⚠ {unseen} diff{unseen === 1 ? '' : 's'}
        </button>
      ) : null}
    </span>
  );
}

/** The status bar's live accounts: one chip each with its connection state; click for the account. */
export function LiveAccountsStatus() {
  const accounts = useTrading(useShallow((s) => liveAccounts(s.accounts)));
  return accounts.map((a) => <LiveAccountStatus key={a.id} account={a} />);
}
