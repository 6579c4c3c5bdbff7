import type { Account } from '../../../../shared/trading/account';
import { chartInActivePane } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { symbolParts } from '../market/symbol-parts';
import { CONNECTION_STATE_LABEL } from './connection-status';

/**
 * What the ticket must say before a live order: the account is not connected, or the symbol is
 * not one of its exchange's (with a switch to the exchange's own when it lists the pair).
 * Nothing for paper accounts or when all is well.
 */
export function LiveTicketNotice({ account, symbol }: { account: Account | undefined; symbol: string }) {
  const { venue, local } = symbolParts(symbol);
  const venueSymbol = account?.venue ? `${account.venue}:${local}` : null;
  const listed = useInstruments((s) => (venueSymbol ? s.bySymbol.has(venueSymbol) : false));
  if (!account || account.kind === 'paper') return null;
  const c = account.connection;
  const notConnected = c && c.state !== 'live' ? `${account.name} is ${CONNECTION_STATE_LABEL[c.state].toLowerCase()}: ${c.detail}` : null;
  const otherVenue = account.venue !== null && venue !== account.venue;
  if (!notConnected && !otherVenue) return null;
  return (
    <div className={c?.state === 'down' ? 'tk-notice bad' : 'tk-notice'} role="note" data-testid="ticket-live-notice">
      {notConnected ? <div>{notConnected}</div> : null}
      {otherVenue ? (
        <div>
          {account.name} trades {account.venue}: symbols only.{' '}
          {listed && venueSymbol ? (
            // The chart switches too: the trader sees what the order is for.
            <button type="button" className="link-button" onClick={() => chartInActivePane(venueSymbol)}>
              Use {venueSymbol}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
