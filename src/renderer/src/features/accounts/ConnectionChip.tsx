import type { Account } from '../../../../shared/trading/account';
import { CONNECTION_STATE_LABEL, connectionTitle } from './connection-status';
import './accounts.css';

/**
 * A live account's link to its exchange: coloured dot and state (green live, amber connecting or
 * degraded, red down), the reason in the title. Nothing for paper accounts.
 */
export function ConnectionChip({ account, compact = false, showName = false, testId }: { account: Account; compact?: boolean; showName?: boolean; testId?: string }) {
  const c = account.connection;
  if (!c) return null;
  const label = CONNECTION_STATE_LABEL[c.state];
  return (
    <span className={`lconn lconn-${c.state}${compact ? ' compact' : ''}`} title={connectionTitle(account, c)} data-testid={testId} data-state={c.state}>
      <span className="dot" aria-hidden="true" />
      {showName ? <span className="lconn-name">{account.name}</span> : null}
      <span className={compact ? 'sr-only' : 'lconn-state'}>{label}</span>
    </span>
  );
}
