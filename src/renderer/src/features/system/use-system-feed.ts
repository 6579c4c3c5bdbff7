import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useSystemStore } from './system-store';

const PING_MS = 5000;

/** Keeps the system store current: connection state, info on (re)connect, status events, latency. */
export function useSystemFeed(): void {
  const api = useApi();
  useEffect(() => {
    const set = useSystemStore.setState;
    const refresh = async (): Promise<void> => {
      const started = performance.now();
      try {
        const info = await api.call('system.info');
        set({ info, latencyMs: performance.now() - started, error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    };
    set({ connection: api.state });
    const offState = api.onState((connection) => {
      set({ connection });
      if (connection === 'open') void refresh();
    });
    const offStatus = api.on('system.status', (status) => set({ status }));
    // A call queued while connecting would time the connection, not the round trip: wait for open.
    if (api.state === 'open') void refresh();
    const timer = setInterval(() => void refresh(), PING_MS);
    return () => {
      offState();
      offStatus();
      clearInterval(timer);
    };
  }, [api]);
}
