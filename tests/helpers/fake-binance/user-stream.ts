import type { WebSocket } from 'ws';
import { BinanceError, errors } from './errors';
import type { FakeBinanceEmitter } from './events';
import { verifySigned, wsSignedPayload } from './signing';
import { RATE_LIMITS } from './symbols';
import type { Venue } from './venue';
import { balanceUpdate, executionReport, outboundAccountPosition } from './wire';

interface Session {
  ws: WebSocket;
  subscriptions: Set<number>;
  nextSubscriptionId: number;
}

type RequestId = string | number | null;

/**
 * The WebSocket API (`/ws-api/v3`) as far as the spot user data stream needs it:
 * `userDataStream.subscribe.signature` (signed like REST, params sorted), then every account
 * event pushed as `{"subscriptionId":N,"event":{...}}`.
 */
export class UserStreams {
  private readonly sessions = new Set<Session>();

  constructor(
    private readonly venue: Venue,
    private readonly events: FakeBinanceEmitter,
  ) {
    const { engine } = venue;
    engine.on('execution', (x) => this.push(executionReport(x, venue.clock.now())));
    engine.on('account', ({ assets, time }) => this.push(outboundAccountPosition(engine.allBalances(), assets, venue.clock.now(), time)));
    engine.on('balanceDelta', ({ asset, delta, time }) => this.push(balanceUpdate(asset, delta, venue.clock.now(), time)));
  }

  get size(): number {
    return this.sessions.size;
  }

  accept(ws: WebSocket, path: string): void {
    const session: Session = { ws, subscriptions: new Set(), nextSubscriptionId: 0 };
    this.sessions.add(session);
    ws.on('message', (data) => this.onMessage(session, data.toString()));
    ws.on('close', () => {
      this.sessions.delete(session);
      this.events.emit('disconnection', { kind: 'user', path });
    });
    ws.on('error', () => ws.terminate());
    this.events.emit('connection', { kind: 'user', path });
  }

  sendRaw(text: string): void {
    for (const session of this.sessions) session.ws.send(text);
  }

  terminateAll(): void {
    for (const session of this.sessions) session.ws.terminate();
  }

  private onMessage(session: Session, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.fail(session, null, new BinanceError(400, -1102, 'Malformed request: not valid JSON.'));
      return;
    }
    if (typeof message !== 'object' || message === null) {
      this.fail(session, null, new BinanceError(400, -1102, 'Malformed request.'));
      return;
    }
    const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
    const requestId: RequestId = typeof id === 'string' || typeof id === 'number' ? id : null;
    const stringParams: Record<string, string> = {};
    if (typeof params === 'object' && params !== null && !Array.isArray(params)) {
      for (const [key, value] of Object.entries(params)) stringParams[key] = String(value);
    }
    try {
      switch (method) {
        case 'userDataStream.subscribe.signature': {
          verifySigned({ apiKey: stringParams['apiKey'], params: stringParams, payload: wsSignedPayload(stringParams), credentials: this.venue.credentials, clock: this.venue.clock });
          const subscriptionId = session.nextSubscriptionId++;
          session.subscriptions.add(subscriptionId);
          this.ok(session, requestId, { subscriptionId });
          this.events.emit('userSubscribe', { subscriptionId });
          return;
        }
        case 'userDataStream.unsubscribe': {
          const only = stringParams['subscriptionId'];
          if (only === undefined) session.subscriptions.clear();
          else session.subscriptions.delete(Number(only));
          this.ok(session, requestId, {});
          return;
        }
        case 'session.subscriptions':
          this.ok(session, requestId, [...session.subscriptions].map((subscriptionId) => ({ subscriptionId })));
          return;
        case 'ping':
          this.ok(session, requestId, {});
          return;
        case 'time':
          this.ok(session, requestId, { serverTime: this.venue.clock.now() });
          return;
        default:
          throw new BinanceError(400, -1020, 'Unsupported operation.');
      }
    } catch (error) {
      this.fail(session, requestId, error instanceof BinanceError ? error : errors.unknown());
    }
  }

  private ok(session: Session, id: RequestId, result: unknown): void {
    this.send(session, { id, status: 200, result, rateLimits: [{ ...RATE_LIMITS[0], count: 2 }] });
  }

  private fail(session: Session, id: RequestId, error: BinanceError): void {
    this.send(session, { id, status: error.status, error: error.body(), rateLimits: [{ ...RATE_LIMITS[0], count: 2 }] });
  }

  private send(session: Session, message: unknown): void {
    if (session.ws.readyState === session.ws.OPEN) session.ws.send(JSON.stringify(message));
  }

  private push(event: Record<string, unknown>): void {
    for (const session of this.sessions) {
      for (const subscriptionId of session.subscriptions) this.send(session, { subscriptionId, event });
    }
  }
}
