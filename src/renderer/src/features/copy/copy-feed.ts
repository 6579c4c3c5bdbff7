import type { ApiClient } from '../../api/api-client';
import { followUpdate, loadFollows, loadLog } from './copy-actions';
import { applySignal } from './copy-reducers';
import { useCopy } from './copy-store';

/**
 * Keeps the copy store live: events first (nothing between the load and the subscription is
 * missed), then every follow; again after a reconnect, with the shown log, since events sent while
 * the connection was down are gone. Returns the disposer.
 */
export function startCopyFeed(api: ApiClient): () => void {
  const offs = [api.on('copy.update', followUpdate), api.on('copy.signal', (entry) => useCopy.setState((s) => ({ logs: applySignal(s.logs, entry) })))];
  const reload = (): void => {
    void loadFollows(api);
    const { selectedId, logs } = useCopy.getState();
    if (selectedId && logs[selectedId]) void loadLog(api, selectedId);
  };
  const offState = api.onState((state) => {
    if (state === 'open') reload();
  });
  if (api.state === 'open') reload();
  return () => {
    for (const off of offs) off();
    offState();
  };
}
