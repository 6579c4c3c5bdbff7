import path from 'node:path';
import { createCopyService, type CopyLeaderStreams, type CopyService } from '../src/core/copytrade/copy-service';
import { createEventBus, type EventBus } from '../src/core/events/event-bus';
import { createNodeStreamCrypto } from '../src/hub';
import { silentLogger } from '../src/core/logging/file-logger';
import { createBarRepository } from '../src/core/market/bar-repository';
import { createMarketService } from '../src/core/market/market-service';
import { startCheckpointer } from '../src/core/store/checkpointer';
import { openDatabase } from '../src/core/store/open-database';
import { createSettingsRepository } from '../src/core/store/settings-repository';
import { createTradingService, type TradingService } from '../src/core/trading/trading-service';
import { checkNext, EMPTY_HEAD, type ChainHead } from '../src/shared/social/stream-chain';
import type { StrategyEvent } from '../src/shared/social/strategy-event';
import { createScriptedFeed, type ScriptedFeed } from '../tests/helpers/scripted-feed';

/** A leader's stream arriving in-process: each event checked (signature and chain) and handed to the listeners. */
export interface LocalLeaderStreams extends CopyLeaderStreams {
  /** Verifies `event` against the head and delivers it, as the social client does with a hub push. */
  deliver(event: StrategyEvent, publicKey: string): void;
}

export function createLocalLeaderStreams(): LocalLeaderStreams {
  const crypto = createNodeStreamCrypto();
  const events = new Map<string, StrategyEvent[]>();
  const heads = new Map<string, ChainHead>();
  const listeners = new Set<(strategyId: string, event: StrategyEvent) => void>();
  return {
    deliver(event, publicKey) {
      const step = checkNext(crypto, publicKey, heads.get(event.strategyId) ?? EMPTY_HEAD, event.strategyId, event);
      if (!step.ok) throw new Error(step.problem.message);
      heads.set(event.strategyId, step.head);
      const list = events.get(event.strategyId) ?? [];
      list.push(event);
      events.set(event.strategyId, list);
      for (const l of listeners) l(event.strategyId, event);
    },
    events: (id, after, limit = 1000) => (events.get(id) ?? []).filter((e) => e.seq > after).slice(0, limit),
    onVerified(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    watch: () => () => undefined,
    sync: () => Promise.resolve(),
    head: (id) => ({ seq: heads.get(id)?.seq ?? 0, problem: null }),
  };
}

export interface CopyBenchCore {
  /** Called as the executor hands an order to trading (its pre-trade checks, then the paper broker). */
  onSubmit: { listener: (() => void) | null };
  bus: EventBus;
  feed: ScriptedFeed;
  trading: TradingService;
  copy: CopyService;
  streams: LocalLeaderStreams;
  close(): Promise<void>;
}

/**
 * The pieces of a core copying needs, on a real SQLite profile: market (scripted quotes), trading
 * with paper accounts, and the copy service over in-process leader streams (no hub in between).
 */
export async function openCopyBenchCore(dir: string): Promise<CopyBenchCore> {
  const clock = { now: () => Date.now() };
  const db = openDatabase(path.join(dir, 'profile.db'), { log: silentLogger });
  const stopCheckpoints = startCheckpointer(db, silentLogger, Number(process.env.IST_CKPT_MS ?? 2000));
  const bus = createEventBus(() => undefined);
  const feed = createScriptedFeed(clock.now);
  const settings = createSettingsRepository(db, clock.now);
  const market = createMarketService({ feed, repo: createBarRepository(db), clock, log: silentLogger, emit: (t, p) => bus.emit(t, p) });
  const trading = createTradingService({ db, market, settings, clock, log: silentLogger, emit: (t, p) => bus.emit(t, p) });
  const streams = createLocalLeaderStreams();
  const onSubmit: CopyBenchCore['onSubmit'] = { listener: null };
  const probed: TradingService = {
    ...trading,
    place(accountId, request, options) {
      onSubmit.listener?.();
      return trading.place(accountId, request, options);
    },
  };
  const copy = createCopyService({
    db,
    trading: probed,
    market,
    streams,
    hub: { strategyName: () => Promise.resolve('Bench leader'), report: () => undefined },
    clock,
    log: silentLogger,
    emit: (t, p) => bus.emit(t, p),
    on: (t, l) => bus.on(t, l),
  });
  await copy.start();
  return {
    onSubmit,
    bus,
    feed,
    trading,
    copy,
    streams,
    async close() {
      await copy.idle();
      copy.close();
      trading.close();
      market.close();
      stopCheckpoints();
      db.close();
    },
  };
}
