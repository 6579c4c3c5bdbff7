import type { Account } from '../../../../shared/trading/account';
import { symbolParts } from '../market/symbol-parts';
import { CONNECTION_STATE_LABEL } from './connection-status';

/**
 * What the ticket must say before a live order: the account is not connected, or the symbol is
 * not one of its exchange's. Nothing for paper accounts or when all is well.
 */
export function LiveTicketNotice({ account, symbol }: { account: Account | undefined; symbol: string }) {
  if (!account || account.kind === 'paper') return null;
  const c = account.connection;
  const venue = symbolParts(symbol).venue;
  const notices: string[] = [];
  if (c && c.state !== 'live') notices.push(`${account.name} is ${CONNECTION_STATE_LABEL[c.state].toLowerCase()}: ${c.detail}`);
  if (account.venue && venue !== account.venue) notices.push(`${account.name} trades ${account.venue}: symbols (${account.venue}:BTC/USDT…), not ${symbol}`);
  if (notices.length === 0) return null;
  return (
    <div className={c?.state === 'down' ? 'tk-notice bad' : 'tk-notice'} role="note" data-testid="ticket-live-notice">
      {notices.map((n) => (
        <div key={n}>{n}</div>
      ))}
    </div>
  );
}
