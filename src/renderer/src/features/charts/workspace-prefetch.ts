import type { ApiClient } from '../../api/api-client';
import type { WorkspaceState } from '../../../../shared/workspace/workspace-schema';
import { markPhase } from '../../perf/perf-probe';
import { prefetchBars } from './bars-prefetch';

let pending: Promise<WorkspaceState | null> | undefined;

/**
 * Asks for the saved workspace — and then every pane's bars — before React has even mounted, so
 * the core works while the page builds itself. The persistence hook takes this request.
 */
export function prefetchWorkspace(api: ApiClient): void {
  pending ??= api.call('workspace.current').then((saved) => {
    markPhase('workspace-loaded');
    for (const p of saved?.panes ?? []) prefetchBars(api, p.symbol, p.timeframe);
    return saved;
  });
}

/** The prefetched workspace request (once), or a new one. */
export function takeWorkspace(api: ApiClient): Promise<WorkspaceState | null> {
  const request = pending ?? api.call('workspace.current');
  pending = undefined;
  return request;
}
