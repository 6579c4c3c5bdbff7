import 'dockview-react/dist/styles/dockview.css';
import './styles/global.css';
import { openStartupConnection } from './api/startup-connection';
import { prefetchWorkspace } from './features/charts/workspace-prefetch';
import { markPhase } from './perf/perf-probe';

markPhase('app-start');
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// This entry is kept tiny: it asks for what the first screen shows, and only then loads the app,
// whose evaluation and mounting would otherwise hold those requests back.
const startup = openStartupConnection(window);
void prefetchWorkspace(startup)
  .finally(() => startup.finish())
  .then(() => import('./app/render-app'))
  .then(
    ({ renderApp }) => renderApp(root),
    (error: unknown) => {
      root.textContent = `The user interface failed to load: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
