import type { HubMethodName, HubParamsIn, HubPushName, HubPushPayload, HubResult } from '../shared/social/hub-methods';
import type { StrategyEvent } from '../shared/social/strategy-event';
import type { TradeIdea } from '../shared/social/social-types';

/** Structured logger, the same shape as the core's (`log.info({ fields }, 'message')`). */
export interface HubLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  child(bindings: Record<string, unknown>): HubLogger;
}

export interface HubLimits {
  /** Requests per second per connection (token bucket) and its burst. */
  perConnection: { burst: number; perSecond: number };
  /** Requests per second per client IP, over all its connections. */
  perIp: { burst: number; perSecond: number };
  /** Writes (posts, comments, likes, follows…) per minute per account. */
  writesPerMinute: number;
  /** Sign-in and sign-up attempts per minute per IP. */
  authPerMinute: number;
  /** Connections per IP. */
  connectionsPerIp: number;
  /** Session lifetime (ms); `auth.resume` extends it. */
  sessionTtlMs: number;
}

export interface HubOptions {
  /** Where `hub.db` (SQLite) lives. */
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) takes a free port. */
  port?: number;
  /** Shown by `hub.hello`. */
  name?: string;
  /** Started by an app for itself (embedded), with a simulated community. */
  embedded?: boolean;
  clock?: { now(): number };
  log?: HubLogger;
  limits?: Partial<HubLimits>;
  /** Check every result against hub-methods.ts before it leaves (tests, development). */
  validateResults?: boolean;
  /** How often idle WebSockets are pinged; one missed pong closes them. Default 30 s. */
  pingIntervalMs?: number;
}

/** Counters since the hub started, for logs, tests and operators. */
export interface HubStats {
  /** Open WebSocket and local connections. */
  connections: number;
  frames: number;
  requests: number;
  /** Frames that were not JSON-RPC requests (answered while the connection's allowance lasted). */
  malformed: number;
  /** Frames refused by a rate limit. */
  rateLimited: number;
  /** Connections refused at the handshake (too many from one address, wrong path). */
  refused: number;
  /** Connections cut off for not reading what they were sent. */
  slowConsumers: number;
  /** Pushes delivered (one per recipient). */
  pushes: number;
}

/** An in-process caller: the same validation and handlers as a WebSocket client, no socket. */
export interface LocalHubClient {
  call<M extends HubMethodName>(method: M, params: HubParamsIn<M>): Promise<HubResult<M>>;
  on<T extends HubPushName>(topic: T, listener: (payload: HubPushPayload<T>) => void): () => void;
  /** Signs this client in as a member without a password (embedded hubs' simulated members). */
  actAs(userId: string): void;
  close(): void;
}

/** A simulated member of an embedded hub's community. */
export interface SimulatedMember {
  username: string;
  displayName: string;
  bio: string;
  avatarColor: string;
  /** Joined this long ago (ms epoch). */
  createdAt: number;
}

/** History an embedded hub's community brings with it (backdated; written in one transaction). */
export interface CommunitySeed {
  posts?: Array<{ postId?: string; userId: string; text: string; idea?: TradeIdea; strategyId?: string; createdAt: number }>;
  comments?: Array<{ postId: string; userId: string; text: string; createdAt: number }>;
  likes?: Array<{ postId: string; userId: string; createdAt: number }>;
  follows?: Array<{ userId: string; target: { kind: 'user' | 'strategy'; id: string }; createdAt: number }>;
}

export interface Hub {
  /** `ws://host:port/hub/v1`. */
  readonly url: string;
  readonly port: number;
  /** A new in-process client, signed out. */
  local(): LocalHubClient;
  /** Embedded hubs: creates (or finds by username) a simulated member; returns its user id. */
  addMember(member: SimulatedMember): string;
  /**
   * Appends backfilled events to streams (chains and signatures checked as on the wire, old `ts`
   * allowed), in one transaction; leaderboards are recomputed once at the end. Embedded hubs use it
   * for their community's history; a standalone hub's operator may use it to restore streams.
   * Large imports check signatures on worker threads and yield to the event loop as they go; calls
   * that arrive while the transaction is being written wait for it.
   */
  importEvents(events: readonly StrategyEvent[]): Promise<{ imported: number }>;
  /** Embedded hubs: inserts backdated posts, comments, likes and follows; returns the ids of the posts in order. */
  seed(seed: CommunitySeed): { postIds: string[] };
  /** A snapshot of the hub's counters. */
  stats(): HubStats;
  /** Resolves once background work queued so far (leaderboard recomputes) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}
