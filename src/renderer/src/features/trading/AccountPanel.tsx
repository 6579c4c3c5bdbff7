import { useApi } from '../../api/api-context';
import type { Account } from '../../../../shared/trading/account';
import { AccountPicker } from './AccountPicker';
import { useAccountDialog } from './account-dialog-store';
import { resetAccount } from './trading-actions';
import { formatMoney, formatPnl, pnlClass } from './trading-format';
import { useSelectedAccount } from './trading-store';

function Stat({ label, value, className, testId }: { label: string; value: string; className?: string; testId?: string }) {
  return (
    <div className="acct-stat">
      <dt>{label}</dt>
      <dd className={`num${className ? ` ${className}` : ''}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Leverage in use: gross exposure over equity. */
const usedLeverage = (a: Account): number => (a.equity > 0 ? (a.marginUsed * a.leverage) / a.equity : 0);

/** The selected account's money, with the paper account actions (new, reset). */
export function AccountPanel() {
  const api = useApi();
  const account = useSelectedAccount();
  return (
    <section className="panel-body blotter" aria-label="Account">
      <div className="bt-toolbar" role="toolbar" aria-label="Account actions">
        <AccountPicker compact />
        {account ? (
          <span className="chip-dim">
            {account.kind === 'paper' ? 'Paper' : account.kind} · {account.type === 'margin' ? `margin, up to ×${account.leverage}` : 'cash'} · fees {account.makerFeeBps}/{account.takerFeeBps} bps
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" onClick={() => useAccountDialog.getState().setOpen(true)}>
          New paper account…
        </button>
        <button type="button" className="button button-small button-danger" disabled={!account} onClick={() => account && void resetAccount(api, account)}>
          Reset…
        </button>
      </div>
      {account ? (
        <dl className="acct-grid" data-testid="account-summary">
          <Stat label={`Balance (${account.currency})`} value={formatMoney(account.balance)} testId="account-balance" />
          <Stat label="Equity" value={formatMoney(account.equity)} testId="account-equity" />
          <Stat label="Unrealised P&L" value={formatPnl(account.unrealizedPnl)} className={pnlClass(account.unrealizedPnl)} />
          <Stat label="Realised P&L" value={formatPnl(account.realizedPnl)} className={pnlClass(account.realizedPnl)} />
          <Stat label="Margin used" value={formatMoney(account.marginUsed)} />
          <Stat label="Buying power" value={formatMoney(account.buyingPower)} testId="account-buying-power" />
          <Stat label="Leverage" value={`${usedLeverage(account).toFixed(2)}× of ${account.leverage}×`} />
          <Stat label="Start balance" value={formatMoney(account.startingBalance)} />
        </dl>
      ) : (
        <p className="empty">No account yet.</p>
      )}
    </section>
  );
}
