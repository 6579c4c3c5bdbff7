import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ApiError, type EventPayload, type Params, type Result, type TopicName } from '../../shared/contract';
import type { Follow } from '../../shared/contract/copy';
import { guardsSchema, type Guards, type Sizing } from '../../shared/copy/copy-settings';
import { computeStrategyMetrics, copyDivergence, dailySeries, dayIndex, latencyPercentiles, utcDayFromIndex, volatility, dailyReturns } from '../../shared/metrics';
import type { StrategyEvent } from '../../shared/social/strategy-event';
import type { Account } from '../../shared/trading/account';
import type { Instrument } from '../../shared/market/instrument';
import type { MarketService } from '../market/market-service';
import type { Clock, Logger } from '../ports';
import { createFxRates } from '../trading/fx-rates';
import type { TradingService } from '../trading/trading-service';
import { createCopyExecutor, type LiveFollow } from './copy-executor';
import { mapSymbol, planSignal } from './copy-plan';
import { createCopyRepository, type FollowRecord } from './copy-repository';
import { simulateCopy } from './copy-simulation';
import { emptyLeaderState, foldLeaderEvents, leaderDays, type LeaderState } from './leader-state';
import { logView } from './copy-log-view';
import { reconcileFollow, type ReconcileItem } from './copy-reconcile';

/** The verified leader streams (the social client's), as copying needs them. */
export interface CopyLeaderStreams {
  events(strategyId: string, afterSeq: number, limit?: number): StrategyEvent[];
  onVerified(listener: (strategyId: string, event: StrategyEvent) => void): () => void;
  watch(strategyId: string): () => void;
  sync(strategyId: string): Promise<void>;
  head(strategyId: string): { seq: number; problem: { message: string } | null } | undefined;
}

/** What copying asks of the hub: the strategy's name, and copier reports for the leaderboard. */
export interface CopyHub {
  strategyName(strategyId: string): Promise<string>;
  report(report: { strategyId: string; followId: string; active: boolean; returnSinceStart: number | null }): void;
}

export interface CopyServiceDeps {
  db: Database;
  trading: TradingService;
  market: MarketService;
  streams: CopyLeaderStreams;
  hub: CopyHub;
  clock: Clock;
  log: Logger;
  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
  quoteTimeoutMs?: number;
}

export interface CopyService {
  start(): Promise<void>;
  whatIf(params: Params<'copy.whatIf'>): Promise<Result<'copy.whatIf'>>;
  follow(params: Params<'copy.follow'>): Promise<Result<'copy.follow'>>;
  update(params: Params<'copy.update'>): Follow;
  pause(followId: string): Promise<Follow>;
  resume(followId: string): Follow;
  stop(followId: string, closePositions: boolean): Promise<Follow>;
  list(): Follow[];
  log(params: Params<'copy.log'>): Result<'copy.log'>;
  reconcile(followId: string): Result<'copy.reconcile'>;
  fix(followId: string, symbol: string): Promise<Result<'copy.fix'>>;
  /** Resolves when every copy order sent so far has been answered. */
  idle(): Promise<void>;
  close(): void;
}

const DAY_MS = 86_400_000;
const RISK_DAYS = 90;
const invalid = (message: string, path: string): ApiError => new ApiError('INVALID_PARAMS', message, { fields: [{ path, message }] });
const money = (x: number, currency: string): string => `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

export function createCopyService(deps: CopyServiceDeps): CopyService {
  const { trading, market, streams, clock, log } = deps;
  const repo = createCopyRepository(deps.db);
  const fx = createFxRates(market.instruments(), market);
  const executor = createCopyExecutor({
    repo,
    trading,
    market,
    fx,
    leaders: { events: (id, after, limit) => streams.events(id, after, limit), onVerified: (l) => streams.onVerified(l), track: (id) => streams.watch(id) },
    on: deps.on,
    signal: (entry) => deps.emit('copy.signal', entry),
    clock,
    log: log.child({ component: 'copy-executor' }),
    ...(deps.quoteTimeoutMs ? { quoteTimeoutMs: deps.quoteTimeoutMs } : {}),
  });

  // ── Leaders ──────────────────────────────────────────────────────────────────────────────────

  const leaders = new Map<string, LeaderState>();
  /** The leader's state folded from every verified event (incrementally). */
  const leader = (strategyId: string): LeaderState => {
    let state = leaders.get(strategyId);
    if (!state) leaders.set(strategyId, (state = emptyLeaderState()));
    for (;;) {
      const page = streams.events(strategyId, state.seq, 1000);
      if (page.length === 0) break;
      foldLeaderEvents(state, page);
    }
    return state;
  };

  /** Risk mode: target volatility over the leader's volatility of its last 90 return days, capped. */
  const riskScale = (sizing: Sizing, state: LeaderState): number => {
    if (sizing.mode !== 'risk') return 1;
    const r = dailyReturns(leaderDays(state, clock.now())).returns;
    const vol = volatility(r, Math.max(0, r.length - RISK_DAYS));
    if (vol === null || vol <= 0) return 1;
    return Math.min(sizing.maxScale, sizing.targetVolatility / vol);
  };

  const verifiedLeader = async (strategyId: string): Promise<{ name: string; state: LeaderState }> => {
    let name: string;
    try {
      name = await deps.hub.strategyName(strategyId);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') throw invalid(`Unknown strategy ${strategyId}`, 'strategyId');
      throw error;
    }
    await streams.sync(strategyId);
    const head = streams.head(strategyId);
    if (head?.problem) throw new ApiError('RISK_BLOCKED', `The strategy’s stream failed verification: ${head.problem.message}. It cannot be copied.`);
    return { name, state: leader(strategyId) };
  };

  // ── Accounts and allocations ─────────────────────────────────────────────────────────────────

  const instrumentOf = (symbol: string): Instrument | undefined => {
    try {
      return market.instrument(symbol);
    } catch {
      return undefined;
    }
  };

  const accountOf = (accountId: string): Account => {
    try {
      return trading.account(accountId);
    } catch {
      throw invalid(`Unknown account ${accountId}`, 'accountId');
    }
  };
  const allocated = (accountId: string, except?: string): number =>
    executor
      .follows()
      .filter((f) => f.record.accountId === accountId && f.record.state !== 'stopped' && f.record.id !== except)
      .reduce((sum, f) => sum + f.record.settings.allocation, 0);
  const checkAllocation = (account: Account, allocation: number, except?: string): void => {
    const others = allocated(account.id, except);
    const free = account.equity - others;
    if (allocation > free) {
      throw invalid(
        `Allocation ${money(allocation, account.currency)} is above the account’s free equity ${money(Math.max(0, free), account.currency)} (equity ${money(account.equity, account.currency)}, ${money(others, account.currency)} allocated to other copies)`,
        'allocation',
      );
    }
  };
  const checkSymbolMap = (guards: Guards): void => {
    for (const [from, to] of Object.entries(guards.symbolMap)) {
      try {
        market.instrument(to);
      } catch {
        throw invalid(`Symbol map ${from} → ${to}: there is no instrument ${to}`, `guards.symbolMap.${from}`);
      }
    }
  };

  // ── Figures ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Copy return and divergence come from daily series, so they are recomputed at most once a
   * minute per follow (and at once after its settings change): with hundreds of follows, their
   * live updates would otherwise rescan the ledger many times a second.
   */
  const figures = new Map<string, { at: number; copyReturn: number | null; divergence: number | null }>();
  const dailyFigures = (f: LiveFollow): { copyReturn: number | null; divergence: number | null } => {
    const now = clock.now();
    const cached = figures.get(f.record.id);
    if (cached && now - cached.at < 60_000) return cached;
    const today = utcDayFromIndex(dayIndex(now));
    executor.flush();
    const days = dailySeries(repo.marks(f.record.id), repo.flows(f.record.id), today);
    const fresh = {
      at: now,
      copyReturn: days.length > 1 ? computeStrategyMetrics({ days, fills: [] }).periods.all.return : null,
      divergence: days.length > 1 ? copyDivergence(days, leaderDays(leader(f.record.strategyId), now)).sinceStart : null,
    };
    figures.set(f.record.id, fresh);
    return fresh;
  };

  const toFollow = (f: LiveFollow): Follow => {
    const { record } = f;
    const { latencies, slippages, outcomes } = f.quality;
    const { p50, p99, negative } = latencyPercentiles(latencies);
    const equity = executor.equity(f);
    const { copyReturn, divergence } = dailyFigures(f);
    return {
      followId: record.id,
      strategyId: record.strategyId,
      strategyName: record.settings.strategyName,
      accountId: record.accountId,
      allocation: record.settings.allocation,
      sizing: record.settings.sizing,
      guards: record.settings.guards,
      state: record.state,
      stateReason: record.settings.stateReason,
      createdAt: record.createdAt,
      leaderSeq: record.leaderSeq,
      stats: {
        equity,
        pnl: equity - record.settings.allocation,
        return: copyReturn,
        openPositions: [...f.books.values()].filter((b) => b.qty !== 0).length,
        divergence,
        latencyP50: p50,
        latencyP99: p99,
        latencyNegative: negative,
        slippageBps: slippages.length > 0 ? slippages.reduce((a, b) => a + b, 0) / slippages.length : null,
        copied: outcomes.copied,
        skipped: outcomes.skipped,
        blocked: outcomes.blocked,
        pendingOrders: executor.openOrders(record.id),
      },
    };
  };

  const report = (f: LiveFollow): void => {
    const fig = toFollow(f);
    deps.hub.report({ strategyId: f.record.strategyId, followId: f.record.id, active: f.record.state !== 'stopped', returnSinceStart: fig.stats.return });
  };

  const offUpdate = executor.onUpdate((f) => deps.emit('copy.update', toFollow(f)));

  const change = (followId: string, fn: (r: FollowRecord) => FollowRecord): Follow => {
    const f = executor.follow(followId);
    figures.delete(followId);
    if (f.record.state === 'stopped') throw new ApiError('CONFLICT', 'This follow has stopped; start a new one to copy again');
    executor.update(fn(f.record));
    const out = toFollow(f);
    deps.emit('copy.update', out);
    report(f);
    return out;
  };

  // ── Reconciliation ───────────────────────────────────────────────────────────────────────────

  const reconcileItems = (f: LiveFollow): ReconcileItem[] => {
    const state = leader(f.record.strategyId);
    const account = accountOf(f.record.accountId);
    return reconcileFollow({
      follow: f.record,
      books: f.books,
      leader: state,
      allocationEquity: executor.equity(f),
      instrument: instrumentOf,
      price: (symbol) => market.lastQuote(symbol)?.last,
      fxRate: (quoteCurrency) => (quoteCurrency === account.currency ? 1 : fx.rate(quoteCurrency, account.currency)),
      riskScale: riskScale(f.record.settings.sizing, state),
    });
  };

  /**
   * Opens my share of the leader's positions at the start, each as if the leader had opened it
   * now at today's price: sized and guarded like any signal (blocked symbols stay unopened).
   */
  const copyOpenPositions = async (f: LiveFollow, state: LeaderState, account: Account): Promise<void> => {
    const { settings } = f.record;
    const targets = new Map<string, number>();
    const refused: string[] = [];
    for (const [symbol, pos] of state.positions) {
      const mine = mapSymbol(settings.guards, symbol);
      const inst = instrumentOf(mine);
      const quote = market.lastQuote(mine);
      const rate = !inst ? undefined : inst.quoteCurrency === account.currency ? 1 : fx.rate(inst.quoteCurrency, account.currency);
      const plan = planSignal({
        sizing: settings.sizing,
        guards: { ...settings.guards, signalTtlSeconds: 86_400 },
        state: 'active',
        leaderSymbol: symbol,
        trade: { before: 0, after: pos.qty, price: quote?.last ?? pos.price, fxRate: pos.fxRate, equity: state.equity! },
        signedAt: clock.now(),
        now: clock.now(),
        instrument: inst && { symbol: inst.symbol, lotStep: inst.lotStep, minQty: inst.minQty, tickSize: inst.tickSize },
        me: { allocationEquity: settings.allocation, price: quote?.last ?? 0, fxRate: rate ?? 0, riskScale: riskScale(settings.sizing, state) },
        book: { ideal: 0, actual: 0, openSymbols: targets.size, grossExposure: [...targets].reduce((g, [s, q]) => g + Math.abs(q) * (market.lastQuote(s)?.last ?? 0), 0) },
      });
      if (plan.outcome === 'copied' && plan.orders.length > 0) targets.set(mine, plan.ideal);
      else refused.push(`${symbol}: ${plan.outcome === 'copied' ? 'nothing to open' : plan.message}`);
    }
    const note = refused.length > 0 ? ` (not opened — ${refused.join('; ')})` : '';
    await executor.rebalance(f, targets, 'open', `Copied the leader’s ${targets.size} open position${targets.size === 1 ? '' : 's'} at the start${note}`);
  };

  return {
    async start() {
      await executor.start();
      for (const f of executor.follows()) {
        if (f.record.state !== 'stopped') executor.setRiskScale(f.record.id, riskScale(f.record.settings.sizing, leader(f.record.strategyId)));
      }
    },

    async whatIf(params) {
      const account = accountOf(params.accountId);
      checkSymbolMap(params.guards);
      const { state } = await verifiedLeader(params.strategyId);
      const now = clock.now();
      const fromMs = (dayIndex(now) - Math.round(params.months * 30.44)) * DAY_MS;
      const before = foldLeaderEvents(emptyLeaderState(), streams.events(params.strategyId, 0, 1_000_000).filter((e) => e.body.time < fromMs));
      const fills = state.fills.filter((f) => f.time >= fromMs);
      const symbols = new Set([...fills.map((f) => f.symbol), ...before.positions.keys()].map((s) => params.guards.symbolMap[s] ?? s));
      const closes = new Map<string, Map<number, number>>();
      const days = Math.round(params.months * 30.44) + 2;
      for (const symbol of symbols) {
        try {
          const bars = await market.bars(symbol, '1D', undefined, days);
          closes.set(symbol, new Map(bars.map((b) => [dayIndex(b.time), b.close])));
        } catch {
          // Not an instrument of mine: the planner skips its trades with the reason.
        }
      }
      const sim = simulateCopy({
        fills,
        openAtStart: before.positions,
        leaderEquityAtStart: before.equity ?? 0,
        sizing: params.sizing,
        guards: params.guards,
        allocation: params.allocation,
        takerFeeBps: account.takerFeeBps,
        instrument: (symbol) => {
          const i = instrumentOf(symbol);
          return i && { symbol: i.symbol, lotStep: i.lotStep, minQty: i.minQty, tickSize: i.tickSize };
        },
        fxRate: (symbol) => {
          const i = instrumentOf(symbol);
          return !i || i.quoteCurrency === account.currency ? 1 : (fx.rate(i.quoteCurrency, account.currency) ?? 1);
        },
        close: (symbol, day) => closes.get(symbol)?.get(day),
        riskScale: riskScale(params.sizing, state),
        fromMs,
        toMs: now,
      });
      const follower = computeStrategyMetrics({ days: sim.days, fills: sim.fills });
      const leaderSeries = leaderDays(state, now).filter((d) => dayIndex(Date.parse(`${d.day}T00:00:00Z`)) >= dayIndex(fromMs) - 1);
      const leaderMetrics = computeStrategyMetrics({ days: leaderSeries, fills: fills.map((f) => ({ symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee: f.fee, fxRate: f.fxRate, time: f.time, lotStep: f.lotStep })) });
      // Trade figures of the copy come from its own simulated fills; the equity figures from its days.
      return {
        follower: { index: follower.index, stats: follower.periods.all, riskScore: follower.riskScore },
        leader: { index: leaderMetrics.index, stats: leaderMetrics.periods.all, riskScore: leaderMetrics.riskScore },
        finalEquity: sim.finalEquity,
        copied: sim.copied,
        skipped: sim.skipped,
        reasons: sim.reasons,
        from: follower.firstDay,
        to: follower.lastDay,
      };
    },

    async follow(params) {
      const account = accountOf(params.accountId);
      checkSymbolMap(params.guards);
      checkAllocation(account, params.allocation);
      const { name, state } = await verifiedLeader(params.strategyId);
      // Again after the wait: another follow may have taken the equity meanwhile.
      checkAllocation(accountOf(params.accountId), params.allocation);
      const now = clock.now();
      const record: FollowRecord = {
        id: `f_${crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`,
        strategyId: params.strategyId,
        accountId: account.id,
        state: 'active',
        createdAt: now,
        leaderSeq: state.seq,
        startSeq: state.seq,
        settings: { allocation: params.allocation, sizing: params.sizing, guards: params.guards, strategyName: name, stateReason: null },
      };
      repo.transaction(() => {
        repo.insertFollow(record);
        // The base of the copy return (METRICS.md): the copy's equity at the end of the day the
        // follow starts — the executor keeps this same end-of-day mark current through the day.
        repo.upsertMark(record.id, Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - 1, params.allocation, 0);
      });
      executor.add(record);
      const f = executor.follow(record.id);
      executor.setRiskScale(record.id, riskScale(params.sizing, state));
      log.info({ followId: record.id, strategyId: record.strategyId, accountId: record.accountId, allocation: params.allocation, mode: params.sizing.mode }, 'copy follow started');
      if (params.guards.copyOpenPositions && state.positions.size > 0 && state.equity) await copyOpenPositions(f, state, account);
      report(f);
      const follow = toFollow(f);
      deps.emit('copy.update', follow);
      return { followId: record.id, follow };
    },

    update(params) {
      const f = executor.follow(params.followId);
      if (f.record.state === 'stopped') throw new ApiError('CONFLICT', 'This follow has stopped; start a new one to copy again');
      const account = accountOf(f.record.accountId);
      // Only the guards given change; the others keep their values.
      const guards = params.guards ? guardsSchema.parse({ ...f.record.settings.guards, ...params.guards }) : f.record.settings.guards;
      checkSymbolMap(guards);
      if (params.allocation !== undefined) checkAllocation(account, params.allocation, f.record.id);
      const flow = params.allocation !== undefined ? params.allocation - f.record.settings.allocation : 0;
      // The allocation change is a flow of the copy's sub-ledger: written with the new setting, or not at all.
      const out = repo.transaction(() => {
        if (flow !== 0) repo.insertFlow(f.record.id, clock.now(), flow);
        return change(params.followId, (r) => ({ ...r, settings: { ...r.settings, allocation: params.allocation ?? r.settings.allocation, sizing: params.sizing ?? r.settings.sizing, guards } }));
      });
      if (params.sizing) executor.setRiskScale(f.record.id, riskScale(params.sizing, leader(f.record.strategyId)));
      return out;
    },
    async pause(followId) {
      const out = change(followId, (r) => ({ ...r, state: 'paused', settings: { ...r.settings, stateReason: 'Paused by you' } }));
      // A limit order still working would trade after the pause.
      await executor.cancelWorking(executor.follow(followId), 'cancelled: the copy was paused');
      return out;
    },
    resume: (followId) => change(followId, (r) => ({ ...r, state: 'active', settings: { ...r.settings, stateReason: null } })),
    async stop(followId, closePositions) {
      const f = executor.follow(followId);
      if (f.record.state === 'stopped') throw new ApiError('CONFLICT', 'This follow has already stopped');
      const record: FollowRecord = { ...f.record, state: 'stopped', settings: { ...f.record.settings, stateReason: closePositions ? 'Stopped by you; positions closed' : 'Stopped by you; positions kept' } };
      if (closePositions) {
        // The stop and the orders that close the copy are written as one decision.
        const symbols = new Set([...f.books.keys(), ...f.pending.keys()]);
        await executor.rebalance(f, new Map([...symbols].map((s) => [s, 0])), 'stop', 'Stopped: closing every copied position', { record });
      } else {
        await executor.cancelWorking(f, 'cancelled: the copy was stopped');
        executor.update(record);
      }
      report(f);
      const out = toFollow(f);
      deps.emit('copy.update', out);
      return out;
    },
    list: () => executor.follows().map(toFollow),
    log(params) {
      executor.follow(params.followId);
      executor.flush();
      const entries = repo.log(params.followId, params.cursor === undefined ? undefined : Number(params.cursor), params.limit).map((e) => executor.entry(e.id) ?? logView(e, []));
      return { entries, nextCursor: entries.length === params.limit ? String(entries.at(-1)!.id) : null };
    },
    reconcile(followId) {
      const f = executor.follow(followId);
      return { followId, items: reconcileItems(f), checkedAt: clock.now() };
    },
    async fix(followId, symbol) {
      const f = executor.follow(followId);
      const item = reconcileItems(f).find((i) => i.symbol === symbol);
      if (!item) throw new ApiError('NOT_FOUND', `${symbol} matches what the leader’s stream implies: nothing to fix`);
      if (!item.fix) throw new ApiError('CONFLICT', `${symbol} cannot be fixed now: ${item.note ?? 'no order would change it'}`);
      return executor.rebalance(f, new Map([[symbol, item.expected]]), `fix:${symbol}`, `Fixed ${item.kind} in ${symbol}: ${item.fix.side} ${item.fix.qty} to reach ${item.expected}`);
    },
    idle: () => executor.idle(),
    close() {
      offUpdate();
      executor.close();
      fx.close();
    },
  };
}

export type { ReconcileItem };
