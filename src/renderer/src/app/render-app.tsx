import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from '../api/api-context';
import { connectApi } from '../api/connect';
import { useChartWorkspace } from '../features/charts/chart-workspace-store';
import { takeArrivedWorkspace } from '../features/charts/workspace-prefetch';
import { usePreferences } from '../features/preferences/preferences-store';
import { markPhase } from '../perf/perf-probe';
import { App } from './App';

/** Connects the app's client and mounts the app (the entry, main.tsx, has started the first requests). */
export function renderApp(root: HTMLElement): void {
  markPhase('app-render');
  const api = connectApi(window);
  // Charts read their colours from the theme's CSS variables when they are created: set it first.
  document.documentElement.dataset.theme = usePreferences.getState().theme;
  // A workspace that is already here is drawn by the first render, not by one after it.
  const arrived = takeArrivedWorkspace();
  if (arrived) useChartWorkspace.getState().restore(arrived.workspace);

  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={api}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}
