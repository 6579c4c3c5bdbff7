import type { Exchange } from 'ccxt';
import type { Instrument } from '../../../shared/market/instrument';
import type { Connection } from '../../../shared/trading/account';
import type { Fill } from '../../../shared/trading/fill';
import type { Order } from '../../../shared/trading/order';
import type { Reconciliation } from '../../../shared/trading/reconciliation';
import type { FxRates, QuoteSource } from '../../trading/fx-rates';
import type { Clock, Logger } from '../../ports';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../live/backoff';
import { createLiveConnection, type LiveConnection } from '../live/live-connection';
import { createCcxtBroker, type CcxtBroker, type CcxtBrokerState } from './ccxt-broker';
import { exchangeMessage, isAuthError } from './ccxt-errors';
import { createCcxtFeed, type CcxtFeed } from './ccxt-feed';
import { createSynchroniser } from './ccxt-sync';
import { createExchange, type ExchangeCredentials } from './create-exchange';
import type { Endpoints } from './endpoint-override';
import { guardMessages, type StreamCounters } from './guard-messages';
import { createRetrier, tapRetryAfter } from './with-retries';
import { BrokerUnavailableError } from '../broker-errors';

export interface ConnectionTest {
  ok: boolean;
  summary: string;
  authenticated: boolean;
  balancesRead: boolean;
  canTrade: boolean | null;
  latencyMs: number | null;
  clockOffsetMs: number | null;
  instruments: number | null;
}

export interface CcxtAccountDeps {
  accountId: string;
  exchange: string;
  venue: string;
  endpoints: Endpoints | null;
  currency: () => string;
  createdAt: number;
  /** Read from the secret store at every (re)connect, so new keys take effect at once. */
  credentials(): Promise<ExchangeCredentials | undefined>;
  /** The venue's instruments as last loaded, so a live account can be reviewed offline. */
  cachedInstruments: readonly Instrument[];
  saveInstruments(instruments: readonly Instrument[]): void;
  quotes: QuoteSource;
  fx: FxRates;
  clock: Clock;
  log: Logger;
  newId(): string;
  initial: CcxtBrokerState;
  history: { orderByClientId(clientOrderId: string): Order | undefined; order(orderId: string): Order | undefined; fillsSince(cursor: number, limit: number): Fill[] };
  onConnection(connection: Connection): void;
  onFees(makerBps: number, takerBps: number): void;
  onReconciliation(reconciliation: Reconciliation): void;
  backoff?: BackoffPolicy;
  heartbeatMs?: number;
  staleMs?: number;
  resolveForMs?: number;
  timeoutMs?: number;
}

/** A live account at a ccxt exchange: its connection, market feed and broker, opened together. */
export interface CcxtAccount {
  readonly broker: CcxtBroker;
  readonly feed: CcxtFeed;
  readonly counters: StreamCounters;
  connection(): Connection;
  /** Starts connecting (when keys are stored). */
  start(): Promise<void>;
  /** Reads the keys again and reconnects. */
  reconnect(): Promise<void>;
  testConnection(): Promise<ConnectionTest>;
  close(): Promise<void>;
}

const exchangeName = (exchange: Exchange): string => {
  try {
    return typeof exchange.name === 'string' && exchange.name ? exchange.name : exchange.id;
  } catch {
    return 'the exchange';
  }
};

export function openCcxtAccount(deps: CcxtAccountDeps): CcxtAccount {
  const { clock } = deps;
  const log = deps.log.child({ accountId: deps.accountId, exchange: deps.exchange });
  const counters: StreamCounters = { malformed: 0, outOfOrder: 0 };
  // ccxt is loaded when the account first connects; until then the exchange answers "not connected".
  let real: Exchange | undefined;
  let retryAfter: () => number | undefined = () => undefined;
  let loading: Promise<Exchange> | undefined;
  const load = (): Promise<Exchange> => {
    loading ??= createExchange({ exchange: deps.exchange, endpoints: deps.endpoints ?? undefined, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) }).then((ex) => {
      guardMessages(ex, counters, log);
      retryAfter = tapRetryAfter(ex, () => clock.now());
      real = ex;
      return ex;
    });
    return loading;
  };
  const notConnected = (): never => {
    throw new BrokerUnavailableError(`${deps.exchange} is not connected yet`);
  };
  const exchange = new Proxy({} as Exchange, {
    get: (_target, prop) => {
      const target = real ?? notConnected();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set: (_target, prop, value) => Reflect.set(real ?? notConnected(), prop, value),
  });
  /** Loads the keys into the exchange; false when there are none. */
  const applyCredentials = async (): Promise<boolean> => {
    await load();
    const keys = await deps.credentials();
    exchange.apiKey = keys?.apiKey ?? '';
    exchange.secret = keys?.secret ?? '';
    exchange.password = keys?.passphrase ?? '';
    return keys !== undefined;
  };
  const NO_KEYS = 'No API keys: enter them under API keys… to connect';
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const instrumentsBySymbol = new Map(deps.cachedInstruments.map((i) => [i.symbol, i]));

  // The connection's callbacks reach the feed and synchroniser made below, which exist before it starts.
  const connection: LiveConnection = createLiveConnection({
    clock,
    log,
    onState: deps.onConnection,
    synchronise: (trigger, downSince) => synchronise(trigger, downSince),
    probe: async () => {
      const started = performance.now();
      await exchange.fetchTime();
      return performance.now() - started;
    },
    expectsMarketData: () => feed.followed() > 0,
    dropSockets: async () => {
      await real?.close();
    },
    backoff,
    ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
    ...(deps.staleMs ? { staleMs: deps.staleMs } : {}),
  });
  const retry = createRetrier({ exchange, retryAfter: () => retryAfter(), connection, log, backoff, now: () => clock.now() });
  const feed = createCcxtFeed({ exchange, venue: deps.venue, connection, retry, counters, clock, log });
  feed.setInstruments(deps.cachedInstruments);
  feed.onInstrumentsChanged(() => {
    instrumentsBySymbol.clear();
    for (const i of feed.instruments()) instrumentsBySymbol.set(i.symbol, i);
    deps.saveInstruments(feed.instruments());
  });
  const instrument = (symbol: string): Instrument | undefined => instrumentsBySymbol.get(symbol);
  const broker = createCcxtBroker({
    accountId: deps.accountId,
    config: () => ({ currency: deps.currency(), venue: deps.venue }),
    exchange,
    retry,
    instrument,
    quotes: deps.quotes,
    fx: deps.fx,
    clock,
    log,
    newId: deps.newId,
    counters,
    initial: deps.initial,
    history: deps.history,
    connection,
    backoff,
    ...(deps.resolveForMs ? { resolveForMs: deps.resolveForMs } : {}),
  });
  const synchronise = createSynchroniser({
    accountId: deps.accountId,
    exchange,
    exchangeName: () => exchangeName(exchange),
    venue: deps.venue,
    currency: deps.currency,
    createdAt: deps.createdAt,
    broker,
    feed,
    retry,
    instrument,
    now: () => clock.now(),
    log,
    onReconciliation: deps.onReconciliation,
    onFees: deps.onFees,
    onClockOffset: (ms) => {
      if (Math.abs(ms) > 1000) log.warn({ offsetMs: Math.round(ms) }, 'the exchange clock differs from ours; requests are signed with the offset');
    },
  });

  return {
    broker,
    feed,
    counters,
    connection: () => ({ ...connection.connection, stats: { malformedFrames: counters.malformed, outOfOrder: counters.outOfOrder, reconnects: connection.reconnects() } }),
    async start() {
      try {
        if (await applyCredentials()) connection.start();
        else connection.halt(NO_KEYS);
      } catch (error) {
        connection.halt(`Cannot open ${deps.exchange}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async reconnect() {
      try {
        if (await applyCredentials()) connection.reconnect();
        else connection.halt(NO_KEYS);
      } catch (error) {
        connection.halt(`Cannot open ${deps.exchange}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async testConnection() {
      const result: ConnectionTest = { ok: false, summary: '', authenticated: false, balancesRead: false, canTrade: null, latencyMs: null, clockOffsetMs: null, instruments: null };
      if (!(await applyCredentials())) return { ...result, summary: 'No API keys are stored for this account' };
      try {
        const started = performance.now();
        const serverTime = exchange.has['fetchTime'] ? await exchange.fetchTime() : undefined;
        result.latencyMs = Math.round(performance.now() - started);
        if (typeof serverTime === 'number') result.clockOffsetMs = Math.round(serverTime - (Date.now() - (result.latencyMs ?? 0) / 2));
        const markets = await retry('markets', () => exchange.loadMarkets());
        result.instruments = Object.values(markets).filter((m) => m?.spot).length;
        const balance = await retry('balances', () => exchange.fetchBalance());
        result.authenticated = true;
        result.balancesRead = true;
        const info = balance.info as { canTrade?: unknown } | undefined;
        result.canTrade = typeof info?.canTrade === 'boolean' ? info.canTrade : null;
        result.ok = result.canTrade !== false;
        const permission = result.canTrade === null ? 'not reported by the exchange' : result.canTrade ? 'yes' : 'NO — enable trading on the key';
        result.summary = `authenticated; balances read; trading permission: ${permission}; latency ${result.latencyMs} ms`;
      } catch (error) {
        const message = exchangeMessage(error);
        result.summary = isAuthError(error) ? `The exchange refused the API keys: ${message}` : result.latencyMs === null ? `Cannot reach the exchange: ${message}` : `Failed: ${message}`;
      }
      return result;
    },
    async close() {
      connection.close();
      feed.close();
      broker.close();
      await real?.close().catch(() => undefined);
    },
  };
}
