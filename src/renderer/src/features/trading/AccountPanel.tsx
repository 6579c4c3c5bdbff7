import { useApi } from '../../api/api-context';
import type { Account } from '../../../../shared/trading/account';
import { useAccountDialog } from '../accounts/account-dialog-store';
import { LiveAccountActions } from '../accounts/LiveAccountActions';
import { LiveAccountStrip } from '../accounts/LiveAccountStrip';
import { usePublishDialog } from '../strategy/publish-dialog-store';
import { AccountPicker } from './AccountPicker';
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

const describe = (a: Account): string => `Paper · ${a.type === 'margin' ? `margin, up to ×${a.leverage}` : 'cash'} · fees ${a.makerFeeBps}/${a.takerFeeBps} bps`;

/** The selected account's money; paper accounts can be reset, live ones show and manage their link to the exchange. */
export function AccountPanel() {
  const api = useApi();
  const account = useSelectedAccount();
  const live = account !== undefined && account.kind !== 'paper';
  return (
    <section className="panel-body blotter" aria-label="Account">
      <div className="bt-toolbar" role="toolbar" aria-label="Account actions">
        {/* A live account's state and exchange are in the strip below. */}
        <AccountPicker compact chip="none" />
        {account && !live ? <span className="chip-dim">{describe(account)}</span> : null}
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" onClick={() => useAccountDialog.getState().openCreate(live ? 'live' : 'paper')}>
          Add account…
        </button>
        {account ? (
          <button type="button" className="button button-small" onClick={() => usePublishDialog.getState().show(account.id)} title="Publish this account's trades from now on as a strategy others can follow and copy">
            Publish…
          </button>
        ) : null}
        {account && live ? <LiveAccountActions account={account} /> : null}
        {account && !live ? (
          <button type="button" className="button button-small button-danger" onClick={() => void resetAccount(api, account)}>
            Reset…
          </button>
        ) : null}
      </div>
      {account && live ? <LiveAccountStrip account={account} /> : null}
      {account ? (
        <dl className="acct-grid" data-testid="account-summary">
          <Stat label={`Balance (${account.currency})`} value={formatMoney(account.balance)} testId="account-balance" />
          <Stat label="Equity" value={formatMoney(account.equity)} testId="account-equity" />
          <Stat label="Unrealised P&L" value={formatPnl(account.unrealizedPnl)} className={pnlClass(account.unrealizedPnl)} />
          <Stat label="Realised P&L" value={formatPnl(account.realizedPnl)} className={pnlClass(account.realizedPnl)} />
          {live ? null : <Stat label="Margin used" value={formatMoney(account.marginUsed)} />}
          <Stat label="Buying power" value={formatMoney(account.buyingPower)} testId="account-buying-power" />
          {live ? null : (
            <>
              <Stat label="Leverage" value={`${usedLeverage(account).toFixed(2)}× of ${account.leverage}×`} />
              <Stat label="Start balance" value={formatMoney(account.startingBalance)} />
            </>
          )}
        </dl>
      ) : (
        <p className="empty">No account yet.</p>
      )}
    </section>
  );
}
