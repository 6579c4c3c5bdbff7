import type { Account } from '../../../../shared/trading/account';
import { ConnectionChip } from '../accounts/ConnectionChip';
import { CONNECTION_STATE_LABEL } from '../accounts/connection-status';
import { useTrading } from './trading-store';

/** Short: toolbars are narrow. A live account's state is the chip beside the selector (and the status bar). */
function optionText(a: Account): string {
  const margin = a.kind === 'paper' && a.type === 'margin' ? ` ×${a.leverage}` : '';
  return `${a.name} · ${a.currency}${margin}`;
}

function optionTitle(a: Account): string {
  if (a.kind !== 'paper') return `Live account at ${a.exchange ?? 'an exchange'}${a.connection ? ` — ${CONNECTION_STATE_LABEL[a.connection.state].toLowerCase()}: ${a.connection.detail}` : ''}`;
  return a.type === 'margin' ? `Paper margin account, up to ×${a.leverage}` : 'Paper cash account';
}

/** The account the ticket and blotters act on (the choice is remembered); a live account's connection beside it. */
export function AccountPicker({ compact = false, chip = 'label' }: { compact?: boolean; chip?: 'label' | 'dot' | 'none' }) {
  const accounts = useTrading((s) => s.accounts);
  const accountId = useTrading((s) => s.accountId);
  const list = Object.values(accounts).sort((a, b) => a.createdAt - b.createdAt);
  const selected = accountId ? accounts[accountId] : undefined;
  return (
    <span className="account-picker">
      <select
        className={compact ? 'select account-select compact' : 'select account-select'}
        aria-label="Account"
        value={accountId ?? ''}
        onChange={(e) => useTrading.getState().selectAccount(e.target.value)}
        disabled={list.length === 0}
      >
        {list.length === 0 ? <option value="">No account</option> : null}
        {list.map((a) => (
          <option key={a.id} value={a.id} title={optionTitle(a)}>
            {optionText(a)}
          </option>
        ))}
      </select>
      {selected && chip !== 'none' ? <ConnectionChip account={selected} compact={chip === 'dot'} testId="account-connection" /> : null}
    </span>
  );
}
