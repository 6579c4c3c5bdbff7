export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** How the renderer reaches the core: Electron IPC, or JSON-RPC over WebSocket. */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  readonly state: ConnectionState;
  call(method: string, params: unknown): Promise<unknown>;
  on(topic: string, listener: (payload: unknown) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
