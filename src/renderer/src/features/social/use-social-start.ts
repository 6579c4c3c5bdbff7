import { useEffect, useSyncExternalStore } from 'react';
import type { ApiClient } from '../../api/api-client';

let started = false;
const listeners = new Set<() => void>();
let waiting = false;

function start(): void {
  started = true;
  for (const l of listeners) l();
}

/**
 * False until the core is connected and the page has had an idle moment after that, then true for
 * good: the feed and the leaderboard load then, so the trading screen (frame, charts, ticket)
 * paints and gets its data first.
 */
export function useSocialStart(api: ApiClient): boolean {
  const ready = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    () => started,
  );
  useEffect(() => {
    if (started || waiting) return;
    waiting = true;
    const whenIdle = (): void => void requestIdleCallback(start, { timeout: 1500 });
    if (api.state === 'open') return whenIdle();
    const off = api.onState((state) => {
      if (state !== 'open') return;
      off();
      whenIdle();
    });
  }, [api]);
  return ready;
}
