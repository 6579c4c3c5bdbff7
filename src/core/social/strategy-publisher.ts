import { ApiError, type EventPayload, type Params, type Result, type TopicName } from '../../shared/contract';
import { dayIndex, DAY_MS } from '../../shared/metrics';
import type { AssetClass, Instrument } from '../../shared/market/instrument';
import { strategyProofText } from '../../shared/social/hub-methods';
import type { Strategy } from '../../shared/social/social-types';
import { eventHash, EMPTY_HEAD, type Signer, type StreamCrypto } from '../../shared/social/stream-chain';
import type { EventBody } from '../../shared/social/strategy-event';
import type { Fill } from '../../shared/trading/fill';
import { createSigner, generateStrategyKey } from '../../hub';
import type { MarketService } from '../market/market-service';
import type { Clock, Logger, SecretStore } from '../ports';
import type { TradingService } from '../trading/trading-service';
import type { HubClient } from './hub-client';
import { fillBody, nextEvent } from './next-event';
import type { PublishedRecord, PublisherState, PublisherStore } from './publisher-store';

type PublishedStrategy = Result<'strategy.mine'>[number];

/**
 * Publishes accounts as strategies: each fill, an equity mark at least daily and capital flows
 * become signed events in the account's stream, written to the outbox with the advanced head in
 * one transaction and sent to the hub in order whenever it is reachable.
 */
export interface StrategyPublisher {
  publish(params: Params<'strategy.publish'>): Promise<PublishedStrategy>;
  unpublish(strategyId: string): Result<'strategy.unpublish'>;
  mine(): PublishedStrategy[];
  /** The account this profile publishes a strategy from, if it is one of ours. */
  accountOf(strategyId: string): string | null;
  /**
   * Runs a change of the account's capital (a paper reset) and publishes it as a flow of the
   * equity difference, then a mark — so the change is not counted as performance.
   */
  capitalChange<T>(accountId: string, run: () => Promise<T>): Promise<T>;
  /** Sends what is waiting, if the hub is reachable and the owner signed in. */
  drain(): Promise<void>;
  close(): void;
}

export interface StrategyPublisherDeps {
  store: PublisherStore;
  hub: HubClient;
  trading: TradingService;
  market: MarketService;
  secrets: SecretStore;
  crypto: StreamCrypto;
  clock: Clock;
  log: Logger;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
}

/** The next event's body and the publisher state after it, from the stored record; null: nothing to add. */
type Build = (record: PublishedRecord) => { body: EventBody; state: PublisherState } | null;

const BATCH = 100;
/** A day-end timer that fires this late stamps its mark when it ran, not at the day's end. */
const LATE_MS = 60_000;
/** Unsent events older than this are signed again before sending (the hub's window is 5 minutes). */
const RESIGN_AFTER_MS = 4 * 60_000;
const keyName = (strategyId: string): string => `strategy.key.${strategyId}`;

export function createStrategyPublisher(deps: StrategyPublisherDeps): StrategyPublisher {
  const { store, hub, trading, market, secrets, crypto, clock, log } = deps;
  const signers = new Map<string, Signer>();
  /** Strategies whose key could not be read this run: nothing can be signed for them. */
  const locked = new Set<string>();
  /** Events that arrived before the strategy's key was loaded, in order. */
  const waiting = new Map<string, Build[]>();
  /** Strategies whose outbox was reconciled with the hub's head on this connection. */
  const reconciled = new Set<string>();
  let draining: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let dayTimer: NodeJS.Timeout | undefined;

  const active = (): PublishedRecord[] => store.all().filter((r) => r.active);
  /** Accounts with an active strategy, kept in memory for the fill path. */
  const publishedAccounts = new Set<string>();
  const refreshAccounts = (): void => {
    publishedAccounts.clear();
    for (const r of active()) publishedAccounts.add(r.accountId);
  };

  const instrumentOf = (symbol: string): Instrument | undefined => {
    try {
      return market.instrument(symbol);
    } catch {
      return undefined;
    }
  };

  /** Σ |value| of the open positions at their marks, account currency. */
  const grossExposure = (accountId: string): number => trading.positions(accountId).reduce((sum, p) => sum + Math.abs(p.marketValue), 0);

  /**
   * Signs and stores the strategy's next event, built from its stored record inside the
   * transaction (queued while its key loads). `build` returns null when there is nothing to add.
   */
  const append = (strategyId: string, build: Build): void => {
    if (closed) return;
    const sign = signers.get(strategyId);
    if (!sign) {
      if (locked.has(strategyId)) {
        log.error({ strategyId }, 'an event of a published strategy was not published: its key cannot be read this run');
        return;
      }
      const queue = waiting.get(strategyId) ?? [];
      queue.push(build);
      waiting.set(strategyId, queue);
      return;
    }
    const now = clock.now();
    const event = store.append(strategyId, now, (record) => {
      const built = build(record);
      if (!built) return null;
      const next = nextEvent(crypto, sign, strategyId, record.head, built.body, now);
      return { ...next, state: built.body.type === 'mark' ? { ...built.state, lastMarkDay: dayIndex(next.event.body.time) } : built.state };
    });
    if (event) {
      log.debug({ strategyId, seq: event.seq, type: event.body.type }, 'strategy event signed');
      void drain();
    }
  };

  const mark = (record: PublishedRecord, time: number): void => {
    try {
      const body: EventBody = { type: 'mark', time, equity: trading.account(record.accountId).equity, grossExposure: grossExposure(record.accountId) };
      append(record.strategyId, (current) => ({ body, state: current.state }));
    } catch (error) {
      log.error({ strategyId: record.strategyId, err: error instanceof Error ? error.message : String(error) }, 'equity mark not published');
    }
  };

  /** Appends one fill of the record's account; `equity` is the account's equity just after it. */
  const appendFill = (record: PublishedRecord, fill: Fill, equity: number): void => {
    const inst = instrumentOf(fill.symbol);
    if (!inst) {
      log.error({ strategyId: record.strategyId, symbol: fill.symbol }, 'a fill of an unknown instrument was not published');
      return;
    }
    // The position is the stream's own, advanced with each event: every fill of a batch in one
    // symbol gets its own position after it, not the batch's end.
    append(record.strategyId, (current) => {
      if (fill.seq <= current.state.lastFillSeq) return null;
      const body = fillBody(fill, inst, current.state.positions[fill.symbol] ?? 0, equity);
      const others = Object.entries(current.state.positions).filter(([symbol]) => symbol !== fill.symbol);
      const positions = Object.fromEntries(body.positionQty === 0 ? others : [...others, [fill.symbol, body.positionQty]]);
      return { body, state: { ...current.state, positions, lastFillSeq: fill.seq } };
    });
  };

  const onFill = (fill: Fill): void => {
    // Most fills are of accounts nobody publishes: answered without touching the database.
    if (!publishedAccounts.has(fill.accountId)) return;
    for (const record of active()) {
      if (record.accountId !== fill.accountId || fill.seq <= record.state.lastFillSeq) continue;
      try {
        appendFill(record, fill, trading.account(fill.accountId).equity);
      } catch (error) {
        log.error({ strategyId: record.strategyId, fillId: fill.id, err: error instanceof Error ? error.message : String(error) }, 'a fill was not published');
      }
    }
  };

  /**
   * Fills the stream does not have yet (made while publishing was not running: a crash between the
   * trading commit and the outbox, a key that could not be read), published late in their order.
   * Their equity is the account's now: the equity just after each is not known any more.
   */
  const catchUpFills = (record: PublishedRecord): void => {
    let cursor = record.state.lastFillSeq;
    let late = 0;
    for (;;) {
      const { fills } = trading.fills(record.accountId, { cursor: String(cursor), order: 'asc', limit: 500 });
      const equity = trading.account(record.accountId).equity;
      for (const fill of fills) appendFill(record, fill, equity);
      late += fills.length;
      if (fills.length < 500) break;
      cursor = fills.at(-1)!.seq;
    }
    if (late > 0) log.warn({ strategyId: record.strategyId, fills: late }, 'fills made while publishing was not running were published late');
  };

  /** The account's positions now, as the stream's starting point. */
  const positionsOf = (accountId: string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const p of trading.positions(accountId)) if (p.qty !== 0) out[p.symbol] = p.qty;
    return out;
  };

  /** Loads a strategy's key; bodies queued meanwhile are signed in order. */
  const loadKey = async (record: PublishedRecord): Promise<void> => {
    try {
      const privateKey = secrets.available ? await secrets.get(keyName(record.strategyId)) : undefined;
      if (!privateKey) throw new Error(secrets.available ? 'the key is missing from the secret store' : (secrets.unavailableReason ?? 'no secret store'));
      signers.set(record.strategyId, createSigner({ publicKey: record.publicKey, privateKey }));
    } catch (error) {
      locked.add(record.strategyId);
      log.error({ strategyId: record.strategyId, why: error instanceof Error ? error.message : String(error) }, 'a published strategy is paused: its key cannot be read');
    }
    const queued = waiting.get(record.strategyId) ?? [];
    waiting.delete(record.strategyId);
    if (!signers.has(record.strategyId)) {
      if (queued.length > 0) log.error({ strategyId: record.strategyId, events: queued.length }, 'events of a published strategy were not published: its key cannot be read this run');
      return;
    }
    try {
      catchUpFills(store.get(record.strategyId) ?? record);
    } catch (error) {
      log.error({ strategyId: record.strategyId, err: error instanceof Error ? error.message : String(error) }, 'missed fills could not be published');
    }
    for (const build of queued) append(record.strategyId, build);
  };

  /**
   * At the end of each UTC day every published account's equity is marked, stamped the last
   * millisecond of the day (or when the timer ran, if the computer slept through the end of day).
   */
  const scheduleDayEnd = (boundary = (dayIndex(clock.now()) + 1) * DAY_MS): void => {
    if (closed) return;
    if (dayTimer) clearTimeout(dayTimer);
    dayTimer = setTimeout(() => {
      const firedAt = clock.now();
      const time = firedAt - boundary > LATE_MS ? firedAt : boundary - 1;
      const records = active();
      for (const record of records) mark(record, time);
      if (records.length > 0) log.info({ strategies: records.length, time }, 'end-of-day equity marks signed');
      scheduleDayEnd(Math.max(boundary + DAY_MS, (dayIndex(firedAt) + 1) * DAY_MS));
    }, Math.max(1000, boundary - clock.now()));
    dayTimer.unref?.();
  };

  /** Brings the outbox in line with the hub's head once per connection: a hub that lost events gets them again. */
  const reconcile = async (record: PublishedRecord): Promise<boolean> => {
    const remote = await hub.call('strategies.get', { strategyId: record.strategyId });
    store.saveState(record.strategyId, { ...(store.get(record.strategyId)?.state ?? record.state), strategy: remote });
    const current = store.get(record.strategyId) ?? record;
    if (remote.headSeq > current.head.seq) {
      log.error({ strategyId: record.strategyId, hubSeq: remote.headSeq, seq: current.head.seq }, 'the hub holds events of this strategy that this app did not sign; publishing stopped');
      return false;
    }
    if (remote.headSeq > 0) {
      const own = store.eventAt(record.strategyId, remote.headSeq);
      if (!own || eventHash(crypto, own) !== remote.headHash) {
        log.error({ strategyId: record.strategyId, hubSeq: remote.headSeq }, 'the hub’s copy of this strategy differs from what this app signed; publishing stopped');
        return false;
      }
    }
    const now = clock.now();
    store.ack(record.strategyId, remote.headSeq, now);
    store.unack(record.strategyId, remote.headSeq);
    const oldest = store.pending(record.strategyId, 1)[0];
    const sign = signers.get(record.strategyId);
    if (oldest && sign && oldest.ts < now - RESIGN_AFTER_MS) {
      // The hub takes events signed within minutes of its clock; what waited longer is signed again
      // (same bodies, a new chain from the hub's head) — safe, since the hub holds none of it.
      const own = remote.headSeq > 0 ? store.eventAt(record.strategyId, remote.headSeq) : undefined;
      const base = own ? { seq: own.seq, hash: remote.headHash, ts: own.ts, bodyTime: own.body.time } : EMPTY_HEAD;
      const n = store.restamp(record.strategyId, base, (head, body) => nextEvent(crypto, sign, record.strategyId, head, body, now));
      log.info({ strategyId: record.strategyId, events: n, waitedMs: now - oldest.ts }, 'events that waited for the hub were signed again');
    }
    reconciled.add(record.strategyId);
    return true;
  };

  const sendAll = async (): Promise<void> => {
    const user = hub.user();
    if (!hub.online() || !user) return;
    for (const record of store.all()) {
      if (closed || record.hub !== hub.hubKey() || record.ownerId !== user.userId) continue;
      try {
        if (!reconciled.has(record.strategyId) && !(await reconcile(record))) continue;
        for (;;) {
          const batch = store.pending(record.strategyId, BATCH);
          if (batch.length === 0 || closed) break;
          const { headSeq } = await hub.call('strategies.publish', { events: batch });
          store.ack(record.strategyId, Math.min(headSeq, batch.at(-1)!.seq), clock.now());
          log.debug({ strategyId: record.strategyId, headSeq }, 'strategy events acknowledged');
          if (headSeq < batch.at(-1)!.seq) break;
        }
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'INTERNAL';
        // Unreachable: sent on the next reconnect. Refused: logged, tried again on the next reconnect.
        if (code !== 'UNAVAILABLE') log.error({ strategyId: record.strategyId, code, err: error instanceof Error ? error.message : String(error) }, 'the hub refused strategy events');
        reconciled.delete(record.strategyId);
      }
    }
  };

  const drain = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        await sendAll();
      } while (again && !closed && hub.online());
    })().finally(() => {
      draining = null;
    });
    return draining;
  };

  const offFill = deps.on('fills.new', onFill);
  const offReady = hub.onReady(() => {
    reconciled.clear();
    void drain();
  });

  // Resume: keys loaded, missed fills published, and a mark when the last is from an earlier day.
  refreshAccounts();
  const today = dayIndex(clock.now());
  for (const record of active()) {
    void loadKey(record).then(() => {
      const current = store.get(record.strategyId);
      if (current?.active && signers.has(current.strategyId) && (current.state.lastMarkDay === null || current.state.lastMarkDay < today)) mark(current, clock.now());
    });
  }
  scheduleDayEnd();

  const describe = (record: PublishedRecord): PublishedStrategy => ({
    strategy: record.state.strategy,
    accountId: record.accountId,
    pending: store.pendingCount(record.strategyId),
    lastPublishedAt: store.lastAckedAt(record.strategyId),
  });

  const assetClassesOf = (accountId: string): AssetClass[] => {
    const venue = trading.account(accountId).venue;
    const classes = new Set(market.instruments().filter((i) => (venue ? i.symbol.startsWith(`${venue}:`) : !i.symbol.includes(':'))).map((i) => i.assetClass));
    return classes.size > 0 ? [...classes] : ['crypto'];
  };

  return {
    async publish(params) {
      const user = hub.user();
      if (!user) throw new ApiError('UNAUTHORIZED', 'Sign in to the hub to publish a strategy');
      if (!secrets.available) {
        throw new ApiError('UNAVAILABLE', `A strategy's signing key must be kept safe, and this app cannot store secrets now: ${secrets.unavailableReason ?? 'no secret store'}. A lost key would end the strategy, so nothing was published.`);
      }
      if (!hub.online()) throw new ApiError('UNAVAILABLE', `Publishing needs the hub, which cannot be reached now: ${hub.status().detail}`);
      const account = trading.account(params.accountId);
      if (active().some((r) => r.accountId === account.id)) throw new ApiError('CONFLICT', `The account ${account.name} is already published`);
      const key = generateStrategyKey();
      const sign = createSigner(key);
      await secrets.set(keyName(key.strategyId), key.privateKey);
      let strategy: Strategy;
      try {
        strategy = await hub.call('strategies.create', {
          strategyId: key.strategyId,
          publicKey: key.publicKey,
          proof: sign(strategyProofText(user.username, key.strategyId)),
          name: params.name,
          description: params.description,
          currency: account.currency,
          assetClasses: assetClassesOf(account.id),
        });
      } catch (error) {
        await secrets.delete(keyName(key.strategyId)).catch(() => undefined);
        throw error;
      }
      const now = clock.now();
      const record: PublishedRecord = {
        strategyId: key.strategyId,
        accountId: account.id,
        hub: hub.hubKey(),
        ownerId: user.userId,
        publicKey: key.publicKey,
        active: true,
        createdAt: now,
        stoppedAt: null,
        head: { ...EMPTY_HEAD },
        state: { strategy, positions: positionsOf(account.id), lastFillSeq: trading.fills(account.id, { limit: 1, order: 'desc' }).fills[0]?.seq ?? 0, lastMarkDay: null },
      };
      store.insert(record);
      signers.set(key.strategyId, sign);
      publishedAccounts.add(account.id);
      reconciled.add(key.strategyId);
      log.info({ strategyId: key.strategyId, accountId: account.id, name: params.name }, 'strategy published');
      // The base observation of the daily series: the equity when publishing starts.
      mark(record, now);
      scheduleDayEnd();
      await drain();
      return describe(store.get(key.strategyId) ?? record);
    },
    unpublish(strategyId) {
      const record = store.get(strategyId);
      if (!record || !record.active) throw new ApiError('NOT_FOUND', `This app does not publish the strategy ${strategyId}`);
      store.setActive(strategyId, false, clock.now());
      refreshAccounts();
      log.info({ strategyId, accountId: record.accountId }, 'strategy unpublished');
      return { ok: true };
    },
    mine: () => active().map(describe),
    accountOf: (strategyId) => store.get(strategyId)?.accountId ?? null,
    async capitalChange(accountId, run) {
      const records = active().filter((r) => r.accountId === accountId);
      const before = records.length > 0 ? trading.account(accountId).equity : 0;
      const result = await run();
      if (records.length === 0) return result;
      const after = trading.account(accountId).equity;
      const amount = after - before;
      const positions = positionsOf(accountId);
      for (const record of records) {
        const now = clock.now();
        if (Math.abs(amount) > 1e-9) append(record.strategyId, (current) => ({ body: { type: 'flow', time: now, amount }, state: { ...current.state, positions } }));
        else store.saveState(record.strategyId, { ...(store.get(record.strategyId)?.state ?? record.state), positions });
        mark(record, now);
      }
      return result;
    },
    drain,
    close() {
      closed = true;
      offFill();
      offReady();
      if (dayTimer) clearTimeout(dayTimer);
    },
  };
}
