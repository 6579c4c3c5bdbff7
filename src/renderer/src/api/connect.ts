import type { IstBridge } from '../../../shared/ist-bridge';
import { createApiClient, type ApiClient } from './api-client';
import { createIpcTransport } from './ipc-transport';
import { apiSocketUrl } from './startup-connection';
import { createWsTransport } from './ws-transport';

declare global {
  interface Window {
    ist?: IstBridge;
  }
}

/** Picks the transport at start: the preload bridge in Electron, the host's WebSocket in a browser. */
export function connectApi(win: Window): ApiClient {
  if (win.ist) return createApiClient(createIpcTransport(win.ist));
  return createApiClient(createWsTransport({ url: apiSocketUrl(win.location) }));
}
