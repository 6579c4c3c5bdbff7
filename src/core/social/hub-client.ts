import { z } from 'zod';
import { ApiError, type HubStatus, type Params } from '../../shared/contract';
import { hubPushes, type HubMethodName, type HubParamsIn, type HubPushName, type HubPushPayload, type HubResult, type HubSession } from '../../shared/social/hub-methods';
import type { UserProfile } from '../../shared/social/social-types';
import type { BackoffPolicy } from '../brokers/live/backoff';
import type { MarketFeed } from '../market/market-feed';
import type { Clock, Logger } from '../ports';
import type { SettingsRepository } from '../store/settings-repository';
import { startEmbeddedHub, type CommunityStatus, type EmbeddedHub, type StartCommunity } from './embedded-hub';
import { createHubConnection, type HubConnection, type HubLinkStats, type HubRequest } from './hub-connection';
import type { SessionKeeper, StoredSession } from './hub-session-keeper';

/** Connection timings (tests shorten them). */
export interface HubConnectionOptions {
  requestTimeoutMs?: number;
  backoff?: BackoffPolicy;
  heartbeatMs?: number;
}

export interface HubClientDeps {
  settings: SettingsRepository;
  sessions: SessionKeeper;
  clock: Clock;
  log: Logger;
  /** The profile's data directory (the embedded hub lives in `hub/` inside it). */
  dataDir: string;
  feed: MarketFeed;
  /** The simulated community of the embedded hub; null runs it without one. */
  startCommunity: StartCommunity | null;
  communitySeed: number;
  /** The synthetic market's seed: the community regenerates its members' history from it. */
  marketSeed: number;
  /** A remote hub for this run, over the `hub.url` setting (`--hub-url`). */
  url?: string | undefined;
  connection?: HubConnectionOptions | undefined;
  onStatus(status: HubStatus): void;
}

/**
 * The hub this app talks to, whichever it is: the embedded one or a remote one, switched at run
 * time. Keeps the member's session (resumed on every reconnect) and forwards hub pushes across
 * switches, so the rest of the social client holds one object for the whole run.
 */
export interface HubClient {
  status(): HubStatus;
  /** 'embedded' or the remote hub's URL: what caches, sessions and published strategies are tied to. */
  hubKey(): string;
  /** The signed-in member (the last known one while offline); null when signed out. */
  user(): UserProfile | null;
  online(): boolean;
  stats(): HubLinkStats;
  call<M extends HubMethodName>(method: M, params: HubParamsIn<M>): Promise<HubResult<M>>;
  on<T extends HubPushName>(topic: T, listener: (payload: HubPushPayload<T>) => void): () => void;
  /** Each time the link is online (and the session resumed), and after each sign-in. */
  onReady(listener: () => void): () => void;
  /** Resolves once the first hub has been started and the stored session loaded. */
  readonly started: Promise<void>;
  /** The embedded hub while it runs (the community and tests use it). */
  embedded(): EmbeddedHub | null;
  signUp(params: Params<'hub.signUp'>): Promise<HubStatus>;
  signIn(params: Params<'hub.signIn'>): Promise<HubStatus>;
  signOut(): Promise<HubStatus>;
  /** The member changed their profile: the status shows the new one. */
  updateUser(user: UserProfile): void;
  configure(url: string | null): Promise<HubStatus>;
  close(): Promise<void>;
}

const URL_SETTING = 'hub.url';
const EMBEDDED = 'embedded';

export function createHubClient(deps: HubClientDeps): HubClient {
  const { clock, log, sessions } = deps;
  const storedUrl = z.string().url().safeParse(deps.settings.get(URL_SETTING));
  let remoteUrl: string | null = deps.url ?? (storedUrl.success ? storedUrl.data : null);
  let embedded: EmbeddedHub | null = null;
  let connection: HubConnection | null = null;
  let session: StoredSession | null = null;
  /** Why the member was signed out by the hub (shown until the next sign-in). */
  let sessionNote: string | null = null;
  // An embedded hub is starting from the first moment (its start is queued behind loading the session).
  let starting = remoteUrl === null;
  let startFailure: string | null = null;
  let community: CommunityStatus | null = null;
  let closed = false;
  let since = clock.now();
  let last: HubStatus | null = null;
  const pushListeners = new Map<HubPushName, Set<(payload: unknown) => void>>();
  const readyListeners = new Set<() => void>();
  let offPushes: Array<() => void> = [];
  // Hub switches run one after another: a configure during a start waits for it.
  let queue: Promise<void> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };

  const hubKey = (): string => remoteUrl ?? EMBEDDED;
  const mine = (s: StoredSession | null): StoredSession | null => (s && s.hub === hubKey() ? s : null);

  const describe = (): Pick<HubStatus, 'state' | 'detail'> => {
    if (closed) return { state: 'offline', detail: 'The social client is stopped' };
    if (starting) return { state: 'starting', detail: 'Starting the built-in hub' };
    if (startFailure) return { state: 'offline', detail: startFailure };
    if (!connection) return { state: 'connecting', detail: 'Connecting to the hub' };
    const link = connection.status();
    const notes: string[] = [link.detail];
    if (sessionNote) notes.push(sessionNote);
    if (session && !sessions.persistent) notes.push(`Signed in for this run only: the session cannot be kept (${sessions.reason ?? 'no secret store'})`);
    return { state: link.state, detail: notes.join(' — ') };
  };

  const status = (): HubStatus => {
    const { state, detail } = describe();
    const stats = connection?.stats();
    return {
      mode: remoteUrl ? 'remote' : 'embedded',
      url: remoteUrl ?? embedded?.url ?? '',
      state,
      detail,
      user: session?.user ?? null,
      community: remoteUrl ? null : community,
      since,
      ...(stats ? { stats } : {}),
    };
  };

  const publish = (): void => {
    const next = status();
    if (last && last.state !== next.state) since = clock.now();
    const current = { ...next, since };
    if (last && JSON.stringify({ ...last, since: 0 }) === JSON.stringify({ ...current, since: 0 })) return;
    last = current;
    deps.onStatus(current);
  };

  const ready = (): void => {
    for (const listener of readyListeners) {
      try {
        listener();
      } catch (error) {
        log.error({ err: String(error) }, 'hub ready listener failed');
      }
    }
  };

  const adopt = async (next: HubSession): Promise<void> => {
    session = { hub: hubKey(), token: next.token, expiresAt: next.expiresAt, user: next.user };
    sessionNote = null;
    try {
      await sessions.save(session);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'the hub session could not be stored; it lasts this run only');
    }
  };

  const dropSession = async (note: string | null): Promise<void> => {
    session = null;
    sessionNote = note;
    try {
      await sessions.clear();
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'the stored hub session could not be removed');
    }
  };

  /** Signs a new socket back in before it counts as online. */
  const resume = async (request: HubRequest): Promise<void> => {
    const s = session;
    if (!s) return;
    try {
      await adopt(await request('auth.resume', { token: s.token }));
      log.info({ userId: s.user.userId }, 'hub session resumed');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAVAILABLE') throw error;
      log.info({ userId: s.user.userId, code: error instanceof ApiError ? error.code : 'INTERNAL' }, 'hub session no longer valid: signed out');
      await dropSession('Your hub session ended; sign in again.');
    }
  };

  const connect = (url: string): void => {
    const conn = createHubConnection({
      url,
      clock,
      log: log.child({ hub: remoteUrl ? url : EMBEDDED }),
      onStatus: () => publish(),
      onOpen: resume,
      onOnline: () => {
        publish();
        ready();
      },
      ...deps.connection,
    });
    connection = conn;
    offPushes = (Object.keys(hubPushes) as HubPushName[]).map((topic) =>
      conn.on(topic, (payload) => {
        for (const listener of pushListeners.get(topic) ?? []) listener(payload);
      }),
    );
    offPushes.push(
      conn.on('session.revoked', ({ reason }) => {
        log.info({ reason }, 'hub revoked the session');
        void dropSession(`Signed out by the hub: ${reason}`).then(publish);
      }),
    );
  };

  const disconnect = async (): Promise<void> => {
    for (const off of offPushes) off();
    offPushes = [];
    const conn = connection;
    connection = null;
    await conn?.close();
    const hub = embedded;
    embedded = null;
    community = null;
    await hub?.close();
  };

  const startTarget = async (): Promise<void> => {
    startFailure = null;
    if (remoteUrl) {
      connect(remoteUrl);
      publish();
      return;
    }
    starting = true;
    publish();
    try {
      const hub = await startEmbeddedHub({
        dataDir: deps.dataDir,
        clock,
        log,
        feed: deps.feed,
        startCommunity: deps.startCommunity,
        seed: deps.communitySeed,
        marketSeed: deps.marketSeed,
        onCommunity: (c) => {
          community = c;
          publish();
        },
      });
      if (closed || remoteUrl) {
        await hub.close();
        return;
      }
      embedded = hub;
      community = hub.community();
      connect(hub.url);
    } catch (error) {
      startFailure = `The built-in hub could not start: ${error instanceof Error ? error.message : String(error)}`;
      log.error({ err: startFailure }, 'embedded hub failed to start');
    } finally {
      starting = false;
      publish();
    }
  };

  const started = serial(async () => {
    session = mine(await sessions.load());
    await startTarget();
  });

  const requireOnline = (what: string): HubConnection => {
    const conn = connection;
    if (!conn || conn.status().state !== 'online') throw new ApiError('UNAVAILABLE', `${what} needs the hub, which cannot be reached now: ${describe().detail}`);
    return conn;
  };

  const signInWith = async <M extends 'auth.signUp' | 'auth.signIn'>(method: M, params: HubParamsIn<M>): Promise<HubStatus> => {
    await started;
    const conn = requireOnline(method === 'auth.signUp' ? 'Signing up' : 'Signing in');
    const result = await conn.call(method, params);
    await adopt(result);
    log.info({ userId: result.user.userId, username: result.user.username }, method === 'auth.signUp' ? 'signed up at the hub' : 'signed in at the hub');
    publish();
    ready();
    return status();
  };

  return {
    status,
    hubKey,
    user: () => session?.user ?? null,
    online: () => connection?.status().state === 'online',
    stats: () => connection?.stats() ?? { malformedFrames: 0, reconnects: 0 },
    call(method, params) {
      const conn = connection;
      if (!conn) return Promise.reject(new ApiError('UNAVAILABLE', `The hub cannot be reached now: ${describe().detail}`));
      return conn.call(method, params);
    },
    on(topic, listener) {
      let set = pushListeners.get(topic);
      if (!set) pushListeners.set(topic, (set = new Set()));
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    onReady(listener) {
      readyListeners.add(listener);
      return () => void readyListeners.delete(listener);
    },
    started,
    embedded: () => embedded,
    signUp: (params) => signInWith('auth.signUp', params),
    signIn: (params) => signInWith('auth.signIn', params),
    async signOut() {
      await started;
      const s = session;
      if (s && connection?.status().state === 'online') {
        try {
          await connection.call('auth.signOut', {});
        } catch (error) {
          log.warn({ code: error instanceof ApiError ? error.code : 'INTERNAL' }, 'the hub did not confirm the sign-out; the session is forgotten here');
        }
      }
      await dropSession(null);
      if (s) log.info({ userId: s.user.userId }, 'signed out of the hub');
      publish();
      return status();
    },
    updateUser(user) {
      if (!session || session.user.userId !== user.userId) return;
      void adopt({ token: session.token, expiresAt: session.expiresAt, user }).then(publish);
    },
    configure(url) {
      return serial(async () => {
        if (closed) throw new ApiError('UNAVAILABLE', 'The social client is stopped');
        if (url === remoteUrl && (url !== null || embedded || starting)) return status();
        if (session && connection?.status().state === 'online') {
          try {
            await connection.call('auth.signOut', {});
          } catch {
            // The old hub's session expires on its own.
          }
        }
        if (session) await dropSession(null);
        await disconnect();
        remoteUrl = url;
        if (url === null) deps.settings.delete(URL_SETTING);
        else deps.settings.set(URL_SETTING, url);
        log.info({ mode: url ? 'remote' : 'embedded', url }, 'hub changed');
        await startTarget();
        return status();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await disconnect();
    },
  };
}
