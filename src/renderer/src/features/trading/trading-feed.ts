import type { ApiClient } from '../../api/api-client';
import { errorMessage } from '../../api/error-message';
import type { Fill } from '../../../../shared/trading/fill';
import { MAX_FILLS } from './trading-reducers';
import { useTrading } from './trading-store';

/** The account's newest fills (the blotter keeps MAX_FILLS; older ones stay in the profile's history). */
async function recentFills(api: ApiClient, accountId: string): Promise<Fill[]> {
  const res = await api.call('fills.list', { accountId, order: 'desc', limit: MAX_FILLS });
  return res.fills;
}

/**
 * Keeps the trading store live: events first (so nothing between the load and the subscription is
 * missed), then the accounts and the selected account's lists; everything again after a reconnect
 * (events sent while the connection was down are gone) and on switching accounts. Returns the disposer.
 */
export function startTradingFeed(api: ApiClient, onError: (text: string) => void): () => void {
  const store = useTrading.getState;
  const offs = [
    api.on('accounts.update', (a) => store().accountUpdate(a)),
    api.on('orders.update', (o) => store().orderUpdate(o)),
    api.on('positions.update', (p) => store().positionUpdate(p)),
    api.on('fills.new', (f) => store().fillNew(f)),
  ];
  let generation = 0;

  const loadAccount = async (accountId: string): Promise<void> => {
    const mine = ++generation;
    const [recent, working, positions, fills] = await Promise.all([
      api.call('orders.list', { accountId, limit: 500 }),
      // Working orders older than the 500 newest must still be cancellable.
      api.call('orders.list', { accountId, status: 'working', limit: 5000 }),
      api.call('positions.list', { accountId }),
      recentFills(api, accountId),
    ]);
    if (mine !== generation) return;
    store().snapshot(accountId, { orders: [...recent, ...working], positions, fills });
  };

  const loadAll = async (): Promise<void> => {
    try {
      store().setAccounts(await api.call('accounts.list'));
      const id = store().accountId;
      if (id) await loadAccount(id);
    } catch (e) {
      onError(`Loading trading data failed: ${errorMessage(e)}`);
    }
  };

  const offSelect = useTrading.subscribe((s, prev) => {
    if (s.accountId && prev.accountId && s.accountId !== prev.accountId) {
      loadAccount(s.accountId).catch((e: unknown) => onError(`Loading the account failed: ${errorMessage(e)}`));
    }
  });
  const offState = api.onState((state) => {
    if (state === 'open') void loadAll();
  });
  if (api.state === 'open') void loadAll();

  return () => {
    generation++;
    for (const off of offs) off();
    offSelect();
    offState();
  };
}
