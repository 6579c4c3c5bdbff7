import type { Connection, ConnectionState } from '../../../shared/trading/account';
import type { ReconciliationTrigger } from '../../../shared/trading/reconciliation';
import type { Clock, Logger } from '../../ports';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

/** Why a connection attempt failed: `fatal` ones wait for the user (new keys), others are retried. */
export class ConnectFailure extends Error {
  constructor(
    message: string,
    readonly fatal: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ConnectFailure';
  }
}

export interface LiveConnectionDeps {
  clock: Clock;
  log: Logger;
  /** Every state change, for the `accounts.connection` event. */
  onState(connection: Connection): void;
  /**
   * Brings the account in line with the exchange: markets, clock, balances, fills since the last
   * seen, open orders reconciled, bars backfilled. Throws ConnectFailure (or anything: retried).
   */
  synchronise(trigger: ReconciliationTrigger, downSince: number | null): Promise<void>;
  /** A cheap authenticated-or-public round trip (server time); resolves to its latency (ms). */
  probe(): Promise<number>;
  /** Whether streams are expected to be busy now (symbols followed). */
  expectsMarketData(): boolean;
  /** Drops every socket, so the next watch call opens fresh ones. */
  dropSockets(): Promise<void>;
  backoff?: BackoffPolicy;
  heartbeatMs?: number;
  /** No market message for this long while symbols are followed: degraded; twice as long: reconnect. */
  staleMs?: number;
  random?: () => number;
}

export interface LiveConnection {
  readonly connection: Connection;
  /** Successful resynchronisations after the first. */
  reconnects(): number;
  start(): void;
  /** Resolves when the connection is live or degraded (streams may run); loops await it. */
  whenUp(): Promise<void>;
  /** A stream or request found the connection broken. */
  failed(reason: string): void;
  /** A message arrived: the connection is alive. */
  activity(): void;
  /** The exchange is throttling us: degraded until `untilMs`. */
  throttled(detail: string, untilMs: number): void;
  /** Reconnect now, resetting backoff (the user asked, or keys changed). */
  reconnect(): void;
  /** Stop for good: no keys, keys refused. */
  halt(detail: string): void;
  close(): void;
}

/**
 * One live account's link to its exchange: connecting → live, and on trouble reconnecting with
 * jittered exponential backoff, resynchronising (resubscribe, backfill, fills, reconcile) on
 * every return. A heartbeat measures latency; a silent market feed is noticed and restarted.
 */
export function createLiveConnection(deps: LiveConnectionDeps): LiveConnection {
  const { clock, log } = deps;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const staleMs = deps.staleMs ?? 30_000;
  let connection: Connection = { state: 'down', detail: 'Not started', since: clock.now() };
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let syncing = false;
  let closed = false;
  let lastActivity = clock.now();
  let downSince: number | null = null;
  let throttledUntil = 0;
  let probeFailures = 0;
  let upWaiters: Array<() => void> = [];
  let everSynced = false;
  let reconnects = 0;
  let manual = false;

  const setState = (state: ConnectionState, detail: string): void => {
    if (connection.state === state && connection.detail === detail) return;
    connection = { state, detail, since: connection.state === state ? connection.since : clock.now() };
    if (state === 'live' || state === 'degraded') {
      const waiters = upWaiters;
      upWaiters = [];
      for (const w of waiters) w();
    }
    log.info({ state, detail }, 'connection state');
    deps.onState(connection);
  };

  const schedule = (delayMs: number): void => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void attemptSync(), delayMs);
    retryTimer.unref();
  };

  const attemptSync = async (): Promise<void> => {
    if (closed || syncing) return;
    syncing = true;
    const trigger: ReconciliationTrigger = manual ? 'manual' : everSynced ? 'reconnect' : 'connect';
    try {
      await deps.synchronise(trigger, downSince);
      if (closed) return;
      if (everSynced) reconnects++;
      everSynced = true;
      manual = false;
      attempt = 0;
      probeFailures = 0;
      downSince = null;
      lastActivity = clock.now();
      setState('live', 'Streaming; orders, fills and balances in sync');
    } catch (error) {
      if (closed) return;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ConnectFailure && error.fatal) {
        setState('down', message);
        return;
      }
      const delay = backoffDelay(attempt++, policy, deps.random, error instanceof ConnectFailure ? error.retryAfterMs : undefined);
      setState('reconnecting', `${message} — retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt})`);
      schedule(delay);
    } finally {
      syncing = false;
    }
  };

  const beat = async (): Promise<void> => {
    if (closed || syncing || (connection.state !== 'live' && connection.state !== 'degraded')) return;
    const now = clock.now();
    const silentFor = now - lastActivity;
    if (deps.expectsMarketData() && silentFor > 2 * staleMs) {
      api.failed(`No market data for ${Math.round(silentFor / 1000)} s`);
      await deps.dropSockets();
      return;
    }
    try {
      const latency = await deps.probe();
      probeFailures = 0;
      if (now < throttledUntil) return;
      if (deps.expectsMarketData() && silentFor > staleMs) setState('degraded', `No market data for ${Math.round(silentFor / 1000)} s; latency ${Math.round(latency)} ms`);
      else setState('live', `Streaming; latency ${Math.round(latency)} ms`);
    } catch (error) {
      probeFailures++;
      const message = error instanceof Error ? error.message : String(error);
      if (probeFailures >= 2) api.failed(`The exchange did not answer twice: ${message}`);
      else setState('degraded', `The exchange did not answer: ${message}`);
    }
  };

  const api: LiveConnection = {
    get connection() {
      return connection;
    },
    reconnects: () => reconnects,
    start() {
      if (closed) return;
      setState('connecting', 'Connecting to the exchange');
      void attemptSync();
      heartbeat = setInterval(() => void beat(), heartbeatMs);
      heartbeat.unref();
    },
    whenUp() {
      if (connection.state === 'live' || connection.state === 'degraded') return Promise.resolve();
      return new Promise((resolve) => upWaiters.push(resolve));
    },
    failed(reason) {
      if (closed || syncing || connection.state === 'reconnecting' || connection.state === 'down' || connection.state === 'connecting') return;
      downSince ??= lastActivity;
      const delay = backoffDelay(attempt++, policy, deps.random);
      setState('reconnecting', `${reason} — reconnecting in ${Math.ceil(delay / 1000)} s`);
      schedule(delay);
    },
    activity() {
      lastActivity = clock.now();
      if (connection.state === 'degraded' && clock.now() >= throttledUntil && !syncing) setState('live', 'Streaming');
    },
    throttled(detail, untilMs) {
      throttledUntil = Math.max(throttledUntil, untilMs);
      if (connection.state === 'live' || connection.state === 'degraded') setState('degraded', detail);
    },
    reconnect() {
      if (closed) return;
      attempt = 0;
      // Before the first successful connect it is still the first connect.
      manual = everSynced;
      clearTimeout(retryTimer);
      if (everSynced) downSince ??= lastActivity;
      setState('connecting', 'Connecting to the exchange');
      if (!heartbeat) {
        heartbeat = setInterval(() => void beat(), heartbeatMs);
        heartbeat.unref();
      }
      void deps.dropSockets().then(() => attemptSync());
    },
    halt(detail) {
      clearTimeout(retryTimer);
      setState('down', detail);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      upWaiters = [];
    },
  };
  return api;
}
