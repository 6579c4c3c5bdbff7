import { useTrading } from './trading-store';

/** The account the ticket and blotters act on; the choice is remembered. */
export function AccountPicker({ compact = false }: { compact?: boolean }) {
  const accounts = useTrading((s) => s.accounts);
  const accountId = useTrading((s) => s.accountId);
  const list = Object.values(accounts).sort((a, b) => a.createdAt - b.createdAt);
  return (
    <select
      className={compact ? 'select account-select compact' : 'select account-select'}
      aria-label="Account"
      value={accountId ?? ''}
      onChange={(e) => useTrading.getState().selectAccount(e.target.value)}
      disabled={list.length === 0}
    >
      {list.length === 0 ? <option value="">No account</option> : null}
      {list.map((a) => (
        <option key={a.id} value={a.id} title={a.type === 'margin' ? `Margin account, up to ×${a.leverage}` : 'Cash account'}>
          {a.name} · {a.currency}
          {a.type === 'margin' ? ` ×${a.leverage}` : ''}
        </option>
      ))}
    </select>
  );
}
