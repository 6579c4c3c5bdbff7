import type { ApiClient } from '../../api/api-client';
import { errorMessage } from '../../api/error-message';
import type { EventPayload } from '../../../../shared/contract';
import { useActivity } from '../activity/activity-store';
import { useToasts } from '../toasts/toast-store';
import { useTrading } from '../trading/trading-store';
import { loadReconciliations } from './account-actions';
import { CONNECTION_STATE_LABEL } from './connection-status';
import { useReconciliations } from './reconciliation-store';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Keeps the live accounts' connection state and reconciliations current: `accounts.connection`
 * into the trading store, `accounts.reconciliation` into the reconciliation store, and each live
 * account's recent reconciliations loaded once it is known (again after a reconnect of the core,
 * whose events in between are gone). Returns the disposer.
 */
export function startLiveAccountFeed(api: ApiClient): () => void {
  const activity = useActivity.getState;
  const nameOf = (accountId: string): string => useTrading.getState().accounts[accountId]?.name ?? accountId;
  const loaded = new Set<string>();

  const onConnection = (e: EventPayload<'accounts.connection'>): void => {
    const before = useTrading.getState().accounts[e.accountId]?.connection?.state;
    useTrading.getState().connectionUpdate(e);
    if (before === e.state) return;
    const name = nameOf(e.accountId);
    activity().add(e.state === 'down' ? 'error' : e.state === 'live' ? 'info' : 'warn', `${name}: ${CONNECTION_STATE_LABEL[e.state].toLowerCase()} — ${e.detail}`);
    // Down waits for the trader (keys, exchange): say so where it cannot be missed.
    if (e.state === 'down') useToasts.getState().push({ kind: 'error', title: `${name} is down`, detail: e.detail });
  };

  const onReconciliation = (r: EventPayload<'accounts.reconciliation'>): void => {
    useReconciliations.getState().merge(r.accountId, [r]);
    const n = r.differences.length;
    const name = nameOf(r.accountId);
    activity().add(n > 0 ? 'warn' : 'info', `${name} reconciled after ${r.trigger}: ${n === 0 ? 'no differences' : `${plural(n, 'difference')} — see Reconciliation`}`);
  };

  const loadNew = (): void => {
    if (api.state !== 'open') return;
    for (const a of Object.values(useTrading.getState().accounts)) {
      if (a.kind === 'paper' || loaded.has(a.id)) continue;
      loaded.add(a.id);
      loadReconciliations(api, a.id).catch((e: unknown) => {
        loaded.delete(a.id);
        activity().add('warn', `Loading ${a.name}'s reconciliations failed: ${errorMessage(e)}`);
      });
    }
  };

  const offs = [
    api.on('accounts.connection', onConnection),
    api.on('accounts.reconciliation', onReconciliation),
    useTrading.subscribe((s, prev) => {
      if (s.accounts !== prev.accounts) loadNew();
    }),
    api.onState((state) => {
      if (state !== 'open') loaded.clear();
    }),
  ];
  loadNew();
  return () => {
    for (const off of offs) off();
  };
}
