import type { ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { AccountPicker } from './AccountPicker';
import { displayCombo } from './hotkeys';
import { useHotkeys } from './hotkey-store';
import { cancelAllOrders, flattenAll } from './trading-actions';
import { formatMoney, formatPnl, pnlClass } from './trading-format';
import { useSelectedAccount } from './trading-store';

/** Above every blotter: the account, its equity and open P&L, and the two panic buttons. */
export function TradingToolbar({ children }: { children?: ReactNode }) {
  const api = useApi();
  const account = useSelectedAccount();
  const bindings = useHotkeys((s) => s.bindings);
  return (
    <div className="bt-toolbar" role="toolbar" aria-label="Trading">
      <AccountPicker compact chip="dot" />
      {account ? (
        <span className="bt-metrics num">
          <span>
            <b>Equity</b>
            {formatMoney(account.equity)}
          </span>
          <span>
            <b>uP&amp;L</b>
            <span className={pnlClass(account.unrealizedPnl)}>{formatPnl(account.unrealizedPnl)}</span>
          </span>
          <span>
            <b>BP</b>
            {formatMoney(account.buyingPower)}
          </span>
        </span>
      ) : null}
      {children}
      <span className="toolbar-spacer" />
      <button type="button" className="button button-small" onClick={() => void cancelAllOrders(api)} title={`Cancel every working order (${displayCombo(bindings.cancelAll)})`} disabled={!account}>
        Cancel all
      </button>
      <button type="button" className="button button-small button-danger" onClick={() => void flattenAll(api)} title={`Cancel orders and close every position at market (${displayCombo(bindings.flattenAll)})`} disabled={!account}>
        Flatten all
      </button>
    </div>
  );
}
