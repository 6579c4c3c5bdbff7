import { EventEmitter } from 'node:events';
import type { Execution, PublicTrade } from './matching-engine';

export type StreamKind = 'market' | 'user';

/** One REST call as the server saw it (`status` 0 when the response was dropped on purpose). */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  time: number;
  /** Query and form parameters, signature left out. */
  params: Record<string, string>;
}

/** What tests can await instead of sleeping. */
export interface FakeBinanceEvents {
  request: [RequestLogEntry];
  /** A WebSocket connected (market `/ws`, `/stream`, or the `/ws-api/v3` user connection). */
  connection: [{ kind: StreamKind; path: string }];
  disconnection: [{ kind: StreamKind; path: string }];
  /** A market SUBSCRIBE was accepted (replied to). */
  subscribe: [{ streams: string[] }];
  unsubscribe: [{ streams: string[] }];
  /** `userDataStream.subscribe.signature` succeeded. */
  userSubscribe: [{ subscriptionId: number }];
  /** An order changed state (each `executionReport`). */
  execution: [Execution];
  /** A print hit the public tape. */
  trade: [PublicTrade];
}

export class FakeBinanceEmitter extends EventEmitter<FakeBinanceEvents> {
  /**
   * Resolves with the next `event` whose payload passes `accept`. The timeout only turns a
   * hung test into a clear failure; it is not a way to wait.
   */
  waitFor<K extends keyof FakeBinanceEvents>(event: K, accept: (...args: FakeBinanceEvents[K]) => boolean = () => true, timeoutMs = 5000): Promise<FakeBinanceEvents[K][0]> {
    return new Promise((resolve, reject) => {
      const listener = (...args: FakeBinanceEvents[K]) => {
        if (!accept(...args)) return;
        cleanup();
        resolve(args[0]);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-binance: no "${String(event)}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      // TypeScript cannot resolve EventEmitter's conditional listener type for a generic K.
      const cleanup = () => {
        clearTimeout(timer);
        this.off(event, listener as never);
      };
      this.on(event, listener as never);
    });
  }
}
