import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useActivity } from '../activity/activity-store';
import { useInstruments } from './instruments-store';
import { createLiveMarket, type LiveMarket } from './live-market';
import { createMarketEvents, type MarketEvents } from './market-events';

interface MarketContextValue {
  live: LiveMarket;
  events: MarketEvents;
}

const MarketContext = createContext<MarketContextValue | null>(null);

/** One live-market subscription manager and event hub for the whole window; loads instruments. */
export function MarketProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const value = useMemo<MarketContextValue>(
    () => ({ live: createLiveMarket(api, (m) => useActivity.getState().add('error', `Live data: ${m}`)), events: createMarketEvents(api) }),
    [api],
  );
  useEffect(() => {
    const load = (): void => {
      api.call('market.instruments').then(
        (list) => useInstruments.getState().set(list),
        (e: unknown) => useActivity.getState().add('error', `Loading instruments failed: ${errorMessage(e)}`),
      );
    };
    if (api.state === 'open') load();
    return api.onState((s) => {
      if (s === 'open') load();
    });
  }, [api]);
  return <MarketContext.Provider value={value}>{children}</MarketContext.Provider>;
}

export function useMarket(): MarketContextValue {
  const value = useContext(MarketContext);
  if (!value) throw new Error('useMarket outside MarketProvider');
  return value;
}
