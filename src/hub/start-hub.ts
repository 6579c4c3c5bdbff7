import path from 'node:path';
import { ApiError } from '../shared/contract/errors';
import { HUB_PATH, HUB_PROTOCOL_VERSION } from '../shared/social/hub-methods';
import type { StrategyEvent } from '../shared/social/strategy-event';
import { createAccountHandlers } from './accounts/account-handlers';
import { createAuthService } from './accounts/auth-service';
import { createSessionsRepository } from './accounts/sessions-repository';
import { createUsersRepository } from './accounts/users-repository';
import { createCommunityService } from './community/community-service';
import type { Hub, HubOptions, HubStats } from './hub-api';
import { createCopiesRepository } from './leaderboard/copies-repository';
import { createLeaderboardHandlers } from './leaderboard/leaderboard-handlers';
import { createLeaderboardRepository } from './leaderboard/leaderboard-repository';
import { createLeaderboardService } from './leaderboard/leaderboard-service';
import { resolveHubLimits } from './limits/hub-limits';
import { createKeyedLimiter, perMinute } from './limits/token-bucket';
import { silentHubLogger } from './logging/stdout-logger';
import { createConnectionRegistry } from './rpc/connection-registry';
import { createHubDispatcher, type CallGuards } from './rpc/dispatcher';
import type { HubHandlers } from './rpc/hub-handlers';
import { createLocalClient } from './rpc/local-client';
import { startHubWsServer } from './rpc/ws-server';
import { createCommentsRepository } from './social/comments-repository';
import { createFeedService } from './social/feed-service';
import { createNotificationsRepository } from './social/notifications-repository';
import { createNotifier } from './social/notifier';
import { createPostService } from './social/post-service';
import { createPostsRepository } from './social/posts-repository';
import { createRelationsRepository } from './social/relations-repository';
import { createRelationsService } from './social/relations-service';
import { createReportsRepository } from './social/reports-repository';
import { createSocialHandlers } from './social/social-handlers';
import { HUB_DB_FILE, openHubDatabase } from './store/open-hub-database';
import { createWriteGate } from './store/write-gate';
import { createEventsRepository } from './streams/events-repository';
import { fanOutEvents } from './streams/fanout';
import { createNodeStreamCrypto } from './streams/node-stream-crypto';
import { createStrategiesRepository } from './streams/strategies-repository';
import { createStrategyHandlers } from './streams/strategy-handlers';
import { createStreamService } from './streams/stream-service';

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;
/** Idle limiter entries are forgotten this often. */
const SWEEP_MS = 60_000;
/** Ended sessions are kept this long (for "signed out" rather than "unknown" answers), then purged. */
const SESSION_RETENTION_MS = 7 * 24 * 60 * 60_000;

/**
 * Starts a hub: opens (and migrates) `hub.db` in the data directory, listens for WebSocket clients at
 * `ws://host:port/hub/v1`, and keeps the leaderboard current. Everything it holds — sockets, timers,
 * the database — belongs to the returned `Hub` and is released by `close()`, so an app can run one
 * inside its own process.
 */
export async function startHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? { now: () => Date.now() };
  const log = (options.log ?? silentHubLogger).child({ component: 'hub' });
  const embedded = options.embedded ?? false;
  const host = options.host ?? '127.0.0.1';
  if (embedded && !LOOPBACK.test(host)) throw new Error(`An embedded hub listens on the loopback interface only, not on ${host}`);
  const limits = resolveHubLimits(embedded, options.limits);
  const name = options.name ?? (embedded ? 'Local community' : 'Instant Social Trading hub');

  const db = openHubDatabase(path.join(options.dataDir, HUB_DB_FILE), { log });
  const stats: HubStats = { connections: 0, frames: 0, requests: 0, malformed: 0, rateLimited: 0, refused: 0, slowConsumers: 0, pushes: 0 };
  let nextConnectionId = 1;
  const timers: NodeJS.Timeout[] = [];
  try {
    const crypto = createNodeStreamCrypto();
    const gate = createWriteGate();
    const registry = createConnectionRegistry();
    const users = createUsersRepository(db);
    const sessions = createSessionsRepository(db);
    const strategies = createStrategiesRepository(db);
    const events = createEventsRepository(db);
    const copies = createCopiesRepository(db);
    const posts = createPostsRepository(db);
    const comments = createCommentsRepository(db);
    const relationsRepo = createRelationsRepository(db);
    const notifications = createNotificationsRepository(db);
    const reports = createReportsRepository(db);
    const leaderboardRows = createLeaderboardRepository(db);

    const auth = createAuthService({ users, sessions, registry, sessionTtlMs: limits.sessionTtlMs });
    const notifier = createNotifier({ notifications, relations: relationsRepo, registry });
    const relations = createRelationsService({ users, strategies, relations: relationsRepo, notifier });
    const postService = createPostService({ users, posts, comments, relations: relationsRepo, reports, strategies, notifier, registry });
    const feed = createFeedService(posts);
    const streams = createStreamService({ db, gate, users, strategies, events, crypto, log });
    const leaderboard = createLeaderboardService({ strategies, events, copies, rows: leaderboardRows, clock, log, gate });
    const community = createCommunityService({ db, users, posts, comments, relations: relationsRepo, strategies });

    const handlers: HubHandlers = {
      'hub.hello': () => ({ protocol: HUB_PROTOCOL_VERSION, name, time: clock.now(), embedded }),
      ...createAccountHandlers({ auth, users, strategies, relations, leaderboard }),
      ...createStrategyHandlers({ streams, strategies, events, registry, leaderboard }),
      ...createSocialHandlers({ posts: postService, feed, relations, notifications }),
      ...createLeaderboardHandlers({ leaderboard, copies, strategies }),
    };

    const authAttempts = createKeyedLimiter(perMinute(limits.authPerMinute));
    const writes = createKeyedLimiter(perMinute(limits.writesPerMinute));
    const perIp = createKeyedLimiter({ capacity: limits.perIp.burst, perSecond: limits.perIp.perSecond });
    const inSeconds = (ms: number): string => `${Math.max(1, Math.ceil(ms / 1000))} s`;
    const guards: CallGuards = {
      member: (connection, now) => auth.member(connection, now),
      authAttempt(connection, now) {
        if (authAttempts.take(connection.ip, now)) return;
        const wait = authAttempts.waitMs(connection.ip, now);
        throw new ApiError('RATE_LIMITED', `Too many sign-in attempts from your address: at most ${limits.authPerMinute} a minute. Try again in ${inSeconds(wait)}.`, { retryAfterMs: wait });
      },
      write(connection, userId, now) {
        // The embedding app driving its simulated members is not a member typing.
        if (connection.kind === 'local' && connection.auth?.sessionId === null) return;
        if (writes.take(userId, now)) return;
        const wait = writes.waitMs(userId, now);
        throw new ApiError('RATE_LIMITED', `Too many writes from your account: at most ${limits.writesPerMinute} a minute (posts, comments, likes, follows…). Try again in ${inSeconds(wait)}.`, { retryAfterMs: wait });
      },
    };
    const dispatcher = createHubDispatcher({ handlers, guards, clock, log, gate, validateResults: options.validateResults ?? false });

    const server = await startHubWsServer({
      host,
      port: options.port ?? 0,
      registry,
      dispatcher,
      limits,
      perIp,
      clock,
      stats,
      log,
      nextConnectionId: () => nextConnectionId++,
      pingIntervalMs: options.pingIntervalMs ?? 30_000,
    });

    const maintenance = setInterval(() => {
      const now = clock.now();
      authAttempts.sweep(now);
      writes.sweep(now);
      perIp.sweep(now);
    }, SWEEP_MS);
    maintenance.unref();
    timers.push(maintenance);
    const purge = (): void => {
      if (gate.busy) return;
      try {
        const purged = sessions.purge(clock.now() - SESSION_RETENTION_MS);
        if (purged > 0) log.info({ purged }, 'ended sessions purged');
      } catch (error) {
        log.warn({ err: String(error) }, 'session purge failed');
      }
    };
    purge();
    const purgeTimer = setInterval(purge, 60 * 60_000);
    purgeTimer.unref();
    timers.push(purgeTimer);
    leaderboard.start();

    const url = `ws://${host.includes(':') ? `[${host}]` : host}:${server.port}${HUB_PATH}`;
    log.info({ url, embedded, dataDir: options.dataDir }, 'hub listening');

    const needEmbedded = (what: string): void => {
      if (!embedded) throw new ApiError('UNAVAILABLE', `${what} is only available on an embedded hub`);
      // These write at once; they must not land inside an import's transaction.
      if (gate.busy) throw new ApiError('UNAVAILABLE', `${what} has to wait until the running importEvents has finished`);
    };
    let closing: Promise<void> | undefined;

    return {
      url,
      port: server.port,
      local() {
        return createLocalClient({
          id: nextConnectionId++,
          registry,
          dispatcher,
          stats,
          log,
          actAs: embedded
            ? (userId) => {
                if (!users.byId(userId)) throw new ApiError('NOT_FOUND', `Member ${userId} does not exist`);
              }
            : null,
        });
      },
      addMember(member) {
        needEmbedded('Adding simulated members');
        return community.addMember(member);
      },
      async importEvents(input: readonly StrategyEvent[]) {
        if (closing) throw new ApiError('UNAVAILABLE', 'The hub is closing');
        const started = performance.now();
        const appended = await streams.import(input, () => clock.now()).catch((error: unknown) => {
          // Closing under a running import closes the database it was about to write to.
          throw closing && !(error instanceof ApiError) ? new ApiError('UNAVAILABLE', 'The hub closed during the import; nothing was stored') : error;
        });
        let imported = 0;
        for (const list of appended.values()) {
          imported += list.length;
          fanOutEvents(registry, list);
        }
        const recomputing = performance.now();
        await leaderboard.recompute(appended.keys());
        log.info({ imported, strategies: appended.size, leaderboardMs: Math.round(performance.now() - recomputing), ms: Math.round(performance.now() - started) }, 'events imported');
        return { imported };
      },
      seed(seed) {
        needEmbedded('Seeding a community');
        return community.seed(seed);
      },
      stats: () => ({ ...stats }),
      settled: () => leaderboard.settled(),
      close() {
        closing ??= (async () => {
          log.info({}, 'hub closing');
          for (const t of timers) clearInterval(t);
          dispatcher.stop();
          leaderboard.close();
          await gate.idle();
          await server.close();
          for (const c of [...registry.all()]) registry.remove(c);
          await dispatcher.idle();
          db.close();
          log.info({}, 'hub closed');
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const t of timers) clearInterval(t);
    db.close();
    throw error;
  }
}
