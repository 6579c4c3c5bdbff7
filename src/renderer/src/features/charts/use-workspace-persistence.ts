import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useActivity } from '../activity/activity-store';
import { useChartWorkspace, workspaceSnapshot } from './chart-workspace-store';
import { hasPrefetchedWorkspace, takeWorkspace } from './workspace-prefetch';

const SAVE_DELAY_MS = 400;

/** Restores the workspace saved in the profile, then saves every change (debounced). */
export function useWorkspacePersistence(): void {
  const api = useApi();
  useEffect(() => {
    let cancelled = false;
    let restoring = false;
    const restore = (): void => {
      if (useChartWorkspace.getState().loaded || restoring) return;
      restoring = true;
      takeWorkspace(api)
        .then(
          (saved) => {
            if (!cancelled) useChartWorkspace.getState().restore(saved);
          },
          (e: unknown) => useActivity.getState().add('error', `Restoring the workspace failed: ${errorMessage(e)}`),
        )
        .finally(() => (restoring = false));
    };
    // A prefetched workspace comes over the start-up connection: no need to wait for this one.
    if (api.state === 'open' || hasPrefetchedWorkspace()) restore();
    const offState = api.onState((s) => s === 'open' && restore());

    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastSaved = '';
    const offStore = useChartWorkspace.subscribe((state) => {
      if (!state.loaded) return;
      const snapshot = workspaceSnapshot(state);
      const text = JSON.stringify(snapshot);
      if (text === lastSaved) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        api.call('workspace.saveCurrent', { workspace: snapshot }).then(
          () => (lastSaved = text),
          (e: unknown) => useActivity.getState().add('error', `Saving the workspace failed: ${errorMessage(e)}`),
        );
      }, SAVE_DELAY_MS);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      offState();
      offStore();
    };
  }, [api]);
}
