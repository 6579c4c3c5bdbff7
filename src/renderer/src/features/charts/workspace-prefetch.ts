import type { ApiCaller } from '../../api/api-client';
import type { WorkspaceState } from '../../../../shared/workspace/workspace-schema';
import { markPhase } from '../../perf/perf-probe';
import { prefetchBars } from './bars-prefetch';

let pending: Promise<WorkspaceState | null> | undefined;
let arrived: { workspace: WorkspaceState | null } | undefined;

/**
 * Asks for the saved workspace — and then every pane's bars — before the app has even loaded, so
 * the core works while the page builds itself. Resolves once the bars are asked for (or the
 * workspace could not be had); the persistence hook takes the workspace.
 */
export function prefetchWorkspace(api: ApiCaller): Promise<void> {
  const request = api.call('workspace.current');
  pending = request;
  return request.then(
    (saved) => {
      markPhase('workspace-loaded');
      if (pending === request) arrived = { workspace: saved };
      return Promise.allSettled((saved?.panes ?? []).map((p) => prefetchBars(api, p.symbol, p.timeframe))).then(() => markPhase('bars-prefetched'));
    },
    () => undefined,
  );
}

/** True while a prefetched workspace waits to be taken. */
export function hasPrefetchedWorkspace(): boolean {
  return pending !== undefined;
}

/** The prefetched workspace if it has already arrived (once), so the first render can show it. */
export function takeArrivedWorkspace(): { workspace: WorkspaceState | null } | undefined {
  const found = arrived;
  if (found) pending = undefined;
  arrived = undefined;
  return found;
}

/** The prefetched workspace request (once), or a new one; a failed prefetch is asked again through `api`. */
export function takeWorkspace(api: ApiCaller): Promise<WorkspaceState | null> {
  const request = pending;
  pending = undefined;
  arrived = undefined;
  return request ? request.catch(() => api.call('workspace.current')) : api.call('workspace.current');
}
