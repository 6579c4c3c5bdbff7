import 'dockview-react/dist/styles/dockview.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { connectApi } from './api/connect';
import { App } from './app/App';
import { prefetchWorkspace } from './features/charts/workspace-prefetch';
import { markPhase } from './perf/perf-probe';

markPhase('app-start');
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

const api = connectApi(window);
// Start the round trips the first screen needs before React spends time mounting it.
prefetchWorkspace(api);

createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
