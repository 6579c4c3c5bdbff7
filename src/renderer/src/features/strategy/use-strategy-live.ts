import { useEffect } from 'react';
import type { ApiClient } from '../../api/api-client';
import { loadStrategy } from './strategy-actions';

/** At most one reload per this window: a busy strategy fills many times a second. */
const REFRESH_WINDOW_MS = 1500;

/** Reloads the shown strategy (quietly, at most once per window) when the core reports a verified event of it. */
export function useStrategyLive(api: ApiClient, strategyId: string | null): void {
  useEffect(() => {
    if (!strategyId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('strategy.event', (e) => {
      // One reload per window, however many events arrive in it (a steady stream never starves it).
      if (e.strategyId !== strategyId || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void loadStrategy(api, strategyId, { quiet: true });
      }, REFRESH_WINDOW_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, strategyId]);
}
