import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { CONNECTION_LABEL } from '../frame/connection-label';
import { useActivity } from './activity-store';

/** Logs connection changes, so a trader can see when and how long the core was unreachable. */
export function useConnectionActivity(): void {
  const api = useApi();
  useEffect(() => {
    const { add } = useActivity.getState();
    add('info', `Connecting to the core over ${api.transport === 'ipc' ? 'Electron IPC' : 'WebSocket'}`);
    if (api.state === 'open') add('info', 'Core connected');
    return api.onState((state) => add(state === 'open' ? 'info' : 'warn', `Core ${CONNECTION_LABEL[state].toLowerCase()}`));
  }, [api]);
}
