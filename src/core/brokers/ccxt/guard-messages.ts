import type { Exchange } from 'ccxt';
import type { Logger } from '../../ports';

/** What the streams of one exchange connection delivered that we could not use. */
export interface StreamCounters {
  /** Frames that were not JSON objects or that ccxt could not handle. */
  malformed: number;
  /** Reports older than what we already had (a trade or order update arriving late). */
  outOfOrder: number;
}

type HandleMessage = (client: unknown, message: unknown) => void;
interface WsClientLike {
  connected?: Promise<unknown>;
  future(messageHash: string): Promise<unknown>;
  send(message: unknown): Promise<unknown>;
  onError(error: unknown): void;
}

/**
 * ccxt hands every frame to `handleMessage`; one it cannot parse rejects every pending watch of
 * that socket. A bad frame must cost only itself: it is counted, logged and dropped. Must run
 * before the first socket opens (ccxt binds the handler per socket). ccxt's console logging goes
 * to our log instead.
 */
export function guardMessages(exchange: Exchange, counters: StreamCounters, log: Logger): void {
  const target = exchange as unknown as { handleMessage: HandleMessage; log: (...args: unknown[]) => void };
  const original = target.handleMessage.bind(exchange);
  let lastWarn = 0;
  const drop = (why: string, message: unknown): void => {
    counters.malformed++;
    // A flood of bad frames must not flood the log: one line a second at most.
    if (Date.now() - lastWarn > 1000) {
      lastWarn = Date.now();
      log.warn({ why, frame: String(typeof message === 'string' ? message : JSON.stringify(message)).slice(0, 200), malformed: counters.malformed }, 'dropped a malformed stream frame');
    }
  };
  target.handleMessage = (client, message) => {
    if (message === null || typeof message !== 'object') {
      drop('not a JSON object', message);
      return;
    }
    try {
      original(client, message);
    } catch (error) {
      drop(error instanceof Error ? error.message : String(error), message);
    }
  };
  // ccxt sends a throttled subscription without handling the send's failure, and a socket closed
  // while opening rejects a promise nobody may hold: either becomes an unhandled rejection, which
  // ends a Node process. Failures go to the socket's own error handling instead.
  const sockets = exchange as unknown as { client: (url: string) => WsClientLike };
  const makeClient = sockets.client.bind(exchange);
  const hardened = new WeakSet<WsClientLike>();
  sockets.client = (url) => {
    const client = makeClient(url);
    if (!hardened.has(client)) {
      hardened.add(client);
      // A socket closed while still opening rejects `connected` and every future of the socket,
      // also those ccxt made ahead of time and nobody awaits (Binance's user-data subscription).
      client.connected?.catch(() => undefined);
      const future = client.future.bind(client);
      client.future = (hash) => {
        const made = future(hash);
        made.catch(() => undefined);
        return made;
      };
      const send = client.send.bind(client);
      client.send = (message) =>
        send(message).catch((error: unknown) => {
          client.onError(error);
        });
    }
    return client;
  };
  target.log = (...args) => log.debug({ ccxt: args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ').slice(0, 500) }, 'ccxt');
}
