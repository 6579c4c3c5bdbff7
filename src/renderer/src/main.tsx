import 'dockview-react/dist/styles/dockview.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { connectApi } from './api/connect';
import { App } from './app/App';
import { markPhase } from './perf/perf-probe';

markPhase('app-start');
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ApiProvider api={connectApi(window)}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
