import type { Account, Connection, ConnectionState } from '../../../../shared/trading/account';

export const CONNECTION_STATE_LABEL: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting',
  live: 'Live',
  degraded: 'Degraded',
  reconnecting: 'Reconnecting',
  down: 'Down',
};

/** The state with its reason and how long it has held, for a title or a status line. */
export function connectionTitle(account: Pick<Account, 'name'>, connection: Connection, now = Date.now()): string {
  return `${account.name}: ${CONNECTION_STATE_LABEL[connection.state].toLowerCase()} for ${sinceText(connection.since, now)} — ${connection.detail}`;
}

/** "12 s", "4 min", "3 h": how long ago `since` was. */
export function sinceText(since: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** Live exchange accounts, oldest first (the order the selector lists them). */
export function liveAccounts(accounts: Readonly<Record<string, Account>>): Account[] {
  return Object.values(accounts)
    .filter((a) => a.kind !== 'paper')
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** What kind of account this is, in a word: "Paper" or the exchange's name. */
export function accountKindLabel(account: Pick<Account, 'kind' | 'exchange'>, exchangeName?: string): string {
  if (account.kind === 'paper') return 'Paper';
  return exchangeName ?? (account.exchange ? account.exchange.charAt(0).toUpperCase() + account.exchange.slice(1) : 'Live');
}
