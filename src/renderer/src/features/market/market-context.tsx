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

/** One live-market subscription manager and event hub for the whole window; loads instruments, again when a venue adds some. */
export function MarketProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const value = useMemo<MarketContextValue>(
    () => ({ live: createLiveMarket(api, (m) => useActivity.getState().add('error', `Live data: ${m}`)), events: createMarketEvents(api) }),
    [api],
  );
  useEffect(() => {
    // One request at a time; a venue announcing its instruments meanwhile asks for one more after it.
    let loading = false;
    let again = false;
    const load = (): void => {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      api
        .call('market.instruments')
        .then(
          (list) => useInstruments.getState().set(list),
          (e: unknown) => useActivity.getState().add('error', `Loading instruments failed: ${errorMessage(e)}`),
        )
        .finally(() => {
          loading = false;
          if (again) {
            again = false;
            load();
          }
        });
    };
    if (api.state === 'open') load();
    const offState = api.onState((s) => {
      if (s === 'open') load();
    });
    // A live account connected and loaded its exchange's markets: the list grew.
    const offInstruments = api.on('market.instruments', (e) => {
      useActivity.getState().add('info', `${e.venue}: ${e.count.toLocaleString('en-US')} instruments available`);
      load();
    });
    return () => {
      offState();
      offInstruments();
    };
  }, [api]);
  return <MarketContext.Provider value={value}>{children}</MarketContext.Provider>;
}

export function useMarket(): MarketContextValue {
  const value = useContext(MarketContext);
  if (!value) throw new Error('useMarket outside MarketProvider');
  return value;
}
