import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { Account } from '../../../../shared/trading/account';
import { useAccountDialog } from './account-dialog-store';
import { reconnectAccount, testConnectionWithToast } from './account-actions';
import { openReconciliation } from './open-reconciliation';
import { unseenDifferences } from './reconciliation-reducers';
import { useReconciliations } from './reconciliation-store';

/** A live account's toolbar actions: keys, connection test, reconnect, and its reconciliations (badged when unseen differences). */
export function LiveAccountActions({ account }: { account: Account }) {
  const api = useApi();
  const [busy, setBusy] = useState<'test' | 'reconnect' | null>(null);
  const unseen = useReconciliations((s) => unseenDifferences(s.byAccount[account.id], s.seen[account.id]));
  const run = (what: 'test' | 'reconnect', action: () => Promise<void>): void => {
    setBusy(what);
    void action().finally(() => setBusy(null));
  };
  return (
    <>
      <button type="button" className="button button-small" onClick={() => useAccountDialog.getState().openKeys(account.id)} title={account.hasCredentials ? 'Keys are stored; enter new ones to replace them' : 'No keys stored: the account cannot connect'}>
        API keys…{account.hasCredentials ? null : <span className="badge badge-bad">none</span>}
      </button>
      <button type="button" className="button button-small" disabled={busy !== null || !account.hasCredentials} onClick={() => run('test', () => testConnectionWithToast(api, account))}>
        {busy === 'test' ? 'Testing…' : 'Test connection'}
      </button>
      <button type="button" className="button button-small" disabled={busy !== null || !account.hasCredentials} onClick={() => run('reconnect', () => reconnectAccount(api, account))} title="Reconnect now and reconcile orders, fills and balances with the exchange">
        Reconnect
      </button>
      <button type="button" className="button button-small" onClick={() => openReconciliation(account.id)} title={unseen > 0 ? `The latest reconciliation found ${unseen} difference${unseen === 1 ? '' : 's'}` : 'Reconciliations with the exchange'}>
        Reconciliation
        {unseen > 0 ? (
          <span className="badge badge-warn" data-testid="reconciliation-badge">
            {unseen}
          </span>
        ) : null}
      </button>
    </>
  );
}
