import type { Database } from 'better-sqlite3';
import type { EventPayload, HubStatus, TopicName } from '../../shared/contract';
import { createNodeStreamCrypto } from '../../hub';
import type { MarketFeed } from '../market/market-feed';
import type { MarketService } from '../market/market-service';
import type { Clock, Logger, SecretStore } from '../ports';
import type { SettingsRepository } from '../store/settings-repository';
import type { TradingService } from '../trading/trading-service';
import { createCachedReads } from './cached-reads';
import type { StartCommunity } from './embedded-hub';
import { createHubClient, type HubClient, type HubConnectionOptions } from './hub-client';
import { createSessionKeeper } from './hub-session-keeper';
import { createPublisherStore } from './publisher-store';
import { createSocialCache, type SocialCacheLimits } from './social-cache';
import { createSocialHandlers, type SocialHandlers } from './social-handlers';
import { createStrategyPublisher, type StrategyPublisher } from './strategy-publisher';
import { createVerifiedEventStore } from './verified-event-store';
import { createVerifiedStreams, type VerifiedStreams } from './verified-streams';

export interface SocialOptions {
  /** A remote hub for this run (`--hub-url`), over the `hub.url` setting; unset: the embedded hub. */
  hubUrl?: string | undefined;
  /** The embedded hub's simulated community; null runs the hub without one. */
  startCommunity: StartCommunity | null;
  communitySeed: number;
  marketSeed: number;
  connection?: HubConnectionOptions | undefined;
  cache?: Partial<SocialCacheLimits> | undefined;
}

export interface SocialServiceDeps {
  db: Database;
  settings: SettingsRepository;
  secrets: SecretStore;
  trading: TradingService;
  market: MarketService;
  /** The market feed the simulated community trades on. */
  feed: MarketFeed;
  clock: Clock;
  log: Logger;
  dataDir: string;
  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
  options: SocialOptions;
}

/** The core's social client: hub link and session, offline cache, verified streams and publishing. */
export interface SocialService {
  readonly handlers: SocialHandlers;
  readonly hub: HubClient;
  /** Verified strategy events: what the copy executor reads. */
  readonly streams: VerifiedStreams;
  readonly publisher: StrategyPublisher;
  status(): HubStatus;
  /** Stops publishing and live streams, then the hub link, the community and the embedded hub. */
  close(): Promise<void>;
}

export function createSocialService(deps: SocialServiceDeps): SocialService {
  const { db, clock, log, emit } = deps;
  const crypto = createNodeStreamCrypto();
  const hub = createHubClient({
    settings: deps.settings,
    sessions: createSessionKeeper(deps.secrets, log),
    clock,
    log,
    dataDir: deps.dataDir,
    feed: deps.feed,
    startCommunity: deps.options.startCommunity,
    communitySeed: deps.options.communitySeed,
    marketSeed: deps.options.marketSeed,
    url: deps.options.hubUrl,
    connection: deps.options.connection,
    onStatus: (status) => emit('hub.status', status),
  });
  const cache = createSocialCache(db, deps.options.cache, (key) => log.warn({ key: key.split('\n')[2] }, 'a damaged social cache entry was ignored'));
  const reads = createCachedReads(hub, cache, clock, log);
  const streams = createVerifiedStreams({
    hub,
    store: createVerifiedEventStore(db),
    crypto,
    settings: deps.settings,
    clock,
    log: log.child({ component: 'streams' }),
    onLiveEvent: (e) => emit('strategy.event', { strategyId: e.strategyId, seq: e.seq, type: e.body.type, time: e.body.time }),
  });
  const publisher = createStrategyPublisher({
    store: createPublisherStore(db, (strategyId, problem) => log.error({ strategyId, problem }, 'a published strategy’s stored state is damaged: it is not published until repaired')),
    hub,
    trading: deps.trading,
    market: deps.market,
    secrets: deps.secrets,
    crypto,
    clock,
    log: log.child({ component: 'publisher' }),
    on: deps.on,
  });
  const offNotification = hub.on('notification.new', (payload) => emit('social.notification', payload));
  const offPost = hub.on('feed.post', (payload) => emit('social.post', payload));

  let closing: Promise<void> | undefined;
  return {
    handlers: createSocialHandlers({ hub, reads, streams, publisher, clock }),
    hub,
    streams,
    publisher,
    status: () => hub.status(),
    close() {
      closing ??= (async () => {
        offNotification();
        offPost();
        publisher.close();
        streams.close();
        await hub.close();
      })();
      return closing;
    },
  };
}
