import { useEffect, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import type { Account } from '../../../../shared/trading/account';
import { useNow } from '../frame/use-now';
import { usePreferences } from '../preferences/preferences-store';
import { formatTime } from '../trading/trading-format';
import { ConnectionChip } from './ConnectionChip';
import { sinceText } from './connection-status';
import { testLine, testOk, useConnectionTests } from './connection-test-store';
import { useExchangeName, useExchanges } from './exchanges-store';
import { openReconciliation } from './open-reconciliation';
import { useReconciliations } from './reconciliation-store';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The hosts of custom endpoints ("127.0.0.1:8080"), short enough for a one-line fact. */
function hosts(endpoints: Account['endpoints']): string | null {
  const list = [endpoints?.rest, endpoints?.ws].filter((u): u is string => Boolean(u));
  if (list.length === 0) return null;
  const host = (u: string): string => {
    try {
      return new URL(u).host;
    } catch {
      return u;
    }
  };
  return [...new Set(list.map(host))].join(', ');
}

function Fact({ label, children, className, title }: { label: string; children: ReactNode; className?: string; title?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className} title={title}>
        {children}
      </dd>
    </div>
  );
}

/** A live account's link at a glance: state and reason, exchange, endpoints, keys, the last test and the last reconciliation. */
export function LiveAccountStrip({ account }: { account: Account }) {
  const api = useApi();
  const clock = usePreferences((s) => s.clock);
  const now = useNow();
  const test = useConnectionTests((s) => s.byAccount[account.id]);
  const latest = useReconciliations((s) => s.byAccount[account.id]?.[0]);
  const exchangeName = useExchangeName(account.exchange);
  useEffect(() => void useExchanges.getState().load(api), [api]);
  const c = account.connection;
  const custom = hosts(account.endpoints);
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
        <Fact label="Exchange" title={account.venue ? `Its symbols: ${account.venue}:BTC/USDT…` : undefined}>
          {exchangeName ?? account.exchange ?? '—'} <span className="dim">spot · fees {account.makerFeeBps}/{account.takerFeeBps} bps</span>
        </Fact>
        <Fact label="Endpoints" className={custom ? 'mono' : 'dim'} title={[account.endpoints?.rest, account.endpoints?.ws].filter(Boolean).join('\n') || 'The exchange’s own servers'}>
          {custom ? `${custom} (custom)` : 'exchange default'}
        </Fact>
        <Fact label="API keys" className={account.hasCredentials ? undefined : 'down'}>
          {account.hasCredentials ? 'stored, encrypted' : 'none — add API keys'}
        </Fact>
        <Fact label="Last test" className={test ? (testOk(test) ? 'up' : 'down') : 'dim'} title={test ? testLine(test) : undefined}>
          {test ? `${formatTime(test.time, clock)} ${testOk(test) ? 'passed' : 'failed'}` : 'not this session'}
        </Fact>
        <Fact label="Reconciled" title={latest ? `After ${latest.trigger}` : undefined}>
          {latest ? (
            <button type="button" className={latest.differences.length > 0 ? 'link-button warn' : 'link-button'} onClick={() => openReconciliation(account.id)}>
              {formatTime(latest.time, clock)} after {latest.trigger} · {latest.differences.length === 0 ? 'no differences' : plural(latest.differences.length, 'difference')}
            </button>
          ) : (
            <span className="dim">not yet</span>
          )}
        </Fact>
      </dl>
    </div>
  );
}
