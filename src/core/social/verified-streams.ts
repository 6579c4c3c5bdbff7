import type { Verification } from '../../shared/contract';
import { EMPTY_HEAD, eventHash, verifyChain, type ChainProblem, type StreamCrypto } from '../../shared/social/stream-chain';
import type { StrategyEvent } from '../../shared/social/strategy-event';
import type { Clock, Logger } from '../ports';
import type { SettingsRepository } from '../store/settings-repository';
import type { HubClient } from './hub-client';
import type { VerifiedEventStore, VerifiedHead } from './verified-event-store';

/** A strategy's chain as the hub claims it (`strategies.get`): checked against what was verified here. */
export interface ClaimedHead {
  publicKey: string;
  headSeq: number;
  headHash: string;
}

/**
 * Strategies' event streams, verified here — the one source of strategy events in the core. The
 * copy executor reads it through `events` and `onVerifiedEvent`: every event it sees was checked
 * against the strategy's key and hash chain by this core, in order, without gaps.
 */
export interface VerifiedStreams {
  /**
   * Listens to events of one strategy as they are verified and stored, in seq order, each once
   * (a catch-up after a reconnect delivers the missed ones in order). Returns the disposer.
   */
  onVerifiedEvent(strategyId: string, listener: (event: StrategyEvent) => void): () => void;
  /** The same for every strategy (the copy executor listens once for all its leaders). */
  onVerified(listener: (strategyId: string, event: StrategyEvent) => void): () => void;
  /** Verified events after `afterSeq`, ascending (default at most 1,000 — page with the last seq). */
  events(strategyId: string, afterSeq: number, limit?: number): StrategyEvent[];
  /** Where the verified chain ends, and what its last check found; undefined before any check. */
  head(strategyId: string): VerifiedHead | undefined;
  /**
   * Keeps a strategy live while held: subscribed at the hub, pushed events verified and stored,
   * missed ones fetched after every reconnect. Returns the release.
   */
  watch(strategyId: string): () => void;
  /** Fetches what the hub has beyond the verified head, verifies and stores it. Offline: no-op. */
  sync(strategyId: string, claimed?: ClaimedHead): Promise<void>;
  /** The verification block of `strategy.get` for the hub's claimed head. */
  verification(strategyId: string, claimedHeadSeq: number): Verification;
  /** Remembers that the member follows (or no longer follows) a strategy: followed ones stay live. */
  setFollowed(strategyId: string, followed: boolean): void;
  /** Marks a strategy as open on a screen (the few most recent stay live). */
  opened(strategyId: string): void;
  close(): void;
}

export interface VerifiedStreamsDeps {
  hub: HubClient;
  store: VerifiedEventStore;
  crypto: StreamCrypto;
  settings: SettingsRepository;
  clock: Clock;
  log: Logger;
  /** An event appended to a chain this core already followed (the `strategy.event` topic). */
  onLiveEvent(event: StrategyEvent): void;
}

const PAGE = 1000;
const VERIFY_SLICE = 100;
/** A sync stops after this many pages; the next one continues from the stored head. */
const MAX_PAGES = 200;
const OPEN_KEPT = 10;
/** A long catch-up announces only its last events: a screen refreshes from `strategy.get`. */
const LIVE_EVENTS_PER_SYNC = 100;
const FOLLOWED_KEY = 'social.followedStrategies';
const SUBSCRIBE_BATCH = 500;

export function createVerifiedStreams(deps: VerifiedStreamsDeps): VerifiedStreams {
  const { hub, store, crypto, clock, log } = deps;
  const listeners = new Map<string, Set<(event: StrategyEvent) => void>>();
  const anyListeners = new Set<(strategyId: string, event: StrategyEvent) => void>();
  const holds = new Map<string, number>();
  const followed = new Set<string>(readFollowed());
  const open: string[] = [];
  const subscribed = new Set<string>();
  // One check at a time per strategy: pushes and syncs of the same chain never interleave.
  const queues = new Map<string, Promise<void>>();
  let closed = false;

  function readFollowed(): string[] {
    const stored = deps.settings.get(FOLLOWED_KEY);
    return Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [];
  }

  const serial = (strategyId: string, fn: () => Promise<void>): Promise<void> => {
    const run = (queues.get(strategyId) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => undefined);
    queues.set(strategyId, tail);
    void tail.then(() => {
      if (queues.get(strategyId) === tail) queues.delete(strategyId);
    });
    return run;
  };

  const watched = (): Set<string> => new Set([...followed, ...open, ...holds.keys()]);

  const deliver = (strategyId: string, events: readonly StrategyEvent[], live: boolean): void => {
    const guard = (event: StrategyEvent, fn: () => void): void => {
      try {
        fn();
      } catch (error) {
        log.error({ strategyId, seq: event.seq, err: String(error) }, 'verified event listener failed');
      }
    };
    for (const event of events) {
      for (const listener of listeners.get(strategyId) ?? []) guard(event, () => listener(event));
      for (const listener of anyListeners) guard(event, () => listener(strategyId, event));
    }
    if (live) for (const event of events.slice(-LIVE_EVENTS_PER_SYNC)) deps.onLiveEvent(event);
  };

  const record = (strategyId: string, publicKey: string, hubHeadSeq: number, problem: ChainProblem | null): void => {
    if (problem) log.warn({ strategyId, code: problem.code, seq: problem.seq, problem: problem.message }, 'strategy stream failed verification');
    store.recordCheck(strategyId, publicKey, { hubHeadSeq, problem, checkedAt: clock.now() });
  };

  /** The key of a strategy's verified events, once there are any. */
  const pinnedKey = (strategyId: string): string | undefined => {
    const head = store.head(strategyId);
    return head && head.seq > 0 ? head.publicKey : undefined;
  };

  /** Fetches and verifies from the stored head; stops at the first problem. Runs inside `serial`. */
  const catchUp = async (strategyId: string, publicKey: string, claimed?: ClaimedHead): Promise<void> => {
    const before = store.head(strategyId);
    // The key is pinned by the first verified event; before that, the hub's claim is all there is.
    const pinned = before && before.seq > 0 ? before.publicKey : undefined;
    const key = pinned ?? publicKey;
    let head = before ?? { ...EMPTY_HEAD };
    let hubHeadSeq = Math.max(claimed?.headSeq ?? 0, before?.hubHeadSeq ?? 0);
    if (claimed && pinned && claimed.publicKey !== pinned) {
      // A strategy id is bound to one key: a hub showing another one is lying about it.
      return record(strategyId, key, hubHeadSeq, { code: 'wrong_strategy', seq: head.seq + 1, message: `the hub shows another key for ${strategyId} than the one its verified events were signed with` });
    }
    if (claimed && claimed.headSeq > 0 && claimed.headSeq <= head.seq) {
      // The hub's head is one this core already verified: it must be the very same event.
      const hash = store.hashAt(strategyId, claimed.headSeq);
      if (hash !== claimed.headHash) {
        return record(strategyId, key, hubHeadSeq, { code: 'fork', seq: claimed.headSeq, message: `the hub's event ${claimed.headSeq} is not the one verified here: the stream was forked or altered` });
      }
    }
    for (let page = 0; page < MAX_PAGES && !closed; page++) {
      const { events, headSeq } = await hub.call('strategies.events', { strategyId, afterSeq: head.seq, limit: PAGE });
      hubHeadSeq = Math.max(hubHeadSeq, headSeq);
      if (events.length === 0) {
        const problem: ChainProblem | null =
          hubHeadSeq > head.seq ? { code: 'gap', seq: head.seq + 1, message: `the hub reports ${hubHeadSeq} events but serves none after ${head.seq}` } : null;
        return record(strategyId, key, hubHeadSeq, problem);
      }
      // Ed25519 checks cost a fraction of a millisecond each: a page is checked a slice at a
      // time, yielding between slices, so a long history never stalls the event loop.
      for (let i = 0; i < events.length; i += VERIFY_SLICE) {
        if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (closed) return;
        const slice = events.slice(i, i + VERIFY_SLICE);
        const result = verifyChain(crypto, key, strategyId, slice, head);
        const verified = slice.slice(0, result.verified);
        store.append(strategyId, key, verified, result.head, { hubHeadSeq, problem: result.problem, checkedAt: clock.now() });
        if (result.problem) log.warn({ strategyId, code: result.problem.code, seq: result.problem.seq, problem: result.problem.message }, 'strategy stream failed verification');
        deliver(strategyId, verified, before !== undefined && before.seq > 0);
        head = result.head;
        if (result.problem) return;
      }
      if (head.seq >= hubHeadSeq) return;
    }
  };

  /** A pushed event: appended when it follows the head; a jump fetches the gap from the hub. */
  const onPushed = (event: StrategyEvent): Promise<void> =>
    serial(event.strategyId, async () => {
      const { strategyId } = event;
      const head = store.head(strategyId);
      // Nothing verified yet (a new strategy): the key comes with the metadata.
      if (!head || head.seq === 0) return catchUpWithMetadata(strategyId);
      if (event.seq <= head.seq) {
        // Seen already; the same event again is harmless, another one with its seq is a fork.
        if (store.hashAt(strategyId, event.seq) !== eventHash(crypto, event)) {
          record(strategyId, head.publicKey, head.hubHeadSeq, { code: 'fork', seq: event.seq, message: `the hub pushed another event ${event.seq} than the one verified here: the stream was forked or altered` });
        }
        return;
      }
      if (event.seq > head.seq + 1 || head.problem) return catchUp(strategyId, head.publicKey);
      const result = verifyChain(crypto, head.publicKey, strategyId, [event], head);
      const verified = result.verified === 1 ? [event] : [];
      store.append(strategyId, head.publicKey, verified, result.head, { hubHeadSeq: Math.max(head.hubHeadSeq, event.seq), problem: result.problem, checkedAt: clock.now() });
      if (result.problem) log.warn({ strategyId, code: result.problem.code, seq: result.problem.seq, problem: result.problem.message }, 'strategy stream failed verification');
      deliver(strategyId, verified, true);
    });

  const subscribe = async (ids: readonly string[]): Promise<void> => {
    const fresh = ids.filter((id) => !subscribed.has(id));
    for (let i = 0; i < fresh.length; i += SUBSCRIBE_BATCH) {
      const batch = fresh.slice(i, i + SUBSCRIBE_BATCH);
      await hub.call('strategies.subscribe', { strategyIds: batch });
      for (const id of batch) subscribed.add(id);
    }
  };

  const unsubscribe = (id: string): void => {
    if (!subscribed.delete(id) || !hub.online()) return;
    hub.call('strategies.unsubscribe', { strategyIds: [id] }).catch(() => undefined);
  };

  /** Subscribes and catches up one strategy (pushes arriving meanwhile queue behind the catch-up). */
  const keepLive = (strategyId: string): void => {
    if (!hub.online()) return;
    void (async () => {
      try {
        await subscribe([strategyId]);
        const key = pinnedKey(strategyId);
        if (key) await serial(strategyId, () => catchUp(strategyId, key));
        else await syncWithMetadata(strategyId);
      } catch (error) {
        log.warn({ strategyId, err: error instanceof Error ? error.message : String(error) }, 'could not keep a strategy live; retried on reconnect');
      }
    })();
  };

  /** Runs inside `serial`. */
  const catchUpWithMetadata = async (strategyId: string): Promise<void> => {
    const strategy = await hub.call('strategies.get', { strategyId });
    await catchUp(strategyId, strategy.publicKey, strategy);
  };
  const syncWithMetadata = (strategyId: string): Promise<void> => serial(strategyId, () => catchUpWithMetadata(strategyId));

  const release = (strategyId: string): void => {
    if (!watched().has(strategyId)) unsubscribe(strategyId);
  };

  const offPush = hub.on('strategy.event', ({ event }) => {
    if (!watched().has(event.strategyId)) return;
    onPushed(event).catch((error: unknown) => log.warn({ strategyId: event.strategyId, err: error instanceof Error ? error.message : String(error) }, 'a pushed strategy event could not be checked'));
  });
  const offReady = hub.onReady(() => {
    // A new socket holds no subscriptions: subscribe again, then fetch what was missed.
    subscribed.clear();
    const ids = [...watched()];
    if (ids.length === 0) return;
    void (async () => {
      try {
        await subscribe(ids);
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'resubscribing strategies failed; retried on reconnect');
        return;
      }
      for (const id of ids) {
        if (closed) return;
        const key = pinnedKey(id);
        try {
          if (key) await serial(id, () => catchUp(id, key));
          else await syncWithMetadata(id);
        } catch (error) {
          log.warn({ strategyId: id, err: error instanceof Error ? error.message : String(error) }, 'catching up a strategy failed; retried on reconnect');
        }
      }
    })();
  });

  return {
    onVerifiedEvent(strategyId, listener) {
      let set = listeners.get(strategyId);
      if (!set) listeners.set(strategyId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(strategyId);
      };
    },
    onVerified(listener) {
      anyListeners.add(listener);
      return () => void anyListeners.delete(listener);
    },
    events: (strategyId, afterSeq, limit = PAGE) => store.events(strategyId, afterSeq, limit),
    head: (strategyId) => store.head(strategyId),
    watch(strategyId) {
      const was = watched().has(strategyId);
      holds.set(strategyId, (holds.get(strategyId) ?? 0) + 1);
      if (!was) keepLive(strategyId);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const n = (holds.get(strategyId) ?? 1) - 1;
        if (n > 0) holds.set(strategyId, n);
        else holds.delete(strategyId);
        release(strategyId);
      };
    },
    async sync(strategyId, claimed) {
      if (!hub.online()) return;
      const publicKey = claimed?.publicKey ?? pinnedKey(strategyId);
      if (publicKey === undefined) return syncWithMetadata(strategyId);
      return serial(strategyId, () => catchUp(strategyId, publicKey, claimed));
    },
    verification(strategyId, claimedHeadSeq) {
      const head = store.head(strategyId);
      const headSeq = Math.max(claimedHeadSeq, head?.hubHeadSeq ?? 0, head?.seq ?? 0);
      if (!head || head.checkedAt === null) return { state: 'pending', verifiedSeq: head?.seq ?? 0, headSeq, problem: null, checkedAt: null };
      const state = head.problem ? 'failed' : head.seq < headSeq ? 'pending' : 'verified';
      return { state, verifiedSeq: head.seq, headSeq, problem: head.problem, checkedAt: head.checkedAt };
    },
    setFollowed(strategyId, follow) {
      if (followed.has(strategyId) === follow) return;
      const was = watched().has(strategyId);
      if (follow) followed.add(strategyId);
      else followed.delete(strategyId);
      deps.settings.set(FOLLOWED_KEY, [...followed]);
      if (follow && !was) keepLive(strategyId);
      if (!follow) release(strategyId);
    },
    opened(strategyId) {
      const i = open.indexOf(strategyId);
      if (i >= 0) open.splice(i, 1);
      open.push(strategyId);
      // The oldest open strategy falls off the live set unless held otherwise.
      if (open.length > OPEN_KEPT) release(open.shift()!);
      if (i < 0 && hub.online()) void subscribe([strategyId]).catch(() => undefined);
    },
    close() {
      closed = true;
      offPush();
      offReady();
      listeners.clear();
      anyListeners.clear();
    },
  };
}
