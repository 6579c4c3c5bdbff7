import type { Database } from 'better-sqlite3';
import type { EventPayload, Handlers, HostKind, TopicName } from '../shared/contract';
import { APP_NAME } from '../shared/app-info';
import { dispatch, type HandlerMap } from './api/dispatcher';
import type { Deliver } from './api/event-subscriptions';
import { openSession, type Session } from './api/session';
import { createBarRepository } from './market/bar-repository';
import type { CcxtAccountDeps } from './brokers/ccxt/ccxt-account';
import { createFeedRouter } from './market/feed-router';
import { createBrokerCredentials } from './trading/broker-credentials';
import { createMarketHandlers } from './market/market-handlers';
import type { MarketFeed } from './market/market-feed';
import { createMarketService } from './market/market-service';
import { createSyntheticFeed } from './market/synthetic/synthetic-feed';
import { createEventBus, type AnyEventListener, type EventListener } from './events/event-bus';
import type { CorePorts, Logger } from './ports';
import { acquireProfileLock } from './profile/profile-lock';
import { createDatabaseBackups } from './store/backup';
import { startCheckpointer } from './store/checkpointer';
import { openDatabase } from './store/open-database';
import { createSettingsRepository, type SettingsRepository } from './store/settings-repository';
import { startCommunity } from './sim/start-community';
import type { HubConnectionOptions } from './social/hub-client';
import { createSocialService, type SocialService } from './social/social-service';
import { createCopyHandlers } from './copytrade/copy-handlers';
import { createCopyHub } from './copytrade/copy-hub';
import { createCopyService, type CopyService } from './copytrade/copy-service';
import { createSystemHandlers, systemStatus } from './system/system-handlers';
import { createTradingHandlers } from './trading/trading-handlers';
import { createTradingService, type TradingService } from './trading/trading-service';
import { createWorkspaceHandlers } from './workspace/workspace-handlers';

export interface CoreOptions {
  host: HostKind;
  version: string;
  ports: CorePorts;
  /** Heartbeat period of `system.status`; 0 turns it off (tests). */
  statusIntervalMs?: number;
  /** Validate every result against the contract (tests, development). */
  validateResults?: boolean;
  /** The market data source; the embedded synthetic market by default. */
  feed?: MarketFeed;
  /** Coalescing period of live market events (ms). */
  marketFlushMs?: number;
  /** Trades per second per instrument of the synthetic market (default 20). */
  syntheticTicksPerSecond?: number;
  /** Live accounts' connection timings (tests shorten them). */
  live?: Partial<Pick<CcxtAccountDeps, 'backoff' | 'heartbeatMs' | 'staleMs' | 'resolveForMs' | 'timeoutMs'>>;
  /** A remote social hub for this run (`--hub-url`), over the `hub.url` setting; unset: the embedded hub. */
  hubUrl?: string;
  /** Run the embedded hub's simulated community (default true; `--no-community` turns it off). */
  community?: boolean;
  /** Hub connection timings (tests shorten them). */
  hubConnection?: HubConnectionOptions;
}

/** The core as hosts see it: contract handlers, events, and an orderly close. */
export interface Core {
  readonly handlers: Handlers;
  readonly log: Logger;
  readonly settings: SettingsRepository;
  /**
   * Validates and runs one call — the entry point every host uses. `session` adds a connection's
   * own handlers (`events.*`).
   */
  call(method: string, params: unknown, session?: HandlerMap): Promise<unknown>;
  on<T extends TopicName>(topic: T, listener: EventListener<T>): () => void;
  onAny(listener: AnyEventListener): () => void;
  /**
   * A connection's own state (event topics, live symbols); pass its handlers to `call`. A new
   * subscriber to a state-like topic (e.g. `system.status`) gets its current value at once.
   */
  openSession(deliver: Deliver): Session;
  readonly trading: TradingService;
  /** The social client: hub link, offline cache, verified strategy streams (`social.streams`), publishing. */
  readonly social: SocialService;
  /** The copy-trade executor and its ledger. */
  readonly copy: CopyService;
  /** Resolves once copying has resumed what a previous run left open. */
  readonly copyStarted: Promise<void>;
  /** Stops timers, flushes and closes the database and releases the profile. Idempotent. */
  close(): Promise<void>;
}

/** The synthetic market's seed, fixed per profile so its history is the same at every start. */
function syntheticSeed(settings: SettingsRepository): number {
  const stored = settings.get('market.syntheticSeed');
  if (typeof stored === 'number' && Number.isInteger(stored)) return stored;
  settings.set('market.syntheticSeed', DEFAULT_SYNTHETIC_SEED);
  return DEFAULT_SYNTHETIC_SEED;
}

const DEFAULT_SYNTHETIC_SEED = 20_240_101;

/** The simulated community's seed, fixed per profile: its members' keys and history are the same at every start. */
function communitySeed(settings: SettingsRepository): number {
  const stored = settings.get('social.communitySeed');
  if (typeof stored === 'number' && Number.isInteger(stored)) return stored;
  settings.set('social.communitySeed', DEFAULT_COMMUNITY_SEED);
  return DEFAULT_COMMUNITY_SEED;
}

const DEFAULT_COMMUNITY_SEED = 1;

/**
 * Builds the core for one profile. Throws `DatabaseFromFutureError`, `DatabaseCorruptError` or
 * `ProfileLockedError` before touching anything when the profile cannot be opened safely.
 */
export function createCore(options: CoreOptions): Core {
  const { clock, logger, paths } = options.ports;
  const log = logger.child({ component: 'core' });
  const lock = acquireProfileLock(paths.dataDir);
  let db: Database;
  try {
    db = openDatabase(paths.database, { log });
  } catch (error) {
    lock.release();
    throw error;
  }

  const events = createEventBus((topic, error) => log.error({ topic, err: String(error) }, 'event listener failed'));
  const backups = createDatabaseBackups(db, paths.backupsDir);
  const stopCheckpoints = startCheckpointer(db, log);
  const systemDeps = { db, clock, paths, backups, app: { name: APP_NAME, version: options.version, host: options.host }, startedAt: clock.now() };
  const settings = createSettingsRepository(db, clock.now);
  const primaryFeed = options.feed ?? createSyntheticFeed({ seed: syntheticSeed(settings), clock, ...(options.syntheticTicksPerSecond ? { ticksPerSecond: options.syntheticTicksPerSecond } : {}) });
  // Live accounts attach their exchanges' feeds here as they open.
  const feed = createFeedRouter(primaryFeed);
  const market = createMarketService({
    feed,
    repo: createBarRepository(db),
    clock,
    log: logger.child({ component: 'market' }),
    emit: (topic, payload) => events.emit(topic, payload),
    ...(options.marketFlushMs ? { flushMs: options.marketFlushMs } : {}),
  });
  const trading = createTradingService({
    db,
    market,
    settings,
    clock,
    log: logger.child({ component: 'trading' }),
    emit: (topic, payload) => events.emit(topic, payload),
    live: {
      router: feed,
      credentials: createBrokerCredentials(options.ports.secrets, (accountId, why) => log.error({ accountId, why }, 'broker keys cannot be read')),
      ...(options.live ? { options: options.live } : {}),
    },
  });
  const social = createSocialService({
    db,
    settings,
    secrets: options.ports.secrets,
    trading,
    market,
    feed: primaryFeed,
    clock,
    log: logger.child({ component: 'social' }),
    dataDir: paths.dataDir,
    emit: (topic, payload) => events.emit(topic, payload),
    on: (topic, listener) => events.on(topic, listener),
    options: {
      hubUrl: options.hubUrl,
      // The embedded hub's simulated community (src/core/sim).
      startCommunity: options.community === false ? null : startCommunity,
      communitySeed: communitySeed(settings),
      marketSeed: syntheticSeed(settings),
      connection: options.hubConnection,
    },
  });
  const copyHub = createCopyHub(social.hub, logger.child({ component: 'copy' }));
  const copy = createCopyService({
    db,
    trading,
    market,
    streams: social.streams,
    hub: copyHub,
    clock,
    log: logger.child({ component: 'copy' }),
    emit: (topic, payload) => events.emit(topic, payload),
    on: (topic, listener) => events.on(topic, listener),
  });
  // Resumes every open copy intent by its client order id before anything new is sent.
  const copyStarted = copy.start().catch((error: unknown) => log.error({ err: String(error) }, 'copy executor failed to start'));
  const tradingHandlers = createTradingHandlers(trading);
  const handlers: Handlers = {
    ...createSystemHandlers(systemDeps),
    ...createMarketHandlers(market, clock),
    ...createWorkspaceHandlers(db, settings, clock, logger.child({ component: 'workspace' })),
    ...tradingHandlers,
    // A reset moves capital: a published account reports it as a flow, not as performance.
    'accounts.reset': (p) => social.publisher.capitalChange(p.accountId, () => Promise.resolve(tradingHandlers['accounts.reset'](p))),
    ...social.handlers,
    ...createCopyHandlers(copy),
  };

  // The current value of each state-like topic; pure event streams have none.
  const snapshots: { [T in TopicName]?: () => EventPayload<T> } = {
    'system.status': () => systemStatus(systemDeps, 'ok'),
    'hub.status': () => social.status(),
  };
  const snapshot = <T extends TopicName>(topic: T): EventPayload<T> | undefined => snapshots[topic]?.() as EventPayload<T> | undefined;
  const emitStatus = (state: 'ok' | 'stopping'): void => events.emit('system.status', systemStatus(systemDeps, state));
  const interval = options.statusIntervalMs ?? 5000;
  const heartbeat = interval > 0 ? setInterval(() => emitStatus('ok'), interval) : undefined;
  heartbeat?.unref();
  log.info({ dataDir: paths.dataDir, host: options.host, version: options.version }, 'core started');

  let closing: Promise<void> | undefined;
  return {
    handlers,
    log,
    settings,
    call: (method, params, session) => dispatch(session ? { ...handlers, ...session } : handlers, method, params, log, { validateResults: options.validateResults ?? false }),
    on: <T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void) => events.on(topic, listener),
    onAny: (listener) => events.onAny(listener),
    openSession: (deliver) => openSession({ onAny: (l) => events.onAny(l), snapshot }, market, deliver),
    trading,
    social,
    copy,
    copyStarted: copyStarted.then(() => undefined),
    close() {
      closing ??= (async () => {
        if (heartbeat) clearInterval(heartbeat);
        stopCheckpoints();
        emitStatus('stopping');
        // Copying first (it sends orders and reads streams), then publishing, which writes to trading and the database.
        await copyStarted;
        await copy.idle();
        copy.close();
        copyHub.close();
        await social.close();
        await backups.idle();
        trading.close();
        market.close();
        try {
          // Fold the WAL back into the main file so a copy of profile.db alone is complete.
          db.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          db.close();
          lock.release();
          log.info({}, 'core closed');
        }
      })();
      return closing;
    },
  };
}
