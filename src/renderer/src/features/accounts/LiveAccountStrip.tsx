import type { Account } from '../../../../shared/trading/account';
import { formatTime } from '../trading/trading-format';
import { usePreferences } from '../preferences/preferences-store';
import { useNow } from '../frame/use-now';
import { ConnectionChip } from './ConnectionChip';
import { sinceText } from './connection-status';
import { testLine, testOk, useConnectionTests } from './connection-test-store';
import { openReconciliation } from './open-reconciliation';
import { useReconciliations } from './reconciliation-store';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A live account's link at a glance: state and reason, endpoints, keys, the last test and the last reconciliation. */
export function LiveAccountStrip({ account }: { account: Account }) {
  const clock = usePreferences((s) => s.clock);
  const now = useNow();
  const test = useConnectionTests((s) => s.byAccount[account.id]);
  const latest = useReconciliations((s) => s.byAccount[account.id]?.[0]);
  const c = account.connection;
  const endpoints = [account.endpoints?.rest, account.endpoints?.ws].filter(Boolean).join(' · ');
  return (
    <div className="live-strip" data-testid="live-account-strip">
      <div className="live-line">
        <ConnectionChip account={account} testId="account-panel-connection" />
        {c ? (
          <span className="live-detail" title={c.detail}>
            {c.detail} <span className="dim">· {sinceText(c.since, now)}</span>
          </span>
        ) : null}
      </div>
      <dl className="live-facts">
        <div>
          <dt>Exchange</dt>
          <dd>
            {account.exchange ?? '—'}
            {account.venue ? <span className="dim"> · symbols {account.venue}:…</span> : null}
          </dd>
        </div>
        <div>
          <dt>Endpoints</dt>
          <dd className="mono" title={endpoints || 'The exchange’s own servers'}>
            {endpoints || <span className="dim">exchange default</span>}
          </dd>
        </div>
        <div>
          <dt>Keys</dt>
          <dd className={account.hasCredentials ? undefined : 'down'}>{account.hasCredentials ? 'stored, encrypted' : 'none — add API keys'}</dd>
        </div>
        <div>
          <dt>Last test</dt>
          <dd className={test ? (testOk(test) ? 'up' : 'down') : 'dim'} title={test ? testLine(test) : undefined}>
            {test ? `${formatTime(test.time, clock)} ${testLine(test)}` : 'not this session'}
          </dd>
        </div>
        <div>
          <dt>Reconciled</dt>
          <dd>
            {latest ? (
              <button type="button" className={latest.differences.length > 0 ? 'link-button warn' : 'link-button'} onClick={() => openReconciliation(account.id)}>
                {formatTime(latest.time, clock)} after {latest.trigger}: {latest.differences.length === 0 ? 'no differences' : plural(latest.differences.length, 'difference')}
              </button>
            ) : (
              <span className="dim">not yet</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
