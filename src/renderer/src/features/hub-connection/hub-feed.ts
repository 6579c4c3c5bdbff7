import type { ApiClient } from '../../api/api-client';
import { refreshHubStatus } from './hub-actions';
import { useHub } from './hub-store';

/** Keeps the hub store current: the status on every (re)connect to the core, then its events. Returns the disposer. */
export function startHubFeed(api: ApiClient): () => void {
  const off = api.on('hub.status', (status) => useHub.getState().set(status));
  const offState = api.onState((state) => {
    if (state === 'open') void refreshHubStatus(api);
  });
  if (api.state === 'open') void refreshHubStatus(api);
  return () => {
    off();
    offState();
  };
}
