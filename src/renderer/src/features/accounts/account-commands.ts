import type { ApiClient } from '../../api/api-client';
import type { Account } from '../../../../shared/trading/account';
import type { Command } from '../command-palette/commands';
import { useAccountDialog } from './account-dialog-store';
import { reconnectAccount, testConnectionWithToast } from './account-actions';
import { openReconciliation } from './open-reconciliation';

/** The palette's account commands: new accounts, and the selected live account's keys, test, reconnect and reconciliation. */
export function accountCommands(api: ApiClient, selected: Account | undefined): Command[] {
  const group = 'Trading';
  const commands: Command[] = [
    { id: 'trade.newAccount', title: 'New paper account…', group, run: () => useAccountDialog.getState().openCreate('paper') },
    { id: 'trade.newLiveAccount', title: 'Add live exchange account (Binance, …)…', group, run: () => useAccountDialog.getState().openCreate('live') },
  ];
  if (selected && selected.kind !== 'paper') {
    const a = selected;
    commands.push(
      { id: 'account.keys', title: `API keys of “${a.name}”…`, group, run: () => useAccountDialog.getState().openKeys(a.id) },
      { id: 'account.test', title: `Test connection of “${a.name}”`, group, run: () => testConnectionWithToast(api, a) },
      { id: 'account.reconnect', title: `Reconnect “${a.name}” (and reconcile)`, group, run: () => reconnectAccount(api, a) },
      { id: 'account.reconciliation', title: `Reconciliation of “${a.name}”`, group, run: () => openReconciliation(a.id) },
    );
  }
  return commands;
}
