import type { Push } from './push';

/** Who a connection is signed in as: a session (sign-in, resume) or, for embedded hubs' local clients, a member acted as. */
export interface ConnectionAuth {
  userId: string;
  /** Null for `actAs` (simulated members have no session). */
  sessionId: string | null;
}

/** One client of the hub: a WebSocket or an in-process local client. */
export interface HubConnection {
  readonly id: number;
  readonly kind: 'ws' | 'local';
  /** The peer address; `local` for in-process clients. */
  readonly ip: string;
  auth: ConnectionAuth | null;
  /** Strategies whose events this connection receives. */
  readonly subscriptions: Set<string>;
  /** Delivers a push; a WebSocket sends the shared frame, a local client hands over the payload. */
  deliver(push: Push): void;
}
