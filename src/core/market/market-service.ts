import { ApiError, type EventPayload, type Quote, type TopicName } from '../../shared/contract';
import type { Bar } from '../../shared/market/bar';
import type { Instrument } from '../../shared/market/instrument';
import { bucketStart, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../shared/market/timeframes';
import type { Clock, Logger } from '../ports';
import type { BarRepository } from './bar-repository';
import { createCandleAggregator } from './candle-aggregator';
import type { MarketFeed, Tick } from './market-feed';
import { searchInstruments } from '../../shared/market/instrument-search';
import { isMarketOpen } from '../../shared/market/trading-hours';

export interface MarketServiceDeps {
  feed: MarketFeed;
  repo: BarRepository;
  clock: Clock;
  log: Logger;
  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void;
  /** Coalescing period of live events (default 50 ms: at most 20 a second per symbol). */
  flushMs?: number;
}

export interface MarketService {
  instruments(query?: string): Instrument[];
  /** The instrument, or INVALID_PARAMS naming the unknown symbol. */
  instrument(symbol: string): Instrument;
  bars(symbol: string, tf: Timeframe, before: number | undefined, limit: number): Promise<Bar[]>;
  /**
   * Reference-counted live data: a symbol is live (ticking, quoting) while anything holds it;
   * `tf` undefined holds quotes only, a timeframe also sends its `market.bar` events.
   */
  acquire(symbol: string, tf: Timeframe | undefined): void;
  release(symbol: string, tf: Timeframe | undefined): void;
  lastQuote(symbol: string): Quote | undefined;
  /**
   * Every quote of a symbol as it happens (not coalesced), for matching and marking; the symbol is
   * held live until the returned disposer runs. A closed market's last price arrives once.
   */
  watchQuotes(symbol: string, listener: (quote: Quote) => void): () => void;
  /** Writes bars (already validated) in one transaction, replacing what the cache had. */
  importBars(symbol: string, tf: Timeframe, bars: readonly Bar[]): void;
  close(): void;
}

const SECOND_BARS_KEPT_MS = 2 * 86_400_000;
const PRUNE_EVERY_MS = 15 * 60_000;

interface Live {
  refs: number;
  tfRefs: Map<Timeframe, number>;
  off?: () => void;
  quote?: Quote;
  prevClose: number | null;
  dirty: boolean;
  closed: Map<Timeframe, Bar[]>;
  watchers: Set<(quote: Quote) => void>;
}

/**
 * Market data for the whole core: history served from the SQLite cache and backfilled from the
 * feed, live ticks aggregated into bars for every timeframe, events coalesced per symbol.
 */
export function createMarketService(deps: MarketServiceDeps): MarketService {
  const { feed, repo, clock, log } = deps;
  let bySymbol = new Map(feed.instruments().map((i) => [i.symbol, i]));
  // A live account's exchange adds its markets when it connects.
  const offInstruments = feed.onInstrumentsChanged?.((venue, count) => {
    bySymbol = new Map(feed.instruments().map((i) => [i.symbol, i]));
    deps.emit('market.instruments', { venue, count });
  });
  const live = new Map<string, Live>();
  const pendingWrites: Array<{ symbol: string; tf: Timeframe; bar: Bar }> = [];

  const aggregator = createCandleAggregator({
    onBarClosed(symbol, tf, bar) {
      pendingWrites.push({ symbol, tf, bar });
      const l = live.get(symbol);
      if (l?.tfRefs.has(tf)) {
        const list = l.closed.get(tf) ?? [];
        list.push(bar);
        l.closed.set(tf, list);
      }
    },
  });

  const onTick = (tick: Tick): void => {
    const l = live.get(tick.symbol);
    if (!l) return;
    // A quote-only tick (the book moved, nothing traded) adds nothing to the bars.
    if (tick.lastSize > 0) aggregator.addTrade(tick.symbol, tick.time, tick.last, tick.lastSize);
    l.quote = { symbol: tick.symbol, time: tick.time, bid: tick.bid, ask: tick.ask, bidSize: tick.bidSize, askSize: tick.askSize, last: tick.last, prevClose: l.prevClose };
    l.dirty = true;
    notify(l, l.quote);
  };

  const notify = (l: Live, quote: Quote): void => {
    for (const watcher of l.watchers) {
      try {
        watcher(quote);
      } catch (error) {
        log.error({ symbol: quote.symbol, err: String(error) }, 'quote watcher failed');
      }
    }
  };

  const flush = (): void => {
    for (const [symbol, l] of live) {
      if (!l.dirty) continue;
      l.dirty = false;
      if (l.quote) deps.emit('market.quote', l.quote);
      for (const tf of l.tfRefs.keys()) {
        for (const bar of l.closed.get(tf) ?? []) deps.emit('market.bar', { symbol, timeframe: tf, bar, final: true });
        l.closed.delete(tf);
        const forming = aggregator.forming(symbol, tf);
        if (forming) deps.emit('market.bar', { symbol, timeframe: tf, bar: forming, final: false });
      }
    }
    if (pendingWrites.length > 0) {
      const writes = pendingWrites.splice(0);
      try {
        repo.transaction(() => {
          for (const w of writes) {
            repo.upsert(w.symbol, w.tf, [w.bar]);
            // A bar built from live trades counts as fetched: no backfill will refetch it.
            repo.addCoverage(w.symbol, w.tf, { from: w.bar.time, to: w.bar.time + TIMEFRAME_MS[w.tf] });
          }
        });
      } catch (error) {
        log.error({ err: String(error), bars: writes.length }, 'writing live bars failed');
      }
    }
  };
  const timer = setInterval(flush, deps.flushMs ?? 50);
  timer.unref();
  // 1s bars are for the session at hand: a day of them per symbol is 86,400 rows. Keep two days.
  const prune = (): void => {
    try {
      const removed = repo.pruneBefore('1s', clock.now() - SECOND_BARS_KEPT_MS);
      if (removed > 0) log.info({ removed }, 'pruned old 1s bars');
    } catch (error) {
      log.error({ err: String(error) }, 'pruning 1s bars failed');
    }
  };
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  pruneTimer.unref();
  prune();

  const instrument = (symbol: string): Instrument => {
    const found = bySymbol.get(symbol);
    if (!found) throw new ApiError('INVALID_PARAMS', `Unknown symbol "${symbol}"`, { fields: [{ path: 'symbol', message: `unknown symbol "${symbol}"` }] });
    return found;
  };

  /** Fetches from the feed what the cache has not covered in [from, to) — closed bars only. */
  const ensureCovered = async (symbol: string, tf: Timeframe, from: number, to: number): Promise<void> => {
    const span = TIMEFRAME_MS[tf];
    for (const gap of repo.uncovered(symbol, tf, from, to)) {
      const now = clock.now();
      const fetched = await feed.history(symbol, tf, gap.from, gap.to);
      const complete = fetched.filter((b) => b.time >= gap.from && b.time < gap.to && b.time + span <= now);
      repo.transaction(() => {
        repo.insertMissing(symbol, tf, complete);
        repo.addCoverage(symbol, tf, gap);
      });
    }
  };

  const formingBar = async (symbol: string, tf: Timeframe, now: number): Promise<Bar | undefined> => {
    const start = bucketStart(now, tf);
    const fromLive = live.has(symbol) ? aggregator.forming(symbol, tf) : undefined;
    if (fromLive && fromLive.time === start) return fromLive;
    const fetched = await feed.history(symbol, tf, start, now + 1);
    const last = fetched.at(-1);
    return last && last.time === start ? last : undefined;
  };

  const seed = async (symbol: string, l: Live): Promise<void> => {
    const now = clock.now();
    for (const tf of TIMEFRAMES) {
      const bar = await formingBar(symbol, tf, now);
      if (bar) aggregator.seed(symbol, tf, bar);
    }
    // Daily bars exist only for days that traded: the last is the latest session (maybe today's,
    // still forming), the one before it gives the day's change.
    const days = await feed.history(symbol, '1D', now - 14 * TIMEFRAME_MS['1D'], now + 1);
    l.prevClose = days.at(-2)?.close ?? null;
    const latest = days.at(-1);
    if (latest && !l.quote && !isMarketOpen(instrument(symbol).tradingHours, now)) {
      // A closed market sends no ticks: start from its last price so a watchlist is never blank.
      l.quote = { symbol, time: now, bid: latest.close, ask: latest.close, bidSize: 0, askSize: 0, last: latest.close, prevClose: l.prevClose };
      l.dirty = true;
      notify(l, l.quote);
    }
  };

  /**
   * Live trades were lost in [from, to) (a dropped stream): the bars of that span are fetched
   * again from the feed and replace what the trades built, then charts are told to reload.
   */
  const backfill = async (symbol: string, from: number, to: number): Promise<void> => {
    const now = clock.now();
    for (const tf of TIMEFRAMES) {
      if (tf === '1s') continue;
      const start = bucketStart(from, tf);
      const fetched = await feed.history(symbol, tf, start, Math.min(to, now) + 1);
      const span = TIMEFRAME_MS[tf];
      const complete = fetched.filter((b) => b.time + span <= now);
      repo.transaction(() => {
        repo.upsert(symbol, tf, complete);
        if (complete.length > 0) repo.addCoverage(symbol, tf, { from: start, to: complete.at(-1)!.time + span });
      });
      const forming = fetched.at(-1);
      if (forming && forming.time + span > now && live.has(symbol)) aggregator.seed(symbol, tf, forming);
    }
    deps.emit('market.history', { symbol, from: bucketStart(from, '1m'), to: now });
  };
  const offGaps = feed.onHistoryGap?.((symbol, from, to) => {
    backfill(symbol, from, to).catch((error: unknown) => log.error({ symbol, err: String(error) }, 'backfilling a gap failed'));
  });

  const service: MarketService = {
    instruments: (query) => searchInstruments([...bySymbol.values()], query),
    instrument,
    async bars(symbol, tf, before, limit) {
      instrument(symbol);
      const now = clock.now();
      const span = TIMEFRAME_MS[tf];
      const current = bucketStart(now, tf);
      const end = Math.min(before ?? Number.POSITIVE_INFINITY, current);
      const floor = feed.historyStart(symbol);
      let windowStart = Math.max(floor, end - limit * span);
      // Closed markets leave fewer bars than the span suggests: widen until full or at the start.
      for (let attempt = 0; attempt < 12 && end > windowStart; attempt++) {
        await ensureCovered(symbol, tf, windowStart, end);
        const have = repo.count(symbol, tf, windowStart, end);
        if (have >= limit || windowStart <= floor) break;
        windowStart = Math.max(floor, windowStart - Math.max((limit - have) * span * 2, span * 64));
      }
      const bars = repo.latestBefore(symbol, tf, end, limit);
      if (before === undefined || before > current) {
        const forming = await formingBar(symbol, tf, now);
        if (forming) {
          bars.push(forming);
          if (bars.length > limit) bars.shift();
        }
      }
      return bars;
    },
    acquire(symbol, tf) {
      instrument(symbol);
      let l = live.get(symbol);
      if (!l) {
        const created: Live = { refs: 0, tfRefs: new Map(), prevClose: null, dirty: false, closed: new Map(), watchers: new Set() };
        l = created;
        live.set(symbol, created);
        seed(symbol, created).then(
          () => {
            // Released while seeding: nothing to start.
            if (live.get(symbol) === created) created.off = feed.subscribe([symbol], onTick);
          },
          (error: unknown) => log.error({ symbol, err: String(error) }, 'starting live data failed'),
        );
      }
      l.refs++;
      if (tf) l.tfRefs.set(tf, (l.tfRefs.get(tf) ?? 0) + 1);
    },
    release(symbol, tf) {
      const l = live.get(symbol);
      if (!l) return;
      if (tf) {
        const n = (l.tfRefs.get(tf) ?? 0) - 1;
        if (n > 0) l.tfRefs.set(tf, n);
        else l.tfRefs.delete(tf);
      }
      l.refs--;
      if (l.refs <= 0) {
        l.off?.();
        live.delete(symbol);
      }
    },
    lastQuote: (symbol) => live.get(symbol)?.quote,
    watchQuotes(symbol, listener) {
      service.acquire(symbol, undefined);
      const l = live.get(symbol)!;
      l.watchers.add(listener);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        l.watchers.delete(listener);
        service.release(symbol, undefined);
      };
    },
    importBars(symbol, tf, bars) {
      instrument(symbol);
      repo.transaction(() => repo.upsert(symbol, tf, bars));
    },
    close() {
      offInstruments?.();
      offGaps?.();
      clearInterval(timer);
      clearInterval(pruneTimer);
      flush();
      for (const l of live.values()) l.off?.();
      live.clear();
      feed.close();
    },
  };
  return service;
}
